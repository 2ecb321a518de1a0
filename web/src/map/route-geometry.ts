/**
 * The geometry of the map's routes (pure: no map, no DOM): each leg sea-going or a great circle,
 * a route's line through its stops, one label per route at its midpoint, and which labels to
 * hide where they overlap.
 */
import { seaWay } from './sea-lanes.js';

/** What of a route (lib/api PlaceRoute) the geometry reads. */
export interface RouteLike {
  key: string;
  messages: number;
  stops: { name: string; lon: number; lat: number }[];
}

const RAD = Math.PI / 180;

/**
 * The great circle from a to b ([lon, lat] in degrees) as `steps` + 1 points: the way a ship's
 * or plane's track bends on the map, never a straight line across a continent's projection.
 */
export function greatCircle(a: [number, number], b: [number, number], steps = 48): [number, number][] {
  const [l1, p1] = [a[0] * RAD, a[1] * RAD];
  const [l2, p2] = [b[0] * RAD, b[1] * RAD];
  const v1 = [Math.cos(p1) * Math.cos(l1), Math.cos(p1) * Math.sin(l1), Math.sin(p1)];
  const v2 = [Math.cos(p2) * Math.cos(l2), Math.cos(p2) * Math.sin(l2), Math.sin(p2)];
  const dot = Math.min(1, Math.max(-1, v1[0]! * v2[0]! + v1[1]! * v2[1]! + v1[2]! * v2[2]!));
  const omega = Math.acos(dot);
  if (omega < 1e-9) return [a, b];
  const out: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const k1 = Math.sin((1 - t) * omega) / Math.sin(omega);
    const k2 = Math.sin(t * omega) / Math.sin(omega);
    const x = k1 * v1[0]! + k2 * v2[0]!;
    const y = k1 * v1[1]! + k2 * v2[1]!;
    const z = k1 * v1[2]! + k2 * v2[2]!;
    out.push([Math.atan2(y, x) / RAD, Math.atan2(z, Math.hypot(x, y)) / RAD]);
  }
  return out;
}

/**
 * One leg from a to b: by sea when both ends are on the coast and the leg is long (sea-lanes.ts:
 * Guayaquil → Rotterdam goes through Panama, not across the Andes and the Caribbean islands'
 * land), else its great circle; each stretch between waypoints a great circle.
 */
export function legPoints(a: [number, number], b: [number, number]): [number, number][] {
  const way = [a, ...(seaWay(a, b) ?? []), b];
  const out: [number, number][] = [];
  for (let j = 1; j < way.length; j++) {
    const steps = Math.max(4, Math.min(48, Math.round(48 / (way.length - 1))));
    for (const pt of greatCircle(way[j - 1]!, way[j]!, steps).slice(j === 1 ? 0 : 1)) out.push(pt);
  }
  return out;
}

/**
 * A route's line through its stops in order (legPoints). Longitudes are unwrapped (continuing
 * past ±180) so a leg across the antimeridian does not go round the world.
 */
export function routeLine(r: RouteLike): [number, number][] {
  const coords: [number, number][] = [];
  for (let j = 1; j < r.stops.length; j++) {
    const a = r.stops[j - 1]!;
    const b = r.stops[j]!;
    for (const pt of legPoints([a.lon, a.lat], [b.lon, b.lat]).slice(j === 1 ? 0 : 1)) coords.push(pt);
  }
  for (let j = 1; j < coords.length; j++) {
    const prev = coords[j - 1]!;
    let lon = coords[j]![0];
    while (lon - prev[0] > 180) lon -= 360;
    while (prev[0] - lon > 180) lon += 360;
    coords[j] = [lon, coords[j]![1]];
  }
  return coords;
}

/** The point halfway along a line (by its length in degrees, near enough for placing a label). */
export function midpoint(coords: [number, number][]): [number, number] {
  if (coords.length === 0) return [0, 0];
  let total = 0;
  for (let j = 1; j < coords.length; j++) total += Math.hypot(coords[j]![0] - coords[j - 1]![0], coords[j]![1] - coords[j - 1]![1]);
  let left = total / 2;
  for (let j = 1; j < coords.length; j++) {
    const [a, b] = [coords[j - 1]!, coords[j]!];
    const d = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (d >= left && d > 0) return [a[0] + ((b[0] - a[0]) * left) / d, a[1] + ((b[1] - a[1]) * left) / d];
    left -= d;
  }
  return coords[coords.length - 1]!;
}

/** One label per route at its midpoint, "A → B → C", the selected route first, then the most stated. */
export function routeLabels(routes: RouteLike[], selected: string | null): { key: string; text: string; lon: number; lat: number; selected: boolean }[] {
  return routes
    .map((r, i) => ({ r, i }))
    .sort((x, y) => Number(y.r.key === selected) - Number(x.r.key === selected) || y.r.messages - x.r.messages || x.i - y.i)
    .map(({ r }) => {
      const [lon, lat] = midpoint(routeLine(r));
      return { key: r.key, text: r.stops.map((s) => s.name).join(' → '), lon, lat, selected: r.key === selected };
    });
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Which labels to show, given their boxes on screen in priority order: each unless it overlaps one shown before it (by `pad` px). */
export function declutter(boxes: Box[], pad = 3): boolean[] {
  const shown: Box[] = [];
  return boxes.map((b) => {
    const hit = shown.some((s) => b.x < s.x + s.w + pad && s.x < b.x + b.w + pad && b.y < s.y + s.h + pad && s.y < b.y + b.h + pad);
    if (!hit) shown.push(b);
    return !hit;
  });
}

