#!/usr/bin/env node
// Builds bench/text/eval.jsonl from eval-source.txt (hand-labelled messages) and the labelled templates
// below, filling the {SLOT}s with generated checksum-valid identifiers (IBAN via ibantools and
// src/synth, ISO 6346 containers, IMO numbers, Bitcoin base58check and bech32 addresses, phones).
// Deterministic (seeded). Needs the compiled synth helpers: npx tsc -p tsconfig.build.json
//
// Output line: {"id", "lang", "region"?, "text", "expected": [{"type","raw"}], "ignore": [{"raw"}]}
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import * as ibantools from 'ibantools';
import { randomIban, formatIbanPaper } from '../../dist/synth/iban.js';
import { makeContainerNumber } from '../../dist/synth/container.js';
import { makeImo } from '../../dist/synth/imo.js';
import { base58CheckEncode } from '../../dist/synth/base58check.js';
import { segwitV0Address } from '../../dist/synth/bech32.js';
import { makePhone } from '../../dist/synth/phone.js';
import { Rng } from '../../dist/synth/prng.js';

const here = dirname(fileURLToPath(import.meta.url));
const rng = new Rng(20261125);
const r = (n) => rng.int(n);
const pick = (a) => a[r(a.length)];

// ---------------------------------------------------------------------------------------------
// Slot generators: [text, type] with the text exactly as it appears in the message.

function ibanVia(country, length) {
  // ibantools: random BBAN until the IBAN (and the national check, where ibantools has one) is valid
  for (;;) {
    const spec = ibantools.getCountrySpecifications()[country];
    let bban = '';
    for (const ch of spec.bban_regexp ? spec.bban_regexp : '') void ch;
    const n = length - 4;
    if (country === 'FR' || country === 'ES' || country === 'PT' || country === 'HR') {
      for (let i = 0; i < n; i++) bban += String(r(10));
    }
    const iban = ibantools.composeIBAN({ countryCode: country, bban });
    if (iban && ibantools.validateIBAN(iban).valid) return iban;
  }
}

const IBAN_LEN = { HR: 21, FR: 27, ES: 24, PT: 25 };
function iban(country) {
  if (['RS', 'ME', 'BE', 'NL', 'DE', 'AE'].includes(country)) return randomIban(rng, country);
  return ibanVia(country, IBAN_LEN[country]);
}
const OWNERS = ['MSCU', 'MAEU', 'CMAU', 'HLXU', 'TGHU', 'MSKU', 'OOLU', 'SEGU', 'TCLU', 'CSQU'];
function container() {
  return makeContainerNumber(pick(OWNERS), r(1_000_000));
}
function btc() {
  const p = new Uint8Array(21);
  for (let i = 1; i < 21; i++) p[i] = r(256);
  return base58CheckEncode(p);
}
function bech() {
  return segwitV0Address(Array.from({ length: 20 }, () => r(256)));
}
function eth() {
  return '0x' + createHash('sha256').update(String(r(1e9))).digest('hex').slice(0, 40);
}
const CC = { RS: '381', HR: '385', NL: '31', FR: '33', ES: '34', BR: '55', AE: '971', DE: '49', BE: '32', ME: '382' };
let phoneK = 1;
function phone(country, spaced) {
  const e164 = makePhone(country, phoneK++ * 7919, 3);
  if (!spaced) return e164;
  const cc = CC[country];
  const rest = e164.slice(1 + cc.length);
  return `+${cc} ${rest.slice(0, 2)} ${rest.slice(2)}`;
}

function slot(name) {
  const [kind, arg] = name.split(':');
  switch (kind) {
    case 'IBAN': return [iban(arg), 'iban'];
    case 'IBANP': return [formatIbanPaper(iban(arg)), 'iban'];
    case 'CONT': return [container(), 'container'];
    case 'CONTS': { const c = container(); return [`${c.slice(0, 4)} ${c.slice(4, 10)} ${c.slice(10)}`, 'container']; }
    case 'IMO': return [`IMO ${makeImo(1_000_000 + r(8_000_000))}`, 'imo'];
    case 'BTC': return [btc(), 'crypto'];
    case 'BECH': return [bech(), 'crypto'];
    case 'ETH': return [eth(), 'crypto'];
    case 'PHONE': return [phone(arg, false), 'phone'];
    case 'PHONES': return [phone(arg, true), 'phone'];
    default: throw new Error(`unknown slot ${name}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Labelled templates: each {NAME} picks one labelled fragment from FRAG[NAME] (or a slot).

const FRAG = {
  QTY_SR: ['[50 kila|drug_quantity]', '[1.200 kg|drug_quantity]', '[30 cigli|drug_quantity]', '[15 kilograma|drug_quantity]', '[2,5 kg|drug_quantity]', '[200 grama|drug_quantity]', '[12 paketa|drug_quantity]', '[3 tone|drug_quantity]', '[pola kila|drug_quantity]', '[40 blokova|drug_quantity]'],
  DRUG_SR: ['[kokaina|drug]', '[koke|drug]', '[heroina|drug]', '[hašiša|drug]', '[marihuane|drug]', '[amfetamina|drug]', '[kokain|drug]', '[skanka|drug]'],
  MONEY_SR: ['[20.000 evra|money]', '[1,5 miliona evra|money]', '[300k €|money]', '[50.000 EUR|money]', '[15.000 $|money]', '[2 miliona dolara|money]', '[500.000 dinara|money]', '[45.000€|money]', '[pola miliona evra|money]', '[750 eura|money]', '[EUR 120.000|money]'],
  PLACE_SR_LOC: ['[Antverpenu|place]', '[Roterdamu|place]', '[Hamburgu|place]', '[Beogradu|place]', '[Baru|place]', '[Kotoru|place]', '[Splitu|place]', '[Rijeci|place]', '[Novom Sadu|place]', '[Podgorici|place]', '[Sarajevu|place]', '[Zagrebu|place]', '[Tivtu|place]', '[Budvi|place]', '[Dubaiju|place]', '[Istanbulu|place]', '[Valensiji|place]', '[Algesirasu|place]'],
  PLACE_SR_GEN: ['[Gvajakila|place]', '[Santosa|place]', '[Kartahene|place]', '[Antverpena|place]', '[Roterdama|place]', '[Lomea|place]', '[Abidžana|place]', '[Dakara|place]', '[Konakrija|place]', '[Bisaua|place]', '[Beograda|place]', '[Bara|place]', '[Drača|place]', '[Tirane|place]'],
  COUNTRY_SR_GEN: ['[Kolumbije|country]', '[Ekvadora|country]', '[Brazila|country]', '[Holandije|country]', '[Belgije|country]', '[Španije|country]', '[Albanije|country]', '[Crne Gore|country]', '[Srbije|country]', '[Gane|country]', '[Toga|country]', '[Gvineje Bisao|country]', '[Venecuele|country]', '[Paragvaja|country]', '[Perua|country]'],
  VEH: ['[BMW X5|vehicle]', '[Audi RS6|vehicle]', '[Mercedes G-klasa|vehicle]', '[Range Rover|vehicle]', '[Porsche Cayenne|vehicle]', '[Toyota Land Cruiser|vehicle]', '[VW Golf|vehicle]', '[Audi Q7|vehicle]', '[BMW M5|vehicle]', '[Mercedes S-klasa|vehicle]', '[Lamborghini Urus|vehicle]', '[Bentley Bentayga|vehicle]'],
  WATCH: ['[Rolex Daytona|watch]', '[Rolex Submariner|watch]', '[Patek Philippe Nautilus|watch]', '[Audemars Piguet Royal Oak|watch]', '[Richard Mille|watch]', '[Hublot Big Bang|watch]', '[Rolex|watch]', '[Cartier Santos|watch]', '[AP Royal Oak|watch]', '[Patek|watch]'],
  WEAP_SR: ['[pištolj|weapon]', '[kalašnjikov|weapon]', '[Glock|weapon]', '[automatsku pušku|weapon]', '[AK-47|weapon]', '[zolju|weapon]', '[municiju|weapon]', '[ručnu bombu|explosive]', '[eksploziv|explosive]', '[TNT|explosive]', '[C4|explosive]', '[Škorpion|weapon]'],
  QTY_EN: ['[200 keys|drug_quantity]', '[50 kg|drug_quantity]', '[10 bricks|drug_quantity]', '[1.5 kg|drug_quantity]', '[500 grams|drug_quantity]', '[2 tons|drug_quantity]', '[20 packages|drug_quantity]', '[3 kilos|drug_quantity]'],
  DRUG_EN: ['[cocaine|drug]', '[coke|drug]', '[heroin|drug]', '[hash|drug]', '[weed|drug]', '[MDMA|drug]', '[ketamine|drug]', '[skunk|drug]'],
  MONEY_EN: ['[$250,000|money]', '[€1.2m|money]', '[50k USD|money]', '[£15,000|money]', '[1,500,000 EUR|money]', '[USD 75,000|money]', '[2 million dollars|money]', '[300 000 €|money]', "[1'200'000 CHF|money]", '[€ 9.500|money]'],
  PLACE_EN: ['[Antwerp|place]', '[Rotterdam|place]', '[Hamburg|place]', '[Le Havre|place]', '[Algeciras|place]', '[Valencia|place]', '[Guayaquil|place]', '[Cartagena|place]', '[Buenaventura|place]', '[Paranaguá|place]', '[Lomé|place]', '[Abidjan|place]', '[Dakar|place]', '[Conakry|place]', '[Bissau|place]', '[Cotonou|place]', '[Durrës|place]', '[Istanbul|place]', '[Dubai|place]', '[Belgrade|place]', '[Podgorica|place]', '[Sarajevo|place]', '[Zagreb|place]', '[Tirana|place]', '[Kotor|place]', '[Accra|place]'],
  COUNTRY_EN: ['[Colombia|country]', '[Ecuador|country]', '[Brazil|country]', '[the Netherlands|country]', '[Belgium|country]', '[Spain|country]', '[Albania|country]', '[Montenegro|country]', '[Serbia|country]', '[Ghana|country]', '[Togo|country]', '[Guinea-Bissau|country]', '[Venezuela|country]', '[Paraguay|country]', '[Peru|country]', '[Ivory Coast|country]', '[Senegal|country]', '[Morocco|country]', '[Turkey|country]', 'the [UAE|country]'],
  PLACE_ES: ['[Guayaquil|place]', '[Cartagena|place]', '[Buenaventura|place]', '[Turbo|place]', '[Santa Marta|place]', '[Barranquilla|place]', '[Algeciras|place]', '[Valencia|place]', '[Amberes|place]', '[Róterdam|place]', '[Hamburgo|place]', '[Santos|place]', '[Manta|place]', '[Lomé|place]'],
  QTY_ES: ['[400 kilos|drug_quantity]', '[2 toneladas|drug_quantity]', '[50 kg|drug_quantity]', '[300 ladrillos|drug_quantity]', '[20 paquetes|drug_quantity]', '[medio kilo|drug_quantity]', '[1.500 kilos|drug_quantity]'],
  MONEY_ES: ['[300 mil dólares|money]', '[50.000 €|money]', '[1,5 millones de euros|money]', '[US$ 200.000|money]', '[28.000 euros|money]', '[2 millones de dólares|money]', '[USD 45.000|money]'],
  PLACE_NL: ['[Rotterdam|place]', '[Antwerpen|place]', '[Vlissingen|place]', '[Moerdijk|place]', '[Zeebrugge|place]', '[Hamburg|place]', '[Amsterdam|place]', '[Gent|place]'],
  MONEY_NL: ['[€ 45.000|money]', '[1.200.000 euro|money]', '[250k euro|money]', '[EUR 80.000|money]', '[€3,5 miljoen|money]', '[500 euro|money]'],
  QTY_NL: ['[200 kilo|drug_quantity]', '[50 kg|drug_quantity]', '[1.000 kilo|drug_quantity]', '[30 pakketten|drug_quantity]', '[5 ton|drug_quantity]'],
  NEG: [
    'Vidimo se sutra u 14:30 kod stare pošte.', 'Rođendan mu je 03.04.1991.', 'Porudžbina 2024-118-7765 stiže u sredu.', 'Pozovi posle 21h, sad sam na poslu.',
    'Het pakket is verzonden, trackingcode 3SABCD1234567.', 'Bestelnummer 061234567 is geannuleerd.', 'Rendez-vous le 12/05 à 18h30.', 'Pedido 0034612345678 cancelado.',
    'Order 9074729 was delivered.', 'The meeting is at 10.30, room 1.500.', 'Version 1.2.3 of the app crashes.', 'Bar je zatvoren zbog renoviranja? Ne, kafić je.',
    'Idemo na split screen, lakše je.', 'Turbo punjač je pukao na kolima.', 'Mali problem sa papirima, ništa strašno.', 'Sad ću, samo da završim.',
    'Nisu hteli da plate račun.', 'Santos je dobar igrač, gledao sam utakmicu.', 'Nice one, bro!', 'La tema principal es la logística.',
    'Los lagos están llenos este año.', 'O porto está fechado hoje, greve.', 'Milan i Jovana dolaze na večeru.', 'Rijeka je bila hladna jutros.',
    'Kupio sam novu majicu i patike.', 'Snijeg je zameo cestu.', 'Bijelo vino ili crno?', 'Ima li trave u dvorištu da se kosi?',
    'Koliko je sati?', 'Sneeuw op de weg, rij voorzichtig.', 'Ze heeft een mooi wit huis.', 'La nieve cubrió la montaña.',
    'Compré pan y café.', 'Take a seat and relax.', 'Golf turnir je u nedelju.', 'Omega-3 kapsule za zdravlje.',
    'Jaguar u zoološkom vrtu je spavao.', 'Tesla je bio veliki naučnik.', 'Mercedes dijo que vendría mañana.', 'Rim of the wheel is bent.',
    'Hag je otišao kući, umoran.', 'Rio je prijatelj iz škole.', 'Lion King je omiljen film.', 'Sofija je moja sestra.',
    'Soba 12, sprat 3, lift je pokvaren.', 'Tel. centrala radi od 8 do 16.', 'PIN je 4471, ne zaboravi.', 'Broj računa 160-5100000012345-67 za kiriju.',
    'Cijena 12.05 po komadu, bez PDV.', 'Temperatura 38.5 stepeni.', 'Koordinacija u 5, ne kasni.', 'Dobio sam 5G ruter.',
  ],
};

const TEMPLATES = [
  ['sr', 'RS', 'Stiglo je {QTY_SR} {DRUG_SR} iz {PLACE_SR_GEN}.'],
  ['sr', 'RS', 'Roba je u {PLACE_SR_LOC}, {QTY_SR} spremno.'],
  ['sr', 'RS', 'Cena je {MONEY_SR}, plaćanje u {PLACE_SR_LOC}.'],
  ['sr', 'RS', 'Ide iz {COUNTRY_SR_GEN} preko {PLACE_SR_GEN}, {QTY_SR}.'],
  ['sr', 'RS', 'Kupio je {VEH} i {WATCH} za {MONEY_SR}.'],
  ['sr', 'RS', 'Treba nam {WEAP_SR} do petka.'],
  ['sr', 'RS', 'Uplati {MONEY_SR} na {IBANP:RS}.'],
  ['sr', 'RS', 'Kontejner {CONT} stiže u {PLACE_SR_LOC}.'],
  ['sr', 'RS', 'Zovi {PHONES:RS} kad stigne {DRUG_SR}.'],
  ['me', 'ME', 'Uplata {MONEY_SR} na {IBAN:ME}, brod IMO {IMO}.'],
  ['en', null, 'We have {QTY_EN} of {DRUG_EN} leaving {PLACE_EN} for {PLACE_EN}.'],
  ['en', null, 'Price is {MONEY_EN}, pay to {BTC}.'],
  ['en', null, 'The load comes from {COUNTRY_EN} via {PLACE_EN}.'],
  ['en', null, 'He bought a {VEH} and a {WATCH} for {MONEY_EN}.'],
  ['en', null, 'Container {CONTS} is in {PLACE_EN}, call {PHONES:BE}.'],
  ['es', 'ES', 'Salen {QTY_ES} de {PLACE_ES} hacia {PLACE_ES}.'],
  ['es', 'ES', 'Pagamos {MONEY_ES} por el lote.'],
  ['es', 'ES', 'El contenedor {CONT} llega a {PLACE_ES}.'],
  ['nl', 'NL', 'Er ligt {QTY_NL} in {PLACE_NL}, betaal {MONEY_NL}.'],
  ['nl', 'NL', 'Maak {MONEY_NL} over naar {IBANP:NL}.'],
  ['nl', 'NL', 'Container {CONT} staat in {PLACE_NL}.'],
  ['fr', 'FR', 'Virement de {MONEY_EN} sur {IBANP:BE}.'],
  ['en', null, 'Wallet {BECH} got {MONEY_EN}.'],
  ['en', null, 'Send it to {ETH} today.'],
];

// ---------------------------------------------------------------------------------------------

/** Parse "[text|type]" marks and {SLOT}s into plain text + expected mentions. */
function parse(line) {
  let text = '';
  const expected = [];
  const ignore = [];
  const re = /\[([^\]|]+)\|([a-z_-]+)\]|\{([A-Z_]+(?::[A-Z]{2})?)\}/g;
  let last = 0;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) {
    text += line.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[3]) {
      if (FRAG[m[3]]) {
        const sub = parse(pick(FRAG[m[3]]));
        for (const e of sub.expected) expected.push(e);
        for (const e of sub.ignore) ignore.push(e);
        text += sub.text;
        continue;
      }
      const [raw, type] = slot(m[3]);
      expected.push({ type, raw });
      text += raw;
    } else if (m[2] === 'x-skip') {
      ignore.push({ raw: m[1] });
      text += m[1];
    } else {
      expected.push({ type: m[2], raw: m[1] });
      text += m[1];
    }
  }
  text += line.slice(last);
  return { text, expected, ignore };
}

const out = [];
let lang = 'en';
let region = null;
let set = 'hand';
let n = 0;
for (const raw of readFileSync(join(here, 'eval-source.txt'), 'utf8').split('\n')) {
  const line = raw.trim();
  if (!line) continue;
  if (line.startsWith('#lang')) {
    const parts = line.split(/\s+/);
    lang = parts[1];
    region = parts[2] === 'region' ? parts[3] : null;
    continue;
  }
  if (line.startsWith('#set')) {
    set = line.split(/\s+/)[1];
    continue;
  }
  if (line.startsWith('#')) continue;
  out.push({ id: `h${++n}`, lang, ...(region ? { region } : {}), source: set, ...parse(line) });
}
let t = 0;
for (let rep = 0; rep < 6; rep++) {
  for (const [l, reg, tpl] of TEMPLATES) out.push({ id: `t${++t}`, lang: l, ...(reg ? { region: reg } : {}), source: 'template', ...parse(tpl) });
}
for (const neg of FRAG.NEG) out.push({ id: `n${++t}`, lang: 'xx', source: 'negative', ...parse(neg) });

writeFileSync(join(here, 'eval.jsonl'), out.map((o) => JSON.stringify(o)).join('\n') + '\n');
const counts = {};
for (const o of out) for (const e of o.expected) counts[e.type] = (counts[e.type] ?? 0) + 1;
console.log(`${out.length} lines (${out.filter((o) => o.expected.length === 0).length} without any entity)`, counts);
