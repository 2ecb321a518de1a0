import type { LexGroup } from './types.js';

/** Drug names and trade slang in the case languages. See types.ts for the markers. */
export const DRUGS: LexGroup[] = [
  {
    canonical: 'cocaine',
    terms: {
      sr: ['kokain', 'кокаин', '~koka!', '~koke!', '~koks!', '~belo!', '~beli!', '~bela!', '~belog!', '~sneg!', '~snega!', '~kolumbijski!'],
      hr: ['kokain', '~koka!', '~bijelo!', '~bijeli!', '~bijela!', '~bijelog!', '~snijeg!', '~snijega!'],
      nl: ['cocaïne', 'coke!', '~sneeuw!', '~wit!', '~poeder!'],
      fr: ['cocaïne', 'coke!', '~neige!', '~blanche!', '~poudre!'],
      es: ['cocaína', 'cocaina', 'perico!', 'farlopa', 'pasta base!', '~coca!', '~blanca!', '~nieve!', '~merca!', '~polvo!', 'clorhidrato de cocaína'],
      pt: ['cocaína', 'pó de cocaína', '~=pó!', '~branca!', '~farinha!', 'pasta base!'],
      ar: ['كوكايين', 'كوكاين'],
      sq: ['kokainë', 'kokaina', '~e bardhë!'],
      tr: ['kokain'],
      en: ['cocaine', 'coke!', '~snow!', '~white!', '~blow!', '~yayo!', 'crack cocaine', '=crack!'],
      de: ['Kokain', '~Koks!', '~Schnee!'],
    },
  },
  {
    canonical: 'heroin',
    terms: {
      sr: ['heroin', 'хероин', '~dop!', '~braon!'],
      hr: ['heroin'],
      nl: ['heroïne', '~bruin!'],
      fr: ['héroïne', '~came!'],
      es: ['heroína', 'heroina', '~chiva!'],
      pt: ['heroína'],
      ar: ['هيروين', 'هروين'],
      sq: ['heroinë', 'heroina'],
      tr: ['eroin'],
      en: ['heroin', '~smack!', '~brown!', '~H!'],
    },
  },
  {
    canonical: 'cannabis',
    terms: {
      sr: ['marihuana', 'marihuane', 'marijuana', 'hašiš', 'хашиш', 'kanabis', 'skank', '~trava!', '~trave!', 'vutra', 'gandža', '~zelena!', '~zeleno!'],
      hr: ['marihuana', 'hašiš', 'kanabis', 'skunk', '~trava!', 'gandža', '~zelena!'],
      nl: ['marihuana', 'hasj', 'hasjiesj', 'wiet', 'cannabis', 'skunk', 'nederwiet', '~groen!'],
      fr: ['marijuana', 'haschisch', 'hachich', 'cannabis', 'beuh', '~shit!', '~herbe!', '~résine!'],
      es: ['marihuana', 'hachís', 'cannabis', 'mota', '~hierba!', '~chocolate!', '~costo!'],
      pt: ['maconha', 'haxixe', 'cannabis', '~erva!', '~fumo!', 'skunk'],
      ar: ['حشيش', 'حشيشة', 'ماريجوانا', 'ماريوانا', 'بانجو', 'قنب'],
      sq: ['marihuanë', 'marihuana', 'hashash', 'kanabis', 'kanabisi'],
      tr: ['esrar', 'kenevir', 'marihuana', 'skunk', 'haşhaş'],
      en: ['marijuana', 'cannabis', 'hashish', 'hash!', 'weed!', 'skunk', 'ganja', 'kush!', '~grass!', '~green!', '~haze!'],
    },
  },
  {
    canonical: 'amphetamine',
    terms: {
      sr: ['amfetamin', 'амфетамин', 'spid!', '~brzina!'],
      hr: ['amfetamin', 'spid!'],
      nl: ['amfetamine', '~pep!', '~speed!'],
      fr: ['amphétamine', 'amphet!', '~speed!'],
      es: ['anfetamina', 'speed!'],
      pt: ['anfetamina'],
      ar: ['امفيتامين', 'أمفيتامين', 'كبتاجون', 'كابتاجون'],
      sq: ['amfetaminë', 'amfetamina'],
      tr: ['amfetamin', 'captagon'],
      en: ['amphetamine', 'amphetamines', 'captagon', '~speed!'],
    },
  },
  {
    canonical: 'methamphetamine',
    terms: {
      sr: ['metamfetamin', 'kristal met!'],
      nl: ['methamfetamine', 'crystal meth'],
      fr: ['méthamphétamine'],
      es: ['metanfetamina', '~cristal!'],
      pt: ['metanfetamina'],
      tr: ['metamfetamin'],
      en: ['methamphetamine', 'meth!', 'crystal meth'],
    },
  },
  {
    canonical: 'mdma',
    terms: {
      sr: ['mdma!', 'ekstazi', 'екстази', '~bombone!'],
      hr: ['ekstazi', 'mdma!'],
      nl: ['xtc!', 'mdma!', 'xtc pillen', '~pillen!'],
      fr: ['ecstasy', 'mdma!', '~cachets!'],
      es: ['éxtasis', 'mdma!', '~pastillas!', '~tachas!'],
      pt: ['ecstasy', 'mdma!', '~bala!'],
      sq: ['ekstazi'],
      tr: ['ekstazi', 'mdma!'],
      en: ['ecstasy', 'mdma!', '~pills!', '~e pills!'],
    },
  },
  {
    canonical: 'ketamine',
    terms: { any: ['ketamin', 'ketamine', 'ketamina', 'kétamine', 'кетамин'] },
  },
  {
    canonical: 'fentanyl',
    terms: { any: ['fentanil', 'fentanyl', 'fentanilo', 'фентанил'] },
  },
  {
    canonical: 'lsd',
    terms: { any: ['lsd!'] },
  },
  {
    canonical: 'precursor',
    terms: { any: ['bmk!', 'pmk!', 'apaa!', 'efedrin', 'ephedrine', 'efedrina', 'pseudoefedrin', 'kaliumpermanganaat'] },
  },
  {
    canonical: 'tramadol',
    terms: { any: ['tramadol', 'трамадол', 'ترامادول'] },
  },
];
