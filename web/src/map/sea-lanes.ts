/**
 * Sea-going legs for the map (issue 17 part 4: "great-circle or sea-going, never straight lines
 * across continents"). A small offline graph of sea-lane waypoints (straits, canals, capes and
 * open-sea turning points: Panama, Gibraltar, Suez, Bab-el-Mandeb, the Cape of Good Hope, the
 * English Channel, the West African coast…) with the shortest path over it (Dijkstra on
 * great-circle distances). Bundled with the app: nothing is fetched.
 *
 * A leg goes by sea when both of its ends are ports or near the coast (within ATTACH_KM of a
 * waypoint), it is long (at least SEA_MIN_KM: a short hop is drawn as its great circle) and the
 * way by sea is not an absurd detour (at most MAX_DETOUR times the great circle). Otherwise
 * (an inland end, a short hop) the leg is its great circle.
 */

type LonLat = [number, number];

/** Waypoints: [lon, lat] in degrees, on open water. */
const W = {
  northSea: [3.0, 52.3],
  germanBight: [7.4, 54.2],
  dover: [1.6, 50.9],
  channelWest: [-5.3, 49.3],
  celtic: [-8.5, 50.5],
  finisterre: [-10.0, 43.6],
  lisbon: [-10.0, 38.6],
  gibraltar: [-5.7, 35.95],
  alboran: [-2.5, 36.2],
  medWest: [5.0, 38.6],
  ligurian: [8.5, 43.2],
  sicily: [12.0, 37.2],
  otranto: [18.8, 40.0],
  adriatic: [17.0, 42.0],
  adriaticNorth: [13.6, 44.6],
  aegean: [24.8, 37.3],
  bosporus: [29.0, 41.3],
  blackSea: [31.5, 43.3],
  medEast: [27.0, 33.8],
  portSaid: [32.4, 31.6],
  suez: [32.8, 28.5],
  redSea: [38.5, 20.5],
  babElMandeb: [43.4, 12.6],
  aden: [50.0, 12.8],
  hormuz: [56.6, 26.4],
  gulf: [52.5, 26.5],
  arabianSea: [64.0, 15.0],
  mumbai: [71.5, 18.5],
  sriLanka: [80.5, 5.5],
  malacca: [98.5, 4.5],
  singapore: [104.2, 1.2],
  southChinaSea: [113.0, 14.0],
  hongKong: [114.5, 21.8],
  eastAfrica: [43.0, -4.5],
  mozambique: [40.0, -20.0],
  durban: [32.5, -30.5],
  capeOfGoodHope: [18.3, -35.3],
  angola: [10.5, -10.0],
  gulfOfGuinea: [3.0, 4.8],
  ivoryCoast: [-5.0, 4.3],
  liberia: [-11.0, 5.5],
  dakar: [-18.0, 14.5],
  capeVerde: [-22.0, 16.0],
  canaries: [-15.5, 28.5],
  madeira: [-17.0, 33.0],
  azores: [-27.0, 38.5],
  midAtlantic: [-40.0, 22.0],
  brazilNorth: [-44.0, 0.5],
  recife: [-34.0, -8.0],
  santos: [-45.5, -25.0],
  riverPlate: [-55.5, -35.3],
  guianas: [-53.5, 7.5],
  trinidad: [-60.8, 11.5],
  caribbeanEast: [-64.0, 15.0],
  venezuela: [-68.0, 12.3],
  cartagena: [-76.0, 11.0],
  colon: [-79.9, 9.6],
  panamaPacific: [-79.5, 8.4],
  ecuador: [-81.2, -2.4],
  callao: [-77.8, -12.2],
  valparaiso: [-72.2, -33.0],
  mexicoPacific: [-104.5, 18.0],
  losAngeles: [-119.0, 33.2],
  windward: [-74.0, 19.5],
  gulfOfMexico: [-90.0, 24.5],
  floridaStrait: [-80.6, 24.6],
  usEast: [-73.0, 39.0],
  halifax: [-63.0, 43.5],
  northAtlantic: [-35.0, 46.0],
} satisfies Record<string, LonLat>;

type Waypoint = keyof typeof W;

const LANES: [Waypoint, Waypoint][] = [
  ['germanBight', 'northSea'],
  ['northSea', 'dover'],
  ['dover', 'channelWest'],
  ['channelWest', 'celtic'],
  ['channelWest', 'finisterre'],
  ['celtic', 'northAtlantic'],
  ['channelWest', 'northAtlantic'],
  ['finisterre', 'lisbon'],
  ['lisbon', 'gibraltar'],
  ['lisbon', 'madeira'],
  ['lisbon', 'azores'],
  ['gibraltar', 'alboran'],
  ['gibraltar', 'madeira'],
  ['alboran', 'medWest'],
  ['medWest', 'ligurian'],
  ['medWest', 'sicily'],
  ['ligurian', 'sicily'],
  ['sicily', 'otranto'],
  ['otranto', 'adriatic'],
  ['adriatic', 'adriaticNorth'],
  ['sicily', 'medEast'],
  ['otranto', 'aegean'],
  ['aegean', 'medEast'],
  ['aegean', 'bosporus'],
  ['bosporus', 'blackSea'],
  ['medEast', 'portSaid'],
  ['portSaid', 'suez'],
  ['suez', 'redSea'],
  ['redSea', 'babElMandeb'],
  ['babElMandeb', 'aden'],
  ['aden', 'arabianSea'],
  ['aden', 'eastAfrica'],
  ['arabianSea', 'hormuz'],
  ['hormuz', 'gulf'],
  ['arabianSea', 'mumbai'],
  ['arabianSea', 'sriLanka'],
  ['mumbai', 'sriLanka'],
  ['sriLanka', 'malacca'],
  ['malacca', 'singapore'],
  ['singapore', 'southChinaSea'],
  ['southChinaSea', 'hongKong'],
  ['eastAfrica', 'mozambique'],
  ['mozambique', 'durban'],
  ['durban', 'capeOfGoodHope'],
  ['capeOfGoodHope', 'angola'],
  ['angola', 'gulfOfGuinea'],
  ['gulfOfGuinea', 'ivoryCoast'],
  ['ivoryCoast', 'liberia'],
  ['liberia', 'dakar'],
  ['liberia', 'midAtlantic'],
  ['dakar', 'capeVerde'],
  ['dakar', 'canaries'],
  ['capeVerde', 'canaries'],
  ['capeVerde', 'midAtlantic'],
  ['capeVerde', 'recife'],
  ['canaries', 'madeira'],
  ['madeira', 'azores'],
  ['azores', 'midAtlantic'],
  ['azores', 'northAtlantic'],
  ['azores', 'usEast'],
  ['midAtlantic', 'caribbeanEast'],
  ['midAtlantic', 'brazilNorth'],
  ['brazilNorth', 'guianas'],
  ['brazilNorth', 'recife'],
  ['recife', 'santos'],
  ['santos', 'riverPlate'],
  ['recife', 'angola'],
  ['santos', 'capeOfGoodHope'],
  ['guianas', 'trinidad'],
  ['trinidad', 'caribbeanEast'],
  ['trinidad', 'venezuela'],
  ['caribbeanEast', 'venezuela'],
  ['caribbeanEast', 'windward'],
  ['venezuela', 'cartagena'],
  ['cartagena', 'colon'],
  ['cartagena', 'windward'],
  ['windward', 'floridaStrait'],
  ['windward', 'usEast'],
  ['colon', 'gulfOfMexico'],
  ['gulfOfMexico', 'floridaStrait'],
  ['floridaStrait', 'usEast'],
  ['usEast', 'halifax'],
  ['halifax', 'northAtlantic'],
  ['colon', 'panamaPacific'],
  ['panamaPacific', 'ecuador'],
  ['panamaPacific', 'mexicoPacific'],
  ['mexicoPacific', 'losAngeles'],
  ['ecuador', 'callao'],
  ['callao', 'valparaiso'],
];

/** An end further than this from every waypoint is inland: its leg is not drawn by sea. */
export const ATTACH_KM = 350;
/** Legs shorter than this are drawn as their great circle. */
export const SEA_MIN_KM = 1500;
/** A way by sea longer than this many times the great circle is not taken. */
export const MAX_DETOUR = 4;

const RAD = Math.PI / 180;
const EARTH_KM = 6371;

/** Great-circle distance in km between two [lon, lat] points. */
export function distanceKm(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const NAMES = Object.keys(W) as Waypoint[];
const POS: LonLat[] = NAMES.map((n) => W[n]);
const INDEX = new Map(NAMES.map((n, i) => [n, i]));
const ADJ: { to: number; km: number }[][] = NAMES.map(() => []);
for (const [a, b] of LANES) {
  const i = INDEX.get(a)!;
  const j = INDEX.get(b)!;
  const km = distanceKm(POS[i]!, POS[j]!);
  ADJ[i]!.push({ to: j, km });
  ADJ[j]!.push({ to: i, km });
}

/** The waypoint nearest a point, within ATTACH_KM (null: inland). */
function attach(p: LonLat): number | null {
  let best = -1;
  let bestKm = Infinity;
  POS.forEach((w, i) => {
    const d = distanceKm(p, w);
    if (d < bestKm) {
      bestKm = d;
      best = i;
    }
  });
  return bestKm <= ATTACH_KM ? best : null;
}

/** Dijkstra over the lanes (a few dozen waypoints: a linear scan for the next one is enough). */
function shortest(from: number, to: number): { path: number[]; km: number } | null {
  const n = NAMES.length;
  const dist = new Float64Array(n).fill(Infinity);
  const prev = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  dist[from] = 0;
  for (;;) {
    let u = -1;
    for (let i = 0; i < n; i++) if (!done[i] && dist[i]! < Infinity && (u < 0 || dist[i]! < dist[u]!)) u = i;
    if (u < 0) return null;
    if (u === to) break;
    done[u] = 1;
    for (const e of ADJ[u]!) {
      const d = dist[u]! + e.km;
      if (d < dist[e.to]!) {
        dist[e.to] = d;
        prev[e.to] = u;
      }
    }
  }
  const path: number[] = [];
  for (let v = to; v >= 0; v = prev[v]!) path.unshift(v);
  return { path, km: dist[to]! };
}

/**
 * The way by sea from a to b as the waypoints between them ([lon, lat]; the ends themselves not
 * included), or null when the leg is drawn as its great circle (see the module comment).
 */
export function seaWay(a: LonLat, b: LonLat): LonLat[] | null {
  const direct = distanceKm(a, b);
  if (direct < SEA_MIN_KM) return null;
  const i = attach(a);
  const j = attach(b);
  if (i === null || j === null) return null;
  const s = shortest(i, j);
  if (!s) return null;
  const km = distanceKm(a, POS[i]!) + s.km + distanceKm(POS[j]!, b);
  if (km > MAX_DETOUR * direct) return null;
  return s.path.map((v) => POS[v]!);
}

/** The names of the waypoints of seaWay (for tests and docs). */
export function seaWayNames(a: LonLat, b: LonLat): string[] | null {
  const w = seaWay(a, b);
  return w ? w.map((p) => NAMES[POS.indexOf(p)]!) : null;
}
