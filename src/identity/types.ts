/**
 * What identity resolution reads (the api loads it from the case store) and what it returns.
 * Account ids are the case's account ids; nothing here changes source records.
 */

export interface HandleInfo {
  id: number;
  ref: string;
  handle: string;
  displayName: string | null;
  /** First and last message sent (UTC ms), null when the handle never sent one. */
  first: number | null;
  last: number | null;
  messages: number;
  /** Messages sent per UTC hour of day (24 entries). */
  hours: number[];
  /** Mean body length of the messages sent (writing habit). */
  meanLength: number;
}

export interface ContactEntry {
  owner: number;
  contact: number;
  name: string;
}

export interface LinkEntry {
  a: number;
  b: number;
  count: number;
}

export interface IdentifierEntry {
  account: number;
  /** imei, phone, email, iban, crypto, … */
  type: string;
  value: string;
  /** The message that mentions it; null for a device record. */
  messageId: number | null;
}

export interface StatementMessage {
  id: number;
  sender: number;
  recipients: number[];
  ts: number;
  body: string;
}

export interface ResolveInput {
  handles: HandleInfo[];
  contacts: ContactEntry[];
  links: LinkEntry[];
  identifiers: IdentifierEntry[];
  /** Candidate messages for explicit statements (prefiltered by STATEMENT_PHRASES). */
  statements: StatementMessage[];
  /** Decided persons: account → person id. */
  members: { account: number; person: number }[];
  /** Rejected pairs (never suggested again). */
  rejected: [number, number][];
}

export type SignalName = 'names' | 'contacts' | 'timing' | 'hours' | 'habits' | 'identifiers' | 'statements';

export interface Evidence {
  signal: SignalName;
  /** The signal's weight (log-odds per unit of value). */
  weight: number;
  /** The signal's measured value (a similarity in [0, 1], a count, …). */
  value: number;
  /** Log-odds added to the score: what this evidence counted for. */
  contribution: number;
  summary: string;
  names?: { a: string; b: string; owner: number | null; similarity: number }[];
  contacts?: number[];
  identifiers?: { type: string; value: string; messages: number[] }[];
  messages?: number[];
}

export interface Suggestion {
  a: number;
  b: number;
  /** Probability-like score in (0, 1): the logistic of the summed contributions. */
  score: number;
  logOdds: number;
  evidence: Evidence[];
}

export interface SuggestResult {
  suggestions: Suggestion[];
  /** Candidate pairs produced by blocking and scored (out of handles·(handles−1)/2). */
  pairsScored: number;
  handles: number;
  threshold: number;
  blocking: { contacts: number; names: number; identifiers: number; statements: number };
}
