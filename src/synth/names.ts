/**
 * Name pools per culture. Serbian/Montenegrin names are written in Latin with diacritics;
 * Cyrillic and ASCII spellings are derived (translit.ts). Arabic names carry their script
 * form and common Latin transliterations.
 */

export type Culture = 'rs' | 'me' | 'hr' | 'nl' | 'be' | 'ma' | 'de' | 'fr' | 'co' | 'ec' | 'br' | 'tg' | 'ci' | 'gw' | 'ae';

export interface ArabicName {
  ar: string;
  latin: readonly string[];
}

const SR_FIRST = ['Marko', 'Nikola', 'Stefan', 'Miloš', 'Nemanja', 'Vuk', 'Dušan', 'Đorđe', 'Aleksandar', 'Luka', 'Filip', 'Uroš', 'Jovan', 'Dragan', 'Zoran', 'Goran', 'Dejan', 'Srđan', 'Bojan', 'Vladimir', 'Željko', 'Radoslav', 'Branko', 'Petar', 'Ljubomir', 'Ana', 'Jelena', 'Milica', 'Marija', 'Ivana', 'Jovana', 'Dragana', 'Snežana', 'Tijana', 'Nataša'];
const SR_LAST = ['Đorđević', 'Jovanović', 'Petrović', 'Nikolić', 'Marković', 'Đukić', 'Stanković', 'Ilić', 'Pavlović', 'Milošević', 'Šarić', 'Kovačević', 'Radović', 'Lukić', 'Vučković', 'Živković', 'Todorović', 'Kostić', 'Ćirić', 'Mitrović', 'Stojanović', 'Janković', 'Belivuk', 'Zvicer', 'Dragović', 'Knežević'];
const ME_FIRST = ['Veselin', 'Milo', 'Radovan', 'Slobodan', 'Budimir', 'Vukašin', 'Igor', 'Darko', 'Žarko', 'Ratko', 'Vesna', 'Bojana'];
const ME_LAST = ['Vujošević', 'Radulović', 'Perović', 'Kaluđerović', 'Vukotić', 'Šćekić', 'Bulatović', 'Đurišić', 'Popović', 'Vučinić', 'Lalović', 'Čelebić'];
const HR_FIRST = ['Ivan', 'Josip', 'Tomislav', 'Ante', 'Mario', 'Krešimir', 'Hrvoje', 'Davor', 'Mate', 'Luka', 'Ivana', 'Petra', 'Marina'];
const HR_LAST = ['Horvat', 'Kovačić', 'Babić', 'Marić', 'Jurić', 'Novak', 'Knežević', 'Vuković', 'Matić', 'Perić', 'Tomić', 'Pavić'];
const NL_FIRST = ['Jeroen', 'Sander', 'Bas', 'Thijs', 'Ruud', 'Dennis', 'Kevin', 'Mark', 'Joost', 'Pieter', 'Daan', 'Sven', 'Anouk', 'Sanne', 'Lotte', 'Femke', 'Ilse'];
const NL_LAST = ['de Vries', 'Jansen', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'de Jong', 'Mulder', 'van Dijk', 'Meijer', 'de Boer', 'Bos', 'van Leeuwen', 'Dekker'];
const BE_FIRST = ['Wouter', 'Stijn', 'Pieter', 'Jens', 'Kobe', 'Bram', 'Koen', 'Gert', 'Maxime', 'Julien', 'Nathalie', 'Els', 'Leen'];
const BE_LAST = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Dubois', 'Lambert'];
const DE_FIRST = ['Jan', 'Lukas', 'Tobias', 'Florian', 'Sebastian', 'Dominik', 'Kai', 'Lena', 'Julia'];
const DE_LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Hoffmann', 'Krüger'];
const FR_FIRST = ['Julien', 'Nicolas', 'Thomas', 'Karim', 'Mehdi', 'Camille', 'Sophie', 'Inès'];
const FR_LAST = ['Martin', 'Bernard', 'Moreau', 'Laurent', 'Girard', 'Benali', 'Lefèvre'];
const CO_FIRST = ['Juan Carlos', 'Andrés', 'Jhon Jairo', 'Carlos Alberto', 'Luis Fernando', 'Diego', 'Wilmer', 'Yeison', 'Fredy', 'Camilo', 'Alejandra', 'Paola', 'Yesenia'];
const CO_LAST = ['Gómez', 'Rodríguez', 'Martínez', 'Restrepo', 'Castaño', 'Ospina', 'Londoño', 'Zapata', 'Úsuga', 'Mejía', 'Henao', 'Cardona'];
const EC_FIRST = ['Washington', 'Byron', 'Fabricio', 'Darwin', 'Édison', 'Jefferson', 'Geovanny', 'Mayra', 'Karina'];
const EC_LAST = ['Zambrano', 'Villacís', 'Macías', 'Mendoza', 'Cedeño', 'Vera', 'Chávez', 'Intriago', 'Alcívar'];
const BR_FIRST = ['João', 'Marcos', 'Rafael', 'Thiago', 'Rodrigo', 'Leandro', 'Wellington', 'Anderson', 'Fernanda', 'Juliana', 'Luciana'];
const BR_LAST = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Ferreira', 'Carvalho', 'Pereira', 'Almeida', 'Nascimento', 'Araújo'];
const TG_FIRST = ['Kossi', 'Komi', 'Koffi', 'Yao', 'Kodjo', 'Edem', 'Sénamé', 'Akossiwa', 'Afi'];
const TG_LAST = ['Agbeko', 'Mensah', 'Adjavon', 'Kpodar', 'Amouzou', 'Lawson', 'Akakpo', 'Gnassingbé'];
const CI_FIRST = ['Kouadio', 'Konan', 'Yao', 'Ibrahim', 'Mamadou', 'Serge', 'Aya', 'Adjoua', 'Fatou'];
const CI_LAST = ['Kouassi', "N'Guessan", 'Traoré', 'Ouattara', 'Koné', 'Bamba', 'Diabaté', 'Yapi'];
const GW_FIRST = ['Braima', 'Malam', 'Tcherno', 'Umaro', 'Sana', 'Domingos', 'Aminata'];
const GW_LAST = ['Baldé', 'Djaló', 'Embaló', 'Na Tchuto', 'Camará', 'Mané', 'Sanhá'];

const AR_FIRST: readonly ArabicName[] = [
  { ar: 'محمد', latin: ['Mohammed', 'Muhammad', 'Mohamed', 'Mohamad'] },
  { ar: 'أحمد', latin: ['Ahmed', 'Ahmad'] },
  { ar: 'خالد', latin: ['Khaled', 'Khalid'] },
  { ar: 'يوسف', latin: ['Youssef', 'Yusuf', 'Yousef'] },
  { ar: 'عمر', latin: ['Omar', 'Umar'] },
  { ar: 'حسن', latin: ['Hassan', 'Hasan'] },
  { ar: 'سعيد', latin: ['Said', 'Saeed'] },
  { ar: 'رضوان', latin: ['Ridouan', 'Redouane', 'Ridwan'] },
  { ar: 'فاطمة', latin: ['Fatima', 'Fatma'] },
  { ar: 'مريم', latin: ['Mariam', 'Maryam', 'Meryem'] },
];
const AR_LAST: readonly ArabicName[] = [
  { ar: 'الهاشمي', latin: ['Al-Hashimi', 'Alhashemi', 'El Hachimi'] },
  { ar: 'التميمي', latin: ['Al-Tamimi', 'Tamimi'] },
  { ar: 'المنصوري', latin: ['Al-Mansouri', 'El Mansouri'] },
  { ar: 'بن علي', latin: ['Ben Ali', 'Benali'] },
  { ar: 'الزعبي', latin: ['Al-Zoubi', 'Zoubi'] },
  { ar: 'التاغي', latin: ['Taghi', 'Et-Taghi'] },
  { ar: 'بوعزة', latin: ['Bouazza', 'Bou Azza'] },
  { ar: 'الشامسي', latin: ['Al Shamsi', 'Alshamsi'] },
];

export interface NamePool {
  first: readonly string[];
  last: readonly string[];
}

const POOLS: Record<Exclude<Culture, 'ae' | 'ma'>, NamePool> = {
  rs: { first: SR_FIRST, last: SR_LAST },
  me: { first: ME_FIRST, last: ME_LAST },
  hr: { first: HR_FIRST, last: HR_LAST },
  nl: { first: NL_FIRST, last: NL_LAST },
  be: { first: BE_FIRST, last: BE_LAST },
  de: { first: DE_FIRST, last: DE_LAST },
  fr: { first: FR_FIRST, last: FR_LAST },
  co: { first: CO_FIRST, last: CO_LAST },
  ec: { first: EC_FIRST, last: EC_LAST },
  br: { first: BR_FIRST, last: BR_LAST },
  tg: { first: TG_FIRST, last: TG_LAST },
  ci: { first: CI_FIRST, last: CI_LAST },
  gw: { first: GW_FIRST, last: GW_LAST },
};

export function namePool(c: Culture): NamePool | null {
  return c === 'ae' || c === 'ma' ? null : POOLS[c];
}

export const ARABIC_FIRST = AR_FIRST;
export const ARABIC_LAST = AR_LAST;

/** Nicknames used inside the organisation, by culture group. */
export const ORG_NICKS: Record<'balkan' | 'latam' | 'lowlands' | 'africa' | 'arab', readonly string[]> = {
  balkan: ['Kum', 'Šef', 'Tata', 'Doktor', 'Zmaj', 'Čiča', 'Kobra', 'Vuk', 'Lav', 'Mali', 'Crni', 'Beli', 'Gazda', 'Profesor', 'Škola', 'Kapetan', 'Sova', 'Medo', 'Ćelavi', 'Ris'],
  latam: ['Pablo', 'El Flaco', 'El Gordo', 'Chino', 'Negro', 'Don Jota', 'Patrón', 'Mono', 'Gringo', 'Paisa'],
  lowlands: ['Baas', 'Dikke', 'Kapitein', 'Tijger', 'Neef', 'Havenman', 'Stille', 'Rooie'],
  africa: ['Le Vieux', 'Boss Koffi', 'Tonton', 'Grand Frère', 'Doyen', 'Papa'],
  arab: ['Sheikh', 'Abu Omar', 'Hajji', 'El Moro', 'Prins'],
};

/** Nicknames family and friends use (hard negatives: "Tata" is dad here). */
export const FAMILY_NICKS: Record<'sr' | 'nl' | 'es' | 'pt' | 'fr' | 'ar' | 'en', readonly string[]> = {
  sr: ['Tata', 'Mama', 'Brat', 'Seka', 'Buraz', 'Keva', 'Ćale', 'Ljubav', 'Kume', 'Baba'],
  nl: ['Pa', 'Mam', 'Schat', 'Broer', 'Zus', 'Lieverd', 'Opa'],
  es: ['Papá', 'Mamá', 'Mi amor', 'Hermano', 'Tía', 'Parce'],
  pt: ['Pai', 'Mãe', 'Amor', 'Mano', 'Vó'],
  fr: ['Papa', 'Maman', 'Chérie', 'Frérot', 'Tonton'],
  ar: ['بابا', 'ماما', 'حبيبي', 'أخي'],
  en: ['Dad', 'Mum', 'Babe', 'Bro'],
};

const FEMALE = new Set([
  'Ana', 'Jelena', 'Milica', 'Marija', 'Ivana', 'Jovana', 'Dragana', 'Snežana', 'Tijana', 'Nataša', 'Vesna', 'Bojana', 'Petra', 'Marina',
  'Anouk', 'Sanne', 'Lotte', 'Femke', 'Ilse', 'Nathalie', 'Els', 'Leen', 'Lena', 'Julia', 'Camille', 'Sophie', 'Inès', 'Alejandra', 'Paola',
  'Yesenia', 'Mayra', 'Karina', 'Fernanda', 'Juliana', 'Luciana', 'Akossiwa', 'Afi', 'Aya', 'Adjoua', 'Fatou', 'Aminata', 'Fatima', 'Fatma',
  'Mariam', 'Maryam', 'Meryem',
]);

/** True for the female first names in the pools (used to keep most organisation roles male, as in the real cases). */
export function isFemaleName(first: string): boolean {
  return FEMALE.has(first);
}
