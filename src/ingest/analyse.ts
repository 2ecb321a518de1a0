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
import { createHash } from 'node:crypto';
import type { Mention } from '../model/entities.js';
import type { ClewRecord, MessageRecord } from '../model/records.js';
import { type Analyser, type MessageAnalysis, createAnalyser } from '../text/analyse.js';

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
  return createHash('sha1').update(`${r.ts}\u0000${r.from}\u0000${addressees}\u0000`).update(r.body).digest('base64');
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

  /** Attach its analysis to every message of the batch (its duplicates within the source aside), in order. */
  run(items: readonly AnalysableItem[]): void {
    for (const it of items) {
      if (it.kind !== 'record' || it.record.type !== 'message') continue;
      const key = duplicateKey(it.record);
      if (this.seen.has(key)) continue; // a copy: the writer links it, unread
      if (this.seen.size >= MAX_SEEN) this.seen.clear();
      this.seen.add(key);
      it.analysis = this.analyser.analyse(it.record.body, threadKey(it.record));
    }
  }
}

export type { MessageAnalysis, Mention };
