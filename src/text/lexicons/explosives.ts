import type { LexGroup } from './types.js';

/** Explosives, grenades and detonators. See types.ts for the markers. */
export const EXPLOSIVES: LexGroup[] = [
  {
    canonical: 'explosive',
    terms: {
      sr: ['eksploziv', 'експлозив', 'eksplozivna naprava', 'plastični eksploziv', 'dinamit', 'detonator', 'detonatori', 'kapisla', 'kapisle'],
      hr: ['eksploziv', 'eksplozivna naprava', 'dinamit', 'detonator'],
      nl: ['explosieven', 'explosief', 'springstof', 'springstoffen', 'dynamiet', 'ontsteker', 'ontstekers', 'plofkraak'],
      fr: ['explosif', 'explosifs', 'dynamite', 'détonateur', 'détonateurs', 'engin explosif'],
      es: ['explosivo', 'explosivos', 'dinamita', 'detonador', 'detonadores', 'artefacto explosivo'],
      pt: ['explosivo', 'explosivos', 'dinamite', 'detonador', 'detonadores'],
      ar: ['متفجرات', 'مواد متفجرة', 'عبوة ناسفة', 'ديناميت', 'صاعق', 'صواعق'],
      sq: ['eksploziv', 'lëndë plasëse', 'dinamit', 'detonator'],
      tr: ['patlayıcı', 'patlayıcılar', 'dinamit', 'fünye', 'bomba düzeneği'],
      en: ['explosive', 'explosives', 'dynamite', 'detonator', 'detonators', 'IED!', 'blasting caps'],
      any: ['TNT!', 'C4!', 'C-4!', 'Semtex', 'PETN!', 'RDX!', 'ANFO!', 'TATP!'],
    },
  },
  {
    canonical: 'grenade',
    terms: {
      sr: ['bomba', 'bombe', 'bombu', 'бомба', 'ručna bomba', 'ručne bombe', 'granata', 'granate', 'kašikara', 'kašikare', 'M75!', 'M-75!'],
      hr: ['bomba', 'ručna bomba', 'granata', 'kašikara'],
      nl: ['handgranaat', 'handgranaten', 'granaat', 'granaten', 'bommen'],
      fr: ['grenade', 'grenades', 'bombe', 'bombes'],
      es: ['granada', 'granadas', 'bomba!', 'bombas!'],
      pt: ['granada', 'granadas', 'bomba!', 'bombas!'],
      ar: ['قنبلة', 'قنابل', 'قنبلة يدوية'],
      sq: ['bombë', 'bomba', 'granatë', 'granata'],
      tr: ['el bombası', 'bomba!', 'el bombasi'],
      en: ['grenade', 'grenades', 'hand grenade', 'bomb', 'bombs', 'pipe bomb'],
    },
  },
];
