import type { LexGroup } from './types.js';

interface Make {
  make: string;
  aliases: string[];
  /** When false, the make alone is not a mention (it is also an everyday word: Seat, Mini, Smart). */
  alone?: boolean;
  models: [string, ...string[]][];
  /** Models that count without the make. */
  standalone?: string[];
}

const MAKES: Make[] = [
  {
    make: 'BMW',
    aliases: ['BMW!', 'BMW-a!', 'bemvei!', 'bembara!', 'beemer!'],
    models: [['X5', 'X5M!', 'X5 M!'], ['X6', 'X6M!', 'X6 M!'], ['X7'], ['X3'], ['M3'], ['M4'], ['M5'], ['M8'], ['serija 7', '7er!', '7 series', 'série 7', 'sedmica!'], ['serija 5', '5er!', '5 series'], ['i8'], ['740d!'], ['530d!']],
  },
  {
    make: 'Mercedes-Benz',
    aliases: ['Mercedes-Benz', 'Mercedes Benz', '^Mercedes!', 'Mercedesa!', 'Merc!', 'Benz!', 'Mečka', '^Мерцедес!'],
    models: [
      ['G-Class', 'G-klasa', 'G klasa', 'G-klase', 'G klase', 'G-klasu', 'G-Klasse', 'G Class', 'G-Wagon', 'G Wagon', 'G63!', 'G 63!', 'G-63!', 'G500!', 'G 500!', 'AMG G63!', 'G63 AMG!', 'Gelenda!', 'Gelendvagen'],
      ['S-Class', 'S-klasa', 'S klasa', 'S-klase', 'S-Klasse', 'S Class', 'S500!', 'S 500!', 'S63!', 'S 63!', 'S350!'],
      ['E-Class', 'E-klasa', 'E klasa', 'E-Klasse', 'E63!', 'E 63!', 'E220!'],
      ['C-Class', 'C-klasa', 'C klasa', 'C63!', 'C 63!'],
      ['GLE'], ['GLS'], ['ML!'], ['Sprinter!'], ['Vito!'], ['Maybach!'], ['AMG GT!'],
    ],
    standalone: ['G-klasa', 'G-Class', 'G-Wagon', 'G Wagon', 'G-Klasse', 'G63 AMG!', 'AMG G63!', 'Gelendvagen'],
  },
  {
    make: 'Audi',
    aliases: ['Audi', 'Audija!', 'Audiju!'],
    models: [['RS6', 'RS 6!', 'RS6 Avant!'], ['RS7', 'RS 7!'], ['RS3!'], ['RSQ8!'], ['Q7!', 'Q 7!'], ['Q8!', 'Q 8!'], ['Q5!'], ['A8!', 'A 8!'], ['A6!', 'A 6!'], ['A4!'], ['A3!'], ['R8!']],
    standalone: ['RS6', 'RSQ8!'],
  },
  {
    make: 'Land Rover',
    aliases: ['Land Rover', 'Landrover', 'Land Roveru!'],
    models: [['Range Rover', 'Range Rover Sport', 'Range Rover Vogue', 'Range!', 'Rendž Rover'], ['Defender'], ['Discovery'], ['Evoque', 'Range Rover Evoque'], ['Velar', 'Range Rover Velar']],
    standalone: ['Range Rover', 'Range Rover Sport', 'Range Rover Vogue', 'Range Rover Evoque', 'Range Rover Velar', 'Rendž Rover'],
  },
  {
    make: 'Porsche',
    aliases: ['Porsche', 'Porše', 'Porsche-a!', 'Порше!'],
    models: [['Cayenne', 'Kajen!', 'Cayenne Turbo', 'Cayenne S!'], ['Panamera'], ['Macan!'], ['911!', '911 Turbo', '911 Turbo S', 'GT3!'], ['Taycan']],
    standalone: ['Panamera', 'Taycan'],
  },
  {
    make: 'Toyota',
    aliases: ['Toyota', 'Tojota', 'Тојота!'],
    models: [['Land Cruiser', 'Landcruiser', 'Land Kruzer', 'LC200!', 'LC 200!', 'LC300!'], ['Hilux', 'Hiluks'], ['RAV4', 'RAV 4!'], ['Corolla'], ['Prado', 'Land Cruiser Prado'], ['Camry']],
    standalone: ['Land Cruiser', 'Landcruiser', 'Land Kruzer', 'Hilux', 'Hiluks', 'Land Cruiser Prado'],
  },
  { make: 'Volkswagen', aliases: ['Volkswagen', 'VW!', 'Folksvagen', 'Folcvagen'], models: [['Golf', 'Golf 7!', 'Golf 8!', 'Golf GTI', 'Golf R!'], ['Passat'], ['Touareg'], ['Tiguan'], ['Transporter'], ['Caddy!'], ['Polo!'], ['Amarok']], standalone: ['Touareg', 'Tiguan', 'Passat', 'Amarok'] },
  { make: 'Lamborghini', aliases: ['Lamborghini', 'Lambo!', 'Lamborgini'], models: [['Urus'], ['Huracán', 'Huracan'], ['Aventador']], standalone: ['Aventador'] },
  { make: 'Ferrari', aliases: ['Ferrari', 'Ferari'], models: [['488!'], ['F8!'], ['Roma!'], ['Purosangue'], ['SF90!']] },
  { make: 'Bentley', aliases: ['Bentley', 'Bentli'], models: [['Bentayga'], ['Continental GT', 'Continental']], standalone: ['Bentayga'] },
  { make: 'Rolls-Royce', aliases: ['Rolls-Royce', 'Rolls Royce', 'Rols Rojs', 'Rolls!'], models: [['Cullinan'], ['Ghost!'], ['Phantom!'], ['Wraith!']], standalone: ['Cullinan'] },
  { make: 'Maserati', aliases: ['Maserati'], models: [['Levante'], ['Ghibli'], ['Quattroporte']] },
  { make: 'Aston Martin', aliases: ['Aston Martin'], models: [['DBX!'], ['Vantage']] },
  { make: 'Jeep', aliases: ['^Jeep!', 'Džip!'], alone: false, models: [['Grand Cherokee', 'Cherokee'], ['Wrangler']], standalone: ['Grand Cherokee', 'Wrangler'] },
  { make: 'Škoda', aliases: ['Škoda', 'Skoda', 'Шкода!'], models: [['Octavia', 'Oktavija'], ['Superb'], ['Kodiaq']] },
  { make: 'Opel', aliases: ['Opel'], models: [['Astra'], ['Insignia'], ['Corsa'], ['Vectra']] },
  { make: 'Renault', aliases: ['Renault', 'Reno!'], models: [['Clio'], ['Mégane', 'Megane'], ['Master!'], ['Trafic!']] },
  { make: 'Peugeot', aliases: ['Peugeot', 'Pežo'], models: [['308!'], ['508!'], ['3008!'], ['5008!'], ['Partner!'], ['Boxer!']] },
  { make: 'Citroën', aliases: ['Citroën', 'Citroen', 'Sitroen'], models: [['Berlingo'], ['Jumper!'], ['C5!']] },
  { make: 'Fiat', aliases: ['Fiat', 'Fijat'], models: [['Ducato'], ['Punto'], ['Doblo', 'Doblò']], standalone: ['Ducato'] },
  { make: 'Ford', aliases: ['Ford', 'Forda!'], models: [['Transit'], ['Focus!'], ['Mustang'], ['Ranger!'], ['Raptor!', 'F-150 Raptor'], ['F-150!']] },
  { make: 'Nissan', aliases: ['Nissan', 'Nisan!'], models: [['Patrol'], ['Navara'], ['Qashqai', 'Kaškaj'], ['GT-R!']], standalone: ['Qashqai', 'Navara'] },
  { make: 'Hyundai', aliases: ['Hyundai', 'Hjundai', 'Hundai'], models: [['Tucson'], ['Santa Fe']] },
  { make: 'Kia', aliases: ['Kia!'], models: [['Sportage'], ['Sorento'], ['Ceed']] },
  { make: 'Dacia', aliases: ['Dacia', 'Dačija'], models: [['Duster'], ['Logan!'], ['Sandero']] },
  { make: 'Volvo', aliases: ['Volvo'], models: [['XC90!'], ['XC60!'], ['FH16!']] },
  { make: 'Tesla', aliases: ['^Tesla!', 'Teslu!'], alone: false, models: [['Model S!'], ['Model X!'], ['Model 3!'], ['Model Y!']] },
  { make: 'Mitsubishi', aliases: ['Mitsubishi', 'Micubiši'], models: [['Pajero'], ['L200!']] },
  { make: 'SEAT', aliases: ['=SEAT!'], alone: false, models: [['Leon!', 'León!'], ['Ibiza!'], ['Ateca']] },
  { make: 'Cupra', aliases: ['Cupra'], models: [['Formentor'], ['Leon!']] },
  { make: 'Alfa Romeo', aliases: ['Alfa Romeo'], models: [['Giulia'], ['Stelvio']] },
  { make: 'Lexus', aliases: ['Lexus', 'Leksus'], models: [['LX 570!', 'LX570!'], ['RX!']] },
  { make: 'Jaguar', aliases: ['^Jaguar!'], alone: false, models: [['F-Pace', 'F Pace'], ['XF!'], ['F-Type']] },
  { make: 'Yamaha', aliases: ['Yamaha', 'Jamaha'], models: [['TMAX', 'T-Max', 'T Max']], standalone: ['TMAX', 'T-Max'] },
  { make: 'Harley-Davidson', aliases: ['Harley-Davidson', 'Harley Davidson', 'Harli!', 'Harley!'], models: [['Fat Boy']] },
];

function clean(s: string): string {
  return s.replace(/^[~=^]+/, '').replace(/!$/, '');
}

function build(): LexGroup[] {
  const out: LexGroup[] = [];
  for (const m of MAKES) {
    if (m.alone !== false) out.push({ canonical: m.make, terms: { any: m.aliases }, attrs: { make: m.make } });
    for (const [model, ...variants] of m.models) {
      const forms = [model, ...variants];
      const terms: string[] = [];
      for (const a of m.aliases) {
        for (const f of forms) terms.push(`${clean(a)} ${clean(f)}${a.endsWith('!') || f.endsWith('!') ? '!' : ''}`);
      }
      const cleanForms = forms.map(clean);
      for (const s of m.standalone ?? []) if (cleanForms.includes(clean(s))) terms.push(s);
      out.push({ canonical: `${m.make} ${model}`, terms: { any: terms }, attrs: { make: m.make, model } });
    }
  }
  return dedupeStandalone(out);
}

/** A standalone model listed for a make is added to the group of the model it belongs to only. */
function dedupeStandalone(groups: LexGroup[]): LexGroup[] {
  const seen = new Set<string>();
  for (const g of groups) {
    const terms = (g.terms.any ?? []).filter((t) => {
      const k = `${g.canonical}|${t}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    g.terms.any = terms;
  }
  return groups;
}

/** Vehicle makes and models: make alone, make + model, and distinctive models alone. */
export const VEHICLES: LexGroup[] = build();
