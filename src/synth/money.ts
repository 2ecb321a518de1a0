/** The organisation's reused financial accounts. */
import { IBAN_COUNTRIES, randomIban } from './iban.js';
import type { IbanCountry } from './iban.js';
import type { Rng } from './prng.js';
import { cryptoAddress } from './render.js';

export interface MoneyPools {
  wallets: string[];
  ibans: Map<IbanCountry, string[]>;
}

/** The accounts the organisation reuses (as real networks do): a few wallets and IBANs per country. */
export function buildMoneyPools(rng: Rng, messages: number): MoneyPools {
  const k = 4 + Math.round(2 * Math.log10(Math.max(10, messages)));
  const wallets = Array.from({ length: k }, () => cryptoAddress(rng));
  const ibans = new Map<IbanCountry, string[]>();
  for (const c of IBAN_COUNTRIES) ibans.set(c, Array.from({ length: 2 + Math.floor(k / 3) }, () => randomIban(rng, c)));
  return { wallets, ibans };
}

