import type { LexGroup } from './types.js';

interface Brand {
  brand: string;
  aliases: string[];
  models: [string, ...string[]][];
  /** Models distinctive enough to count without the brand. */
  standalone?: string[];
  /** When false, the brand alone is not a mention (Omega-3). */
  alone?: boolean;
}

const BRANDS: Brand[] = [
  {
    brand: 'Rolex',
    aliases: ['Rolex', 'Roleks', 'Ролекс', 'Rolexa!', 'Roleksa!', 'Rolexe!'],
    models: [
      ['Daytona', 'Dejtona', 'Cosmograph Daytona'],
      ['Submariner', 'Submarine!', 'Sub!'],
      ['GMT-Master II', 'GMT Master II', 'GMT-Master', 'GMT Master', 'GMT!', 'Pepsi!', 'Batman!'],
      ['Datejust', 'Date Just', 'Date-Just'],
      ['Day-Date', 'Day Date', 'Daydate', 'President!'],
      ['Yacht-Master', 'Yacht Master', 'Yachtmaster'],
      ['Sky-Dweller', 'Sky Dweller', 'Skydweller'],
      ['Explorer'],
      ['Sea-Dweller', 'Sea Dweller'],
      ['Milgauss'],
    ],
    standalone: ['Daytona', 'Cosmograph Daytona', 'Submariner', 'Sky-Dweller', 'Sky Dweller', 'Yacht-Master', 'Yacht Master', 'GMT-Master II', 'GMT-Master', 'Datejust'],
  },
  {
    brand: 'Patek Philippe',
    aliases: ['Patek Philippe', 'Patek Philip', 'Patek Filip', 'Patek Phillipe', 'Patek!', 'Патек Филип'],
    models: [['Nautilus', 'Nautilus 5711', 'Nautilus 5711/1A', 'Nautilus 5712'], ['Aquanaut'], ['Calatrava'], ['Grand Complications']],
    standalone: ['Nautilus 5711', 'Aquanaut'],
  },
  {
    brand: 'Audemars Piguet',
    aliases: ['Audemars Piguet', 'Audemars', 'Audemar Piguet', 'AP!'],
    models: [['Royal Oak Offshore', 'Royal Oak Offshore Chronograph', 'ROO!', 'Offshore!'], ['Royal Oak', 'Royal Oak 15500', 'Royal Oak 15202'], ['Code 11.59']],
    standalone: ['Royal Oak Offshore', 'Royal Oak'],
  },
  {
    brand: 'Richard Mille',
    aliases: ['Richard Mille', 'Ričard Mil', 'Richard Mil', 'Richard Mile', 'RM!'],
    models: [['RM 011', 'RM011!', 'RM-011'], ['RM 035', 'RM035!'], ['RM 055', 'RM055!'], ['RM 67', 'RM67!'], ['RM 27', 'RM27!']],
    standalone: ['RM 011', 'RM011!', 'RM-011', 'RM 035', 'RM035!', 'RM 055', 'RM055!', 'RM 67', 'RM67!', 'RM 27', 'RM27!'],
  },
  { brand: 'Hublot', aliases: ['Hublot', 'Hublo!'], models: [['Big Bang'], ['Classic Fusion']] },
  { brand: 'Cartier', aliases: ['Cartier', 'Kartije!'], models: [['Santos'], ['Panthère', 'Panthere'], ['Ballon Bleu'], ['Tank!']] },
  { brand: 'Omega', aliases: ['^Omega!'], alone: false, models: [['Seamaster'], ['Speedmaster'], ['Constellation']], standalone: ['Seamaster', 'Speedmaster'] },
  { brand: 'Vacheron Constantin', aliases: ['Vacheron Constantin', 'Vacheron'], models: [['Overseas'], ['Patrimony']] },
  { brand: 'Breitling', aliases: ['Breitling'], models: [['Navitimer'], ['Chronomat'], ['Superocean']], standalone: ['Navitimer'] },
  { brand: 'TAG Heuer', aliases: ['TAG Heuer', 'Tag Hojer', 'Heuer'], models: [['Carrera!'], ['Monaco!'], ['Aquaracer']] },
  { brand: 'Panerai', aliases: ['Panerai'], models: [['Luminor'], ['Radiomir']] },
  { brand: 'IWC', aliases: ['IWC!'], models: [['Portugieser'], ['Big Pilot'], ['Pilot!']] },
  { brand: 'Jaeger-LeCoultre', aliases: ['Jaeger-LeCoultre', 'Jaeger LeCoultre', 'JLC!'], models: [['Reverso']] },
  { brand: 'Franck Muller', aliases: ['Franck Muller', 'Frank Muller'], models: [['Vanguard']] },
  { brand: 'Chopard', aliases: ['Chopard'], models: [['Happy Diamonds']] },
  { brand: 'Breguet', aliases: ['Breguet'], models: [['Tradition'], ['Marine!']] },
  { brand: 'A. Lange & Söhne', aliases: ['Lange & Söhne', 'A. Lange', 'Lange und Söhne'], models: [['Lange 1'], ['Datograph']] },
];

function build(): LexGroup[] {
  const out: LexGroup[] = [];
  for (const b of BRANDS) {
    if (b.alone !== false) out.push({ canonical: b.brand, terms: { any: b.aliases }, attrs: { brand: b.brand } });
    for (const [model, ...variants] of b.models) {
      const forms = [model, ...variants];
      const terms: string[] = [];
      for (const a of b.aliases) {
        for (const f of forms) {
          terms.push(`${a.replace(/^[~=^]+/, '').replace(/!$/, '')} ${f.replace(/!$/, '')}${a.endsWith('!') || f.endsWith('!') ? '!' : ''}`);
        }
      }
      for (const s of b.standalone ?? []) if (forms.includes(s)) terms.push(s);
      out.push({ canonical: `${b.brand} ${model}`, terms: { any: terms }, attrs: { brand: b.brand, model } });
    }
  }
  return out;
}

/** Luxury watch brands and models. Brand alone, brand + model, and a few unmistakable models alone. */
export const WATCHES: LexGroup[] = build();
