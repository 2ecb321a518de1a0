/**
 * Geographic coordinates: decimal pairs ("44.8125, 20.4612"), degrees–minutes–seconds
 * ("44°48'45\"N 20°27'40\"E", also degrees + decimal minutes, hemisphere before or after, decimal degrees with °),
 * geo: URIs and map links — Google Maps (@lat,lon / q= / query= / ll= / destination= / !3d…!4d… place data),
 * Apple Maps (ll= / q= / sll=), OpenStreetMap (#map=z/lat/lon, mlat= & mlon=), Waze (ll= / to=ll.…).
 * Every pair is range-checked (|lat| ≤ 90, |lon| ≤ 180, not 0,0). Value: "lat,lon" rounded to 6 decimals.
 * Bare decimal pairs need ≥ 4 decimals each (so "1.500, 2.000" money is not a coordinate).
 */
import type { Mention } from '../../model/entities.js';
import { MAX_MENTIONS, type ExtractContext, type Extractor } from './types.js';

const URL_RE =
  /(?:https?:\/\/)?(?:[a-z0-9-]{1,63}\.){0,3}(?:google\.[a-z]{2,3}(?:\.[a-z]{2})?\/maps|maps\.google\.[a-z]{2,3}(?:\.[a-z]{2})?|goo\.gl\/maps|maps\.apple\.com|openstreetmap\.org|osm\.org|waze\.com)[^\s<>"'\u00AB\u00BB]{0,2048}/gi;
/** Every URL_RE match contains one of these (same case-insensitivity): ruling a text out is much cheaper. */
const URL_HINT_RE = /google\.|goo\.gl\/maps|maps\.apple\.com|openstreetmap\.org|osm\.org|waze\.com/i;
const GEO_RE = /(?<![A-Za-z])geo:(-?[0-9]{1,2}(?:\.[0-9]{1,15})?),(-?[0-9]{1,3}(?:\.[0-9]{1,15})?)/gi;

const NUM = '-?[0-9]{1,3}(?:\\.[0-9]{1,15})?';
// within a URL (already percent-decoded)
const URL_PATTERNS: { re: RegExp; source: string }[] = [
  { re: new RegExp(`!3d(${NUM})!4d(${NUM})`), source: 'google' },
  { re: new RegExp(`[?&#](?:q|query|ll|sll|destination|center|daddr)=(?:loc:)?(${NUM}) ?, ?(${NUM})`), source: 'link' },
  { re: new RegExp(`[?&]to=ll\\.(${NUM}),(${NUM})`), source: 'waze' },
  { re: new RegExp(`@(${NUM}),(${NUM})`), source: 'google' },
  { re: new RegExp(`#map=[0-9]{1,2}/(${NUM})/(${NUM})`), source: 'osm' },
];
const MLAT_RE = new RegExp(`[?&]mlat=(${NUM})`);
const MLON_RE = new RegExp(`[?&]mlon=(${NUM})`);

// One DMS component: optional hemisphere, degrees with a degree sign, optional minutes, optional seconds,
// optional hemisphere. Single optional spaces only, distinct symbols between parts: no ambiguous backtracking.
const DMS_PART =
  "([NSEWnsew])?[ ]?([0-9]{1,3}(?:\\.[0-9]{1,10})?)[ ]?[°º˚][ ]?(?:([0-9]{1,2}(?:\\.[0-9]{1,10})?)[ ]?['′’][ ]?(?:([0-9]{1,2}(?:\\.[0-9]{1,10})?)[ ]?(?:\"|″|”|'')?)?)?[ ]?([NSEWnsew](?![A-Za-z]))?";
const DMS_RE = new RegExp(`(?<![0-9A-Za-z.])${DMS_PART}[ ]?[,;/]?[ ]?${DMS_PART}`, 'g');

const DEC_RE =
  /(?<![0-9A-Za-z.\-])(-?[0-9]{1,2}\.[0-9]{4,15})[ ]?([NSns])?(?:[ ]?[,;][ ]?|[ ])(-?[0-9]{1,3}\.[0-9]{4,15})(?:[ ]?([EWew])(?![A-Za-z]))?(?![0-9.])/g;

function fmt(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}

function valid(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0);
}

function mention(text: string, start: number, end: number, lat: number, lon: number, source: string, confidence: number): Mention {
  return {
    type: 'coordinate',
    start,
    end,
    raw: text.slice(start, end),
    value: `${fmt(lat)},${fmt(lon)}`,
    confidence,
    attrs: { lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6, source },
  };
}

/** Coordinates from a map URL, or null. */
export function coordinatesFromUrl(url: string): { lat: number; lon: number; source: string } | null {
  let u = url;
  try {
    u = decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {
    u = url.replace(/%2C/gi, ',').replace(/%20|\+/g, ' ');
  }
  const a = MLAT_RE.exec(u);
  const b = MLON_RE.exec(u);
  if (a && b) {
    const lat = Number(a[1]);
    const lon = Number(b[1]);
    if (valid(lat, lon)) return { lat, lon, source: 'osm' };
  }
  for (const p of URL_PATTERNS) {
    const m = p.re.exec(u);
    if (m) {
      const lat = Number(m[1]);
      const lon = Number(m[2]);
      if (valid(lat, lon)) return { lat, lon, source: /openstreetmap|osm\.org/i.test(u) ? 'osm' : /waze/i.test(u) ? 'waze' : /apple/i.test(u) ? 'apple' : p.source === 'link' ? 'google' : p.source };
    }
  }
  return null;
}

function dmsValue(deg: string, min: string | undefined, sec: string | undefined): number {
  return Number(deg) + (min ? Number(min) / 60 : 0) + (sec ? Number(sec) / 3600 : 0);
}

function hemi(h1: string | undefined, h2: string | undefined): string | undefined {
  return (h1 ?? h2)?.toUpperCase();
}

export function extractCoordinates(text: string, _ctx: ExtractContext): Mention[] {
  if (text.indexOf('.') === -1 && text.indexOf('°') === -1 && text.indexOf('º') === -1 && text.indexOf('˚') === -1) return [];
  const out: Mention[] = [];
  // spans already taken by a stronger form, kept sorted by start (non-overlapping): binary search
  const taken: [number, number][] = [];
  const free = (s: number, e: number): boolean => {
    let lo = 0;
    let hi = taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (taken[mid]![1] <= s) lo = mid + 1;
      else hi = mid;
    }
    return lo === taken.length || taken[lo]![0] >= e;
  };
  const resort = (): void => {
    taken.sort((a, b) => a[0] - b[0]);
  };

  URL_RE.lastIndex = 0;
  const links = URL_HINT_RE.test(text);
  for (let m = links ? URL_RE.exec(text) : null; m !== null; m = URL_RE.exec(text)) {
    let end = m.index + m[0].length;
    while (end > m.index && /[.,;:!?)\]]/.test(text[end - 1]!)) end--;
    const c = coordinatesFromUrl(text.slice(m.index, end));
    if (c) {
      out.push(mention(text, m.index, end, c.lat, c.lon, c.source, 0.95));
      if (out.length >= MAX_MENTIONS) return out.sort((a, b) => a.start - b.start);
      taken.push([m.index, end]);
    }
  }

  GEO_RE.lastIndex = 0;
  for (let m = GEO_RE.exec(text); m !== null; m = GEO_RE.exec(text)) {
    const lat = Number(m[1]);
    const lon = Number(m[2]);
    const e = m.index + m[0].length;
    if (valid(lat, lon) && free(m.index, e)) {
      out.push(mention(text, m.index, e, lat, lon, 'geo', 0.95));
      if (out.length >= MAX_MENTIONS) return out.sort((a, b) => a.start - b.start);
      taken.push([m.index, e]);
    }
  }

  resort();
  const dms: [number, number][] = [];
  if (text.indexOf('°') !== -1 || text.indexOf('º') !== -1 || text.indexOf('˚') !== -1) {
    DMS_RE.lastIndex = 0;
    for (let m = DMS_RE.exec(text); m !== null; m = DMS_RE.exec(text)) {
      const h1 = hemi(m[1], m[5]);
      const h2 = hemi(m[6], m[10]);
      let lat = dmsValue(m[2]!, m[3], m[4]);
      let lon = dmsValue(m[7]!, m[8], m[9]);
      // hemispheres, in either order
      if ((h1 === 'E' || h1 === 'W') && (h2 === 'N' || h2 === 'S')) [lat, lon] = [lon, lat];
      const hs = [h1, h2];
      if (hs.includes('S')) lat = -Math.abs(lat);
      if (hs.includes('W')) lon = -Math.abs(lon);
      if ((h1 && h2 && (h1 === h2 || ((h1 === 'N' || h1 === 'S') && (h2 === 'N' || h2 === 'S')))) || (m[3] && Number(m[3]) >= 60) || (m[4] && Number(m[4]) >= 60)) continue;
      let s = m.index;
      let e = m.index + m[0].length;
      while (e > s && text[e - 1] === ' ') e--;
      while (s < e && text[s] === ' ') s++;
      if (valid(lat, lon) && free(s, e)) {
        out.push(mention(text, s, e, lat, lon, 'dms', 0.9));
        if (out.length >= MAX_MENTIONS) return out.sort((a, b) => a.start - b.start);
        dms.push([s, e]); // regex matches do not overlap each other; `taken` stays sorted during the loop
      }
    }
  }

  for (const d of dms) taken.push(d);
  resort();
  DEC_RE.lastIndex = 0;
  for (let m = DEC_RE.exec(text); m !== null; m = DEC_RE.exec(text)) {
    let lat = Number(m[1]);
    let lon = Number(m[3]);
    if (m[2]?.toUpperCase() === 'S') lat = -Math.abs(lat);
    if (m[4]?.toUpperCase() === 'W') lon = -Math.abs(lon);
    const e = m.index + m[0].length;
    if (valid(lat, lon) && free(m.index, e)) {
      out.push(mention(text, m.index, e, lat, lon, 'decimal', 0.8));
      if (out.length >= MAX_MENTIONS) break;
    }
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

export const coordinatesExtractor: Extractor = { name: 'coordinates', extract: extractCoordinates };
