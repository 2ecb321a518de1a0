/**
 * Shared identifiers: the same IMEI (device record) or the same phone number, e-mail, IBAN or
 * wallet used by two handles. Values used by many handles (an organisation's shared wallet, a
 * company switchboard) say nothing about identity and are skipped.
 */
import type { Evidence, IdentifierEntry } from './types.js';

export const IDENTIFIER_WEIGHTS: Record<string, number> = { imei: 6, imsi: 6, serial: 5, phone: 2.5, email: 3, iban: 1, crypto: 1 };
export const IDENTIFIERS_MAX = 8;
/** A value used by more handles than this is shared infrastructure, not an identity. */
export const MAX_HANDLES_PER_VALUE = 3;

export class IdentifierIndex {
  /** "type\0value" → account → message ids (empty for device records). */
  readonly byValue = new Map<string, Map<number, number[]>>();
  readonly byAccount = new Map<number, Set<string>>();

  constructor(entries: readonly IdentifierEntry[]) {
    for (const e of entries) {
      if (IDENTIFIER_WEIGHTS[e.type] === undefined) continue;
      const k = `${e.type}\u0000${e.value}`;
      let m = this.byValue.get(k);
      if (!m) this.byValue.set(k, (m = new Map()));
      const ids = m.get(e.account) ?? [];
      if (e.messageId !== null && ids.length < 20) ids.push(e.messageId);
      m.set(e.account, ids);
    }
    for (const [k, m] of this.byValue) {
      if (m.size > MAX_HANDLES_PER_VALUE || m.size < 2) continue;
      for (const a of m.keys()) {
        let s = this.byAccount.get(a);
        if (!s) this.byAccount.set(a, (s = new Set()));
        s.add(k);
      }
    }
  }

  /** Pairs of accounts sharing a distinctive value (for blocking). */
  *pairs(): Iterable<[number, number]> {
    for (const m of this.byValue.values()) {
      if (m.size > MAX_HANDLES_PER_VALUE || m.size < 2) continue;
      const ids = [...m.keys()];
      for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) yield [ids[i] as number, ids[j] as number];
    }
  }
}

export function identifiersEvidence(index: IdentifierIndex, a: number, b: number): Evidence[] {
  const ka = index.byAccount.get(a);
  const kb = index.byAccount.get(b);
  if (!ka || !kb) return [];
  const found: { type: string; value: string; messages: number[] }[] = [];
  let sum = 0;
  for (const k of ka) {
    if (!kb.has(k)) continue;
    const [type, value] = k.split('\u0000') as [string, string];
    const m = index.byValue.get(k) as Map<number, number[]>;
    found.push({ type, value, messages: [...(m.get(a) ?? []), ...(m.get(b) ?? [])] });
    sum += IDENTIFIER_WEIGHTS[type] ?? 0;
  }
  if (found.length === 0) return [];
  const contribution = Math.min(IDENTIFIERS_MAX, sum);
  return [{
    signal: 'identifiers', weight: IDENTIFIERS_MAX, value: found.length, contribution,
    summary: `shared ${found.map((f) => `${f.type} ${f.value}`).join(', ')}`, identifiers: found,
  }];
}
