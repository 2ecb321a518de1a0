/**
 * Mentions of entities found in message text, with their exact position.
 * Spans are UTF-16 code-unit offsets into the original (not normalised) body: [start, end).
 */
export type EntityType =
  | 'phone'
  | 'email'
  | 'iban'
  | 'bic'
  | 'crypto'
  | 'coordinate'
  | 'container'
  | 'imo'
  | 'vessel'
  | 'money'
  | 'drug_quantity'
  | 'drug'
  | 'weapon'
  | 'explosive'
  | 'watch'
  | 'vehicle'
  | 'place'
  | 'country'
  | 'codeword';

export interface Mention {
  type: EntityType;
  start: number;
  end: number;
  /** The text as written. */
  raw: string;
  /** Canonical value: E.164 phone, upper-case IBAN, `lat,lon`, `EUR 50000`, ISO country code, … */
  value: string;
  /** 0..1. Checksum-validated types are 1 when the checksum passes. */
  confidence: number;
  /** Type-specific extras (currency, amount, unit, chain, lat/lon, place id, code-word meaning). */
  attrs?: Record<string, string | number>;
}
