/**
 * What crosses between the analyse pool (src/ingest/analyse-pool.ts) and its threads
 * (src/ingest/analyse-worker.ts): a chunk of texts packed for the structured clone, and the sparse reply.
 */
import type { Mention } from '../model/entities.js';

/**
 * A chunk of texts as it crosses to a thread: one string holding them all with the end of each, and
 * each one's language as an index into `langNames` (-1: none). Structured clone copies one string
 * and two typed arrays (transferred) instead of thousands of small strings.
 */
export interface AnalyseTask {
  id: number;
  text: string;
  ends: Uint32Array;
  langNames: string[];
  langs: Int16Array;
}

/**
 * Per text with something to say: its index in the chunk and its mentions, or why it could not be read
 * (the pipeline quarantines that message). Texts with no mention (most of them) are left out.
 */
export type AnalyseReply = { at: number; found: Mention[] | { error: string } }[];

/** A chunk of texts and their languages as a task (the inverse of `unpackTask`). */
export function packTask(id: number, texts: readonly string[], langs: readonly (string | null)[]): AnalyseTask {
  const ends = new Uint32Array(texts.length);
  const langNames: string[] = [];
  const codes = new Int16Array(texts.length);
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    at += texts[i]!.length;
    ends[i] = at;
    const l = langs[i] ?? null;
    if (l === null) codes[i] = -1;
    else {
      let k = langNames.indexOf(l);
      if (k < 0) k = langNames.push(l) - 1;
      codes[i] = k;
    }
  }
  return { id, text: texts.join(''), ends, langNames, langs: codes };
}

/** The texts and languages of a task. */
export function unpackTask(task: AnalyseTask): { texts: string[]; langs: (string | null)[] } {
  const texts: string[] = [];
  const langs: (string | null)[] = [];
  let start = 0;
  for (let i = 0; i < task.ends.length; i++) {
    const end = task.ends[i]!;
    texts.push(task.text.slice(start, end));
    start = end;
    const k = task.langs[i]!;
    langs.push(k < 0 ? null : task.langNames[k]!);
  }
  return { texts, langs };
}
