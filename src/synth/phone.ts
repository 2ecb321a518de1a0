/**
 * Plausible mobile numbers in E.164 per country (prefixes and lengths that pass
 * libphonenumber's mobile patterns). Numbers are unique per (country, counter): the counter
 * is spread over the subscriber space by an affine bijection.
 */

export type PhoneCountry = 'RS' | 'ME' | 'HR' | 'NL' | 'BE' | 'DE' | 'FR' | 'ES' | 'CO' | 'EC' | 'BR' | 'TG' | 'CI' | 'GW' | 'AE';

interface Plan {
  cc: string;
  prefixes: readonly string[];
  rest: number;
}

const PLANS: Record<PhoneCountry, Plan> = {
  RS: { cc: '381', prefixes: ['60', '61', '62', '63', '64', '65', '66', '69'], rest: 7 },
  ME: { cc: '382', prefixes: ['67', '68', '69'], rest: 6 },
  HR: { cc: '385', prefixes: ['91', '92', '95', '98', '99'], rest: 7 },
  NL: { cc: '31', prefixes: ['61', '62', '63', '64', '65'], rest: 7 },
  BE: { cc: '32', prefixes: ['470', '471', '472', '475', '476', '477', '478', '479', '484', '485', '486', '487', '488', '489', '496', '497', '498', '499'], rest: 6 },
  DE: { cc: '49', prefixes: ['151', '152', '157', '159', '160', '170', '171', '175'], rest: 8 },
  FR: { cc: '33', prefixes: ['61', '62', '64', '65', '66', '67', '68', '75', '76', '77', '78'], rest: 7 },
  ES: { cc: '34', prefixes: ['6'], rest: 8 },
  CO: { cc: '57', prefixes: ['300', '301', '304', '310', '311', '312', '313', '314', '315', '316', '320', '321', '350'], rest: 7 },
  EC: { cc: '593', prefixes: ['98', '99'], rest: 7 },
  BR: { cc: '55', prefixes: ['119', '139', '219', '719', '819'], rest: 8 },
  TG: { cc: '228', prefixes: ['90', '91', '92', '93', '96', '97', '98', '99', '70', '79'], rest: 6 },
  CI: { cc: '225', prefixes: ['0707', '0708', '0505', '0506', '0101', '0102'], rest: 6 },
  GW: { cc: '245', prefixes: ['955', '966', '969'], rest: 6 },
  AE: { cc: '971', prefixes: ['50', '52', '54', '55', '56', '58'], rest: 7 },
};

export const PHONE_COUNTRIES = Object.keys(PLANS) as PhoneCountry[];

/** The k-th distinct mobile number of a country, in E.164 (`+381641234567`). */
export function makePhone(country: PhoneCountry, k: number, salt = 0): string {
  const plan = PLANS[country];
  const p = plan.prefixes.length;
  const prefix = plan.prefixes[k % p] as string;
  const space = 10 ** plan.rest;
  const x = k % space;
  // Affine bijection on [0, space): multiplier coprime with 10.
  const a = 7_368_787 % space || 7;
  const shift = (salt * 104_729 + Number(plan.cc) * 7_919 + 1_234_567) % space;
  const sub = (a * x + shift) % space;
  return '+' + plan.cc + prefix + String(sub).padStart(plan.rest, '0');
}
