/**
 * `writeCase`: streams a synthetic case to DIR/records.jsonl (canonical JSONL) and
 * DIR/truth.json (ground truth, planted entities streamed in), in constant memory.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ClewError } from '../model/errors.js';
import { generateCase } from './generate.js';
import type { SynthOptions, SynthStats } from './types.js';

export interface SynthProgress {
  /** Records written so far (all types). */
  records: number;
  /** Messages written so far, and the total that will be written. */
  messages: number;
  totalMessages: number;
}

export interface WriteCaseResult {
  recordsPath: string;
  truthPath: string;
  stats: SynthStats;
  bytes: number;
  seconds: number;
}

/**
 * Writes DIR/records.jsonl and DIR/truth.json (existing files are replaced). Options are
 * validated first (ClewError INVALID_ARGUMENT); `onProgress` is called after every chunk
 * (one simulated day, or ~1 MiB of header records).
 */
export async function writeCase(outDir: string, opts: SynthOptions, onProgress?: (p: SynthProgress) => void): Promise<WriteCaseResult> {
  const t0 = process.hrtime.bigint();
  const c = generateCase(opts);
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw new ClewError('INVALID_ARGUMENT', `synth: cannot create ${outDir}`, { path: outDir }, { cause: e });
  }
  const recordsPath = join(outDir, 'records.jsonl');
  const truthPath = join(outDir, 'truth.json');
  let rfd: number;
  let tfd: number;
  try {
    rfd = openSync(recordsPath, 'w');
  } catch (e) {
    throw new ClewError('INVALID_ARGUMENT', `synth: cannot write ${recordsPath}`, { path: recordsPath }, { cause: e });
  }
  try {
    tfd = openSync(truthPath, 'w');
  } catch (e) {
    closeSync(rfd);
    throw new ClewError('INVALID_ARGUMENT', `synth: cannot write ${truthPath}`, { path: truthPath }, { cause: e });
  }
  let bytes = 0;
  try {
    const head = JSON.stringify(c.truth, null, 1);
    writeSync(tfd, head.slice(0, head.lastIndexOf('}')).trimEnd() + ',\n "planted": [\n');
    let first = true;
    let tbuf = '';
    const it = c.chunks((p) => {
      tbuf += (first ? '' : ',\n') + JSON.stringify(p);
      first = false;
      if (tbuf.length > 1 << 20) {
        writeSync(tfd, tbuf);
        tbuf = '';
      }
    });
    let records = 0;
    let messages = 0;
    let lastYield = Date.now();
    let r = it.next();
    while (!r.done) {
      const chunk = r.value;
      bytes += writeSync(rfd, chunk.data);
      records += chunk.records;
      messages += chunk.messages;
      onProgress?.({ records, messages, totalMessages: c.options.messages });
      if (Date.now() - lastYield > 200) {
        // Let the event loop breathe (progress bars, signals).
        await new Promise<void>((res) => setImmediate(res));
        lastYield = Date.now();
      }
      r = it.next();
    }
    const stats = r.value;
    writeSync(tfd, tbuf + '\n ],\n "stats": ' + JSON.stringify(stats) + ',\n "observed_organisation_network": ' + JSON.stringify(c.observedNetwork()) + '\n}\n');
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return { recordsPath, truthPath, stats, bytes, seconds };
  } finally {
    closeSync(rfd);
    closeSync(tfd);
  }
}
