/**
 * A row of the messages table as both backends read it, and the bits of its `flags` column: declared once
 * for the SQLite and PostgreSQL writers and readers and the export.
 */
import type { Channel } from '../model/records.js';

/** messages.flags bits. FLAG_TO_MEMBERS: addressed to the conversation's members (no explicit recipients). */
export const FLAG_EDITED = 1;
export const FLAG_DELETED = 2;
export const FLAG_TO_MEMBERS = 4;

export interface MessageDbRow {
  id: number;
  source_id: number;
  loc: string;
  sender: number;
  conversation_id: number | null;
  channel: Channel;
  ts: number;
  tz_offset: number | null;
  ts_local: string | null;
  body: string;
  subject: string | null;
  native_id: string | null;
  flags: number;
  dup_of: number | null;
  lang: string | null;
}
