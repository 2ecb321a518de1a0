/**
 * One thread of the ingest's analyse pool (src/ingest/analyse-pool.ts): the entity half of a
 * message's analysis (13 extractors and the case's code words), for texts whose language the
 * pipeline has already decided in order (text/analyse.ts `Analyser.mentions`, which keeps no
 * state, so any thread gives the same mentions). Started from dist/ by the pool.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createMentionReader } from '../text/analyse.js';
import type { AnalyseOptions } from './analyse.js';
import { type AnalyseReply, type AnalyseTask, unpackTask } from './analyse-task.js';

const opts = (workerData ?? {}) as AnalyseOptions;
const read = createMentionReader({
  defaultRegion: opts.defaultRegion,
  lexicon: (opts.lexicon ?? []).map((e) => ({ term: e.term, means: e.means, type: e.type ?? undefined })),
});

/**
 * TEST ONLY (src/api/ingest-pool.test.ts): `exit:MARK` ends this thread, `throw:MARK` throws, on a
 * text containing MARK, to prove a crash on one message quarantines that message and loses nothing else.
 */
const FAULT = /^(exit|throw):(.+)$/s.exec(process.env.CLEW_TEST_ANALYSE_FAULT ?? '');

function analyse(task: AnalyseTask): AnalyseReply {
  const { texts, langs } = unpackTask(task);
  const reply: AnalyseReply = [];
  texts.forEach((text, i) => {
    try {
      if (FAULT && text.includes(FAULT[2]!)) {
        if (FAULT[1] === 'exit') process.exit(70);
        throw new Error('test fault');
      }
      const found = read(text, langs[i] ?? null);
      if (found.length > 0) reply.push({ at: i, found });
    } catch (e) {
      reply.push({ at: i, found: { error: e instanceof Error ? e.message : String(e) } });
    }
  });
  return reply;
}

parentPort?.on('message', (task: AnalyseTask) => {
  parentPort!.postMessage({ id: task.id, reply: analyse(task) });
});
