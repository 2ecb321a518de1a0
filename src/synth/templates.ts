/**
 * Message templates per language and topic. `{slot}` marks a value the renderer fills in
 * (and, for entity slots, records as a planted entity). Serbian Cyrillic templates are
 * derived from the Serbian Latin ones (literal parts only; slots are rendered per language).
 */
import { latinToCyrillic } from './translit.js';
import type { Lang } from './vocab.js';

export type Topic =
  | 'plan' | 'book' | 'transit' | 'pay' | 'arrive' | 'seize' | 'lux' | 'arms' | 'meet' | 'newnum' | 'thirdnum' | 'reply'
  | 'chat' | 'hardneg' | 'portwork';

type Table = Record<Topic, readonly string[]>;

const SR: Table = {
  plan: [
    'Brate pričao sam sa {nick}, ima {qty} spremno u {origin:loc}',
    'Kum kaže da ide {bricks} iz {origin:gen} preko {transit:gen}, kraj meseca',
    'Treba nam {code} za {dest:acc}, koliko možeš? Cena {price} po kilu',
    'Dogovoreno sa Kolumbijcima: {qty}, polazi {day} iz {origin:gen}',
    'Šef hoće {bricks} do {dest:gen}, pare idu preko {home:gen}',
    'Za ovu turu treba {money} unapred, ostalo kad stigne',
    'Ajde da vidimo koliko {code} može da stane u jedan kontejner, on kaže {qty}',
  ],
  book: [
    'Kontejner {container} je bukiran, brod {vessel} {imo}',
    'Kontejner {container} ide iz {origin:gen} preko {transit:gen} do {dest:gen}',
    'Brod {vessel} vozi robu iz {origin:gen} do {dest:gen}',
    'Kontejner je {container}, banane, ide za {dest:acc}',
    'Brod {vessel} isplovljava {day} iz {origin:gen}',
    'Javi čoveku u luci: {container}, {vessel}, stiže za 3 nedelje',
    'Promenili smo kontejner, novi je {container}',
  ],
  transit: [
    'Roba je u {transit:loc}, čeka se prekrcaj',
    'Brod {vessel} je prošao {transit:acc}, sve ok',
    'Ljudi u {transit:loc} traže još {money} za carinu',
    'Čekamo u {transit:loc} još 5 dana, {nick} zna sve',
  ],
  pay: [
    'Pošalji {money} na {iban}',
    'Papiri su spremni, {paper} čeka u {home:loc}',
    'Daj {money} {nick}u, on nosi za {city:acc}',
    'Uplati preko {crypto}, {money} u USDT',
    'Za luku treba {money}, čovek hoće keš',
    'Vratio sam {paper} Kumu, ostalo je {money}',
    'Račun {iban} je čist, stavi tu {money}',
  ],
  arrive: [
    'Kontejner {container} je stigao u {dest:acc}',
    'Ekipa ulazi večeras, {qty} izvlačimo iz {container}',
    'Sve izvučeno, {bricks} u magacinu',
    'Lokacija za predaju {coord}',
    'Dođi ovde {coord} u 22h, sa {car}',
    'Kurir preuzima {bricks} sutra, ide za {city:acc}',
    '{code} je stigla, top kvalitet',
  ],
  seize: [
    'Pala je roba u {dest:loc}, {container} otvoren',
    'Carina je uzela {qty}, neko je cinkario',
    'Brate sve je palo, {container} kod policije',
    'Ugasi telefon, murija je bila u luci u {dest:loc}',
    'Neko je pričao, nađi ko je. {nick} zna',
  ],
  lux: [
    'Uzeo sam {watch} za {money}',
    'Kupio {car}, plaćeno keš {money}',
    'Treba mi {watch} za Kuma, poklon',
    'Novi {car} je na ime sestre',
  ],
  arms: [
    'Spremi {weapon} i dve {explosive}',
    'Igračke su u stanu, {weapon} i municija',
    'Treba nam {weapon} za {nick}',
    'Ima {explosive} ako treba, {money}',
  ],
  meet: [
    'Vidimo se kod {nick} u {home:loc}',
    'Sutra u {home:loc}, ista kafana',
    'Lokacija {coord}',
    'Sletim u {city:acc} u 18h',
  ],
  newnum: ['Brate ovo je moj novi broj', 'Novi broj, stari gasim', 'Ja sam, {nick}. Novi broj', 'Promenio sam broj, sačuvaj ovaj'],
  thirdnum: ['Ovo je novi PIN od {nick}: {pin}', 'Kum ima novi broj {pin}', '{nick} se javlja sa {pin}, stari je mrtav'],
  reply: ['ok', 'važi', 'dogovoreno', 'ok brate', 'razumem', 'može', 'javi kad', 'ajde', 'sve ok?', 'gde si', 'polako', 'ne preko telefona', 'čujemo se', '👍', 'ok šefe'],
  chat: [
    'Ćao, šta radiš?', 'Jesi li jeo?', 'Idemo na kafu posle?', 'Video si utakmicu? Zvezda!', 'Mama pita kad dolaziš',
    'Kupi hleb i mleko', 'Kasnim 10 minuta', 'Srećan rođendan!!', 'Gde ste večeras?', 'Pozdravi sve',
    'Jel radiš sutra?', 'Deca su dobro', 'Poslao sam ti slike', 'Partizan opet izgubio', 'Dolazim u {home:acc} za vikend',
  ],
  hardneg: [
    'Kupio sam tri majice za {bmoney}', 'Kirija je {bmoney}, plati do petka', 'Letim za {city:acc} sledeće nedelje',
    'Popila sam dve kafe jutros', 'Brat radi u luci u {city:loc}, dobra plata', 'Prodao sam auto za {bmoney}',
    'Stiže paket iz {city:gen}', 'Plata {bmoney}, a sve poskupelo', 'Bili smo u {home:loc}, lepo vreme',
  ],
  portwork: ['Kontejner {container} je ocarinjen, može da se preuzme', 'Brod {vessel} kasni dva dana', 'Sutra smena u luci u {city:loc}', 'Skener ne radi, sve stoji'],
};

const NL: Table = {
  plan: [
    'Die jongens in {origin} hebben {qty} klaar',
    'Hoeveel {code} kan er in een container? Hij zegt {bricks}',
    'Prijs is {price} per stuk, levering in {dest}',
    'Volgende maand {qty} via {transit}',
  ],
  book: [
    'Container {container} staat op de {vessel}, {imo}',
    'Container {container} gaat van {origin} via {transit} naar {dest}',
    'Het is een bananendoos, {container}, komt naar {dest}',
    'De {vessel} vertrekt {day} uit {origin}',
    'Nummer is {container}, geef door aan de havenman',
  ],
  transit: ['Boot ligt nog in {transit}', 'De {vessel} is {transit} voorbij', 'Vertraging in {transit}, 4 dagen'],
  pay: [
    'Stuur {money} naar {iban}', 'Voor de uithaler {money}, contant', 'Het papier ligt klaar, {paper}',
    'Betaal via {crypto}', 'Jij krijgt {money} als het eruit is',
  ],
  arrive: [
    'Container {container} staat op de kade in {dest}',
    'Vannacht halen we {bricks} eruit',
    'Alles eruit, {qty} in de loods',
    'Afspreken hier {coord}', 'Kom naar {coord} met de {car}', 'Het {code} is binnen',
  ],
  seize: ['Douane heeft {container} open gemaakt', 'Alles kwijt in {dest}, {qty}', 'Politie op de terminal, telefoon uit', 'Iemand heeft gepraat'],
  lux: ['Nieuwe {watch} gehaald, {money}', 'Die {car} staat op naam van zijn vriendin', 'Wil jij een {watch}?'],
  arms: ['Ik heb {weapon} nodig', 'Het speelgoed ligt in de garage: {weapon}', 'Kan {explosive} regelen'],
  meet: ['Zie je morgen in {city}', 'Locatie {coord}', 'Ik land om 18u in {city}'],
  newnum: ['Dit is mijn nieuwe nummer', 'Nieuw nummer, oude is weg', 'Ik ben het, {nick}. Nieuw nummer'],
  thirdnum: ['Dit is het nieuwe nummer van {nick}: {pin}', '{nick} zit nu op {pin}'],
  reply: ['ok', 'oké', 'top', 'is goed', 'prima', 'komt goed', 'ff wachten', 'bel me', 'niet via de telefoon', '👍', 'ja', 'nee'],
  chat: ['Hoi, hoe gaat het?', 'Heb je al gegeten?', 'Ik ben er over 10 min', 'Gefeliciteerd!!', 'Ajax heeft gewonnen', 'Neem je brood mee?', 'Kinderen slapen', 'Zaterdag bij mam eten', 'Lekker weer vandaag'],
  hardneg: ['Ik werk morgen op de terminal in {city}', 'Huur is {bmoney} deze maand', 'Nieuwe shirts gekocht voor {bmoney}', 'Vakantie naar {city} geboekt', 'Pakket uit {city} komt vandaag', 'Koffie?'],
  portwork: ['Container {container} staat klaar voor controle op de terminal', 'De {vessel} heeft vertraging, {imo}', 'Morgen dienst op de kade in {city}', 'Scanner ligt eruit vandaag', 'Reefer {container} moet aan de stroom'],
};

const FR: Table = {
  plan: ['Les gens de {origin} ont {qty} prêts', 'Il faut {money} pour commencer', 'Le prix: {price} le kilo à {dest}', '{bricks} passent par {transit} le mois prochain'],
  book: ['Le conteneur {container} est sur le {vessel} {imo}', 'Le conteneur {container} part de {origin} via {transit} vers {dest}', 'Le {vessel} arrive à {transit} {day}', 'Numéro du conteneur: {container}'],
  transit: ['La marchandise est au port de {transit}', 'Le douanier à {transit} veut {money}', 'On attend le transbordement à {transit}', 'Tout est calme à {transit}'],
  pay: ['Envoie {money} sur {iban}', 'Les papiers sont prêts, {paper}', 'Paiement en {crypto}'],
  arrive: ['Le conteneur {container} est arrivé à {dest}', 'Rendez-vous ici {coord}', '{code} est arrivée'],
  seize: ['La douane a ouvert {container}', 'Tout est tombé à {dest}', 'Éteins ton téléphone'],
  lux: ['J\'ai pris une {watch} pour {money}', 'La {car} est prête'],
  arms: ['Il me faut des jouets: {weapon}', 'Je peux avoir du {explosive}'],
  meet: ['On se voit à {city}', 'Le point: {coord}'],
  newnum: ['Voici mon nouveau numéro', 'Nouveau numéro, garde-le'],
  thirdnum: ['Le nouveau PIN de {nick}: {pin}'],
  reply: ['ok', 'd\'accord', 'ça marche', 'vas-y', 'pas au téléphone', '👍', 'oui chef', 'on se parle'],
  chat: ['Salut, ça va?', 'Tu rentres quand?', 'Bonne fête!', 'Les enfants vont bien', 'On mange ensemble ce soir?', 'Il fait chaud aujourd\'hui'],
  hardneg: ['Le loyer c\'est {bmoney}', 'Je pars à {city} demain', 'Mon frère travaille au port de {city}', 'Un café?'],
  portwork: ['Le conteneur {container} est au scanner', 'Le {vessel} accoste demain matin', 'Grève au port de {city} lundi'],
};

const ES: Table = {
  plan: [
    'Hay {qty} listos en {origin}', 'El patrón quiere {bricks} para {dest}', 'Precio {price} el kilo puesto en {origin}',
    'Salen {qty} por {transit} a fin de mes', 'Necesitamos {money} adelantado',
  ],
  book: ['El contenedor {container} va en el {vessel} {imo}', 'El contenedor {container} sale de {origin} vía {transit} hacia {dest}', 'La fruta sale {day} de {origin}', 'Contenedor {container}, destino {dest}', 'El {vessel} zarpa de {origin}'],
  transit: ['La mercancía está en {transit}', 'El barco {vessel} pasó {transit}', 'En {transit} piden {money} más'],
  pay: ['Manda {money} a {iban}', 'Los papeles están listos: {paper}', 'Paga por {crypto}', 'Falta {money} para completar'],
  arrive: ['El contenedor {container} llegó a {dest}', 'Ubicación {coord}', 'Ya sacaron {bricks}', 'El {code} llegó bien'],
  seize: ['Cayó todo en {dest}, {qty}', 'La aduana abrió {container}', 'Apaga el teléfono', 'Alguien habló'],
  lux: ['Compré un {watch} por {money}', 'El {car} ya está pagado'],
  arms: ['Necesito {weapon}', 'Hay {explosive} si hace falta'],
  meet: ['Nos vemos en {city}', 'Punto de encuentro {coord}'],
  newnum: ['Este es mi número nuevo', 'Número nuevo, borra el otro'],
  thirdnum: ['El nuevo PIN de {nick} es {pin}'],
  reply: ['ok', 'dale', 'listo', 'de una', 'hágale', 'tranquilo', 'no por aquí', '👍', 'sí señor', 'ya'],
  chat: ['Hola, ¿cómo estás?', '¿Ya comiste?', 'Feliz cumpleaños!!', 'Llego en 10', '¿Viste el partido?', 'Los niños están bien', 'Mañana voy donde mi mamá'],
  hardneg: ['Compré camisetas para el equipo, {bmoney}', 'El arriendo es {bmoney}', 'Viajo a {city} la otra semana', 'Mi primo trabaja en el puerto de {city}', '¿Un tinto?'],
  portwork: ['El contenedor {container} pasó la inspección', 'El buque {vessel} atraca mañana', 'Turno de noche en el puerto de {city}'],
};

const PT: Table = {
  plan: ['Tem {qty} pronto em {origin}', 'O patrão quer {bricks} para {dest}', 'Preço {price} por quilo'],
  book: ['O contêiner {container} vai no {vessel} {imo}', 'O navio {vessel} sai {day} de {origin}', 'Contêiner {container} para {dest}'],
  transit: ['A mercadoria está em {transit}', 'Em {transit} querem {money}', 'O {vessel} já passou {transit}'],
  pay: ['Manda {money} para {iban}', 'O papel está pronto: {paper}', 'Paga em {crypto}'],
  arrive: ['O contêiner {container} chegou em {dest}', 'Local {coord}', 'A {code} chegou'],
  seize: ['Caiu tudo em {dest}', 'A alfândega abriu {container}', 'Desliga o telefone'],
  lux: ['Comprei um {watch} por {money}'],
  arms: ['Preciso de {weapon}'],
  meet: ['A gente se vê em {city}', 'Ponto {coord}'],
  newnum: ['Esse é meu número novo', 'Número novo, apaga o outro'],
  thirdnum: ['O PIN novo do {nick} é {pin}'],
  reply: ['ok', 'beleza', 'fechado', 'tranquilo', 'certo', '👍', 'pode ser', 'aqui não'],
  chat: ['Oi, tudo bem?', 'Já comeu?', 'Feliz aniversário!!', 'Chego em 10 minutos', 'Viu o jogo do Santos?', 'As crianças estão bem'],
  hardneg: ['O aluguel é {bmoney}', 'Vou para {city} semana que vem', 'Meu irmão trabalha no porto de {city}', 'Um cafezinho?'],
  portwork: ['O contêiner {container} foi liberado', 'O navio {vessel} atraca amanhã', 'Plantão no porto de {city}'],
};

const AR: Table = {
  plan: ['جاهز {qty} في {origin}', 'السعر {price} للكيلو', 'الشحنة تمر عبر {transit}'],
  book: ['الحاوية {container} على السفينة {vessel} {imo}', 'الحاوية {container} إلى {dest}'],
  transit: ['البضاعة في {transit}', 'في {transit} يطلبون {money}'],
  pay: ['حوّل {money} إلى {iban}', 'الورق جاهز {paper}', 'ادفع عبر {crypto}', 'المبلغ {money} وصل دبي'],
  arrive: ['الحاوية {container} وصلت {dest}', 'الموقع {coord}', 'وصل {code}'],
  seize: ['الجمارك فتحت {container}', 'سكّر التلفون'],
  lux: ['اشتريت {watch} بـ {money}', 'السيارة {car} جاهزة'],
  arms: ['نحتاج {weapon}'],
  meet: ['نلتقي في {city}', 'الموقع {coord}'],
  newnum: ['هذا رقمي الجديد', 'رقم جديد'],
  thirdnum: ['رقم {nick} الجديد {pin}'],
  reply: ['تمام', 'طيب', 'إن شاء الله', 'ok', 'ماشي', '👍', 'مش على التلفون'],
  chat: ['مرحبا، كيف حالك؟', 'وين انت؟', 'عيد مبارك', 'الأولاد بخير', 'تعال نتغدى'],
  hardneg: ['الإيجار {bmoney}', 'مسافر إلى {city} الأسبوع الجاي', 'نشرب قهوة؟'],
  portwork: ['الحاوية {container} جاهزة للتسليم', 'السفينة {vessel} تصل بكرة'],
};

const EN: Table = {
  plan: [
    'Our friends in {origin} have {qty} ready', 'Price is {price} per key delivered {dest}', 'Next one is {bricks} via {transit}',
    'Boss wants {qty} before christmas', 'Need {money} upfront for {origin}',
  ],
  book: ['Container {container} booked on {vessel} {imo}', 'Box {container} goes from {origin} via {transit} to {dest}', 'Box number {container}, bananas, to {dest}', '{vessel} leaves {origin} {day}', 'Changed the box, new one {container}'],
  transit: ['Goods are in {transit}, waiting for transshipment', '{vessel} passed {transit}', 'People in {transit} want {money} extra'],
  pay: ['Send {money} to {iban}', 'Paper is ready, {paper}', 'Pay via {crypto}', 'Port guy wants {money} cash', 'Still {money} missing'],
  arrive: ['Container {container} arrived in {dest}', 'Tonight we pull {bricks} out', 'Meet here {coord}', 'Come to {coord} with the {car}', 'The {code} landed, all good'],
  seize: ['Customs opened {container}', 'Everything lost in {dest}, {qty}', 'Police at the terminal, switch off', 'Someone talked'],
  lux: ['Got a {watch} for {money}', 'The {car} is paid cash', 'Want a {watch}?'],
  arms: ['Need {weapon} for a job', 'Toys are ready: {weapon}', 'Can get {explosive}'],
  meet: ['See you in {city}', 'Location {coord}', 'Landing {city} 6pm'],
  newnum: ['This is my new number', 'New number, delete the old one', 'It\'s me, {nick}. New PIN'],
  thirdnum: ['This is {nick}\'s new PIN: {pin}', '{nick} is on {pin} now'],
  reply: ['ok', 'yes', 'copy', 'noted', 'done', 'call me', 'not here', '👍', 'sure bro', 'wait'],
  chat: ['Hey, how are you?', 'Did you eat?', 'Happy birthday!!', 'Running 10 min late', 'Did you see the game?', 'Kids are fine'],
  hardneg: ['Rent is {bmoney} this month', 'Flying to {city} next week', 'My cousin works at the port in {city}', 'Bought new shirts, {bmoney}', 'Coffee later?'],
  portwork: ['Container {container} released by customs', '{vessel} berthing tomorrow 06:00, {imo}', 'Overtime on the {vessel} tonight', 'Reefer {container} needs power'],
};

function cyrillicTable(t: Table): Table {
  const out = {} as Record<Topic, string[]>;
  for (const [k, v] of Object.entries(t) as [Topic, readonly string[]][]) {
    out[k] = v.map((s) => s.split(/(\{[a-z]+(?::[a-z]+)?\})/).map((part) => (part.startsWith('{') ? part : latinToCyrillic(part))).join(''));
  }
  return out;
}

export const TEMPLATES: Record<Lang, Table> = {
  sr: SR,
  'sr-Cyrl': cyrillicTable(SR),
  nl: NL,
  fr: FR,
  es: ES,
  pt: PT,
  ar: AR,
  en: EN,
};

/** A template split into literal text and slots (odd indexes; `dest:loc` = slot with a Serbian case). */
export type ParsedTemplate = readonly string[];

export function parseTemplate(t: string): ParsedTemplate {
  return t.split(/\{([a-z]+(?::[a-z]+)?)\}/);
}

export const SLOTS = [
  'code', 'drug', 'qty', 'bricks', 'money', 'price', 'paper', 'container', 'vessel', 'imo', 'origin', 'transit', 'dest', 'home', 'city',
  'coord', 'iban', 'crypto', 'watch', 'car', 'weapon', 'explosive', 'day', 'nick', 'pin', 'bmoney',
] as const;

export type Slot = (typeof SLOTS)[number];
