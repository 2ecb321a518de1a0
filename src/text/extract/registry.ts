/**
 * The extractors run by `extractAll`, in order. To add one, import it and append it to EXTRACTORS
 * (one per line, so parallel additions merge cleanly).
 */
import type { Extractor } from './types.js';
import { ibanExtractor } from './iban.js';
import { bicExtractor } from './bic.js';
import { containerExtractor } from './container.js';
import { imoExtractor } from './imo.js';
import { cryptoExtractor } from './crypto.js';
import { emailExtractor } from './email.js';
import { coordinatesExtractor } from './coordinates.js';
import { phoneExtractor } from './phone.js';
import { vesselExtractor } from './vessel.js';
import { moneyExtractor } from './money.js';
import { drugQuantityExtractor } from './drug-quantity.js';
import { lexiconTagsExtractor } from './lexicon-tags.js';
import { placesExtractor } from './places.js';

export const EXTRACTORS: Extractor[] = [
  ibanExtractor,
  bicExtractor,
  containerExtractor,
  imoExtractor,
  cryptoExtractor,
  emailExtractor,
  coordinatesExtractor,
  phoneExtractor,
  vesselExtractor,
  moneyExtractor,
  drugQuantityExtractor,
  lexiconTagsExtractor,
  placesExtractor,
];
