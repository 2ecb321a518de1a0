/**
 * The ingest pipeline's analyse stage (parse → analyse → write): each message's language and
 * entity mentions (the case's code words included), found before the batch goes to the store,
 * whose writers then only store what they are given (store/types.ts BatchItem.analysis).
 *
 * The language fallback groups messages by thread: a conversation, or the pair of accounts of a
 * one-to-one message, named here by their refs (a conversation ref is source-scoped, as the
 * stage is: one per source written). A duplicate (same sender, time, body and recipients, or
 * conversation: what the store links to its first copy) is read once, as the writers did: its
 * copies within the source are skipped here (so they weigh nothing in the language statistics),
 * and the writer drops the analysis of a copy of a message stored by an earlier source.
 */
import { hash } from 'node:crypto';
import type { Mention } from '../model/entities.js';
import type { ClewRecord, MessageRecord } from '../model/records.js';
import { type Analyser, type MessageAnalysis, createAnalyser } from '../text/analyse.js';
import type { AnalysePool } from './analyse-pool.js';

export interface AnalyseOptions {
  /** Region for phone numbers written without a country code. */
  defaultRegion?: string;
  /** The case's code words. */
  lexicon?: readonly { term: string; means: string; type: string | null }[];
}

/** A batch item as the stage sees it: a record item may take its message's analysis. */
export type AnalysableItem = { kind: 'record'; record: ClewRecord; analysis?: MessageAnalysis } | { kind: 'reject' };

/** The thread a message belongs to for the language fallback (null: none). */
export function threadKey(r: MessageRecord): string | null {
  if (r.conversation !== undefined) return `c:${r.conversation}`;
  const to = new Set(r.to);
  if (to.size !== 1) return null;
  const [other] = to;
  return r.from < other! ? `p:${r.from}\u0000${other}` : `p:${other}\u0000${r.from}`;
}

/** The identity of a message as duplicate linking sees it (model/edges.ts messageRecipients; store writers). */
function duplicateKey(r: MessageRecord): string {
  const addressees = r.to.length === 0 && r.conversation !== undefined ? `c\u0000${r.conversation}` : `r\u0000${[...new Set(r.to)].sort().join('\u0000')}`;
  // one call (crypto.hash), not a Hash object per message: the same digest at a third of the cost
  return hash('sha1', `${r.ts}\u0000${r.from}\u0000${addressees}\u0000${r.body}`, 'base64');
}

/** First copies remembered to recognise their duplicates (bounded: a very large source forgets, and reads a late copy again). */
const MAX_SEEN = 1_000_000;

export class AnalyseStage {
  private readonly seen = new Set<string>();

  private constructor(private readonly analyser: Analyser) {}

  static async create(opts: AnalyseOptions = {}): Promise<AnalyseStage> {
    return new AnalyseStage(
      await createAnalyser({ defaultRegion: opts.defaultRegion, lexicon: (opts.lexicon ?? []).map((e) => ({ term: e.term, means: e.means, type: e.type ?? undefined })) }),
    );
  }

  /**
   * Attach its analysis to every message of the batch (its duplicates within the source aside), in
   * order. A message the analyser throws on is given to `failed` (the pipeline quarantines it).
   */
  run(items: readonly AnalysableItem[], failed: (index: number, reason: string) => void = rethrow): void {
    for (const j of this.languages(items)) {
      const it = items[j.index] as Extract<AnalysableItem, { kind: 'record' }>;
      try {
        it.analysis = { lang: j.lang, langConfidence: j.langConfidence, mentions: this.analyser.mentions(j.text, j.lang) };
      } catch (e) {
        failed(j.index, `the message could not be analysed (${e instanceof Error ? e.message : String(e)})`);
      }
    }
  }

  /**
   * `run` with the entity half in `pool`'s threads: the languages are decided now, in order (they
   * depend on the messages before); the returned promise attaches the mentions as the threads give them.
   */
  async runIn(pool: AnalysePool, items: readonly AnalysableItem[], failed: (index: number, reason: string) => void): Promise<void> {
    const jobs = this.languages(items);
    const found = await pool.mentions(
      jobs.map((j) => j.text),
      jobs.map((j) => j.lang),
    );
    jobs.forEach((j, k) => {
      const m = found[k]!;
      if ('error' in m) failed(j.index, `the message could not be analysed: ${m.error}`);
      else (items[j.index] as Extract<AnalysableItem, { kind: 'record' }>).analysis = { lang: j.lang, langConfidence: j.langConfidence, mentions: m };
    });
  }

  /** The language half, in order: the messages to read, with their language. */
  private languages(items: readonly AnalysableItem[]): { index: number; text: string; lang: string | null; langConfidence: number }[] {
    const jobs: { index: number; text: string; lang: string | null; langConfidence: number }[] = [];
    items.forEach((it, index) => {
      if (it.kind !== 'record' || it.record.type !== 'message') return;
      const key = duplicateKey(it.record);
      if (this.seen.has(key)) return; // a copy: the writer links it, unread
      if (this.seen.size >= MAX_SEEN) this.seen.clear();
      this.seen.add(key);
      const { lang, langConfidence } = this.analyser.language(it.record.body, threadKey(it.record));
      jobs.push({ index, text: it.record.body, lang, langConfidence });
    });
    return jobs;
  }
}

function rethrow(_index: number, reason: string): never {
  throw new Error(reason);
}

export type { MessageAnalysis, Mention };
