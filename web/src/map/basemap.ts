/**
 * The bundled basemap: Natural Earth 1:50m countries (world-atlas, TopoJSON), served by clew as a
 * static asset of the build (same origin; no tile server, no network). Land is drawn from the
 * `land` object, borders are the country mesh's shared arcs.
 */
import type { FeatureCollection, Geometry, MultiLineString, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';

export interface Basemap {
  land: FeatureCollection;
  borders: MultiLineString;
}

export async function loadBasemap(signal?: AbortSignal): Promise<Basemap> {
  const res = await fetch(countriesUrl, { signal, credentials: 'same-origin' });
  if (!res.ok) throw new Error(`The basemap could not be loaded (HTTP ${res.status}).`);
  const topo = (await res.json()) as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
  // a GeometryCollection object always gives a FeatureCollection
  const land = feature(topo, topo.objects.land) as FeatureCollection;
  for (const f of land.features) unwrapGeometry(f.geometry);
  const borders = mesh(topo, topo.objects.countries, (a, b) => a !== b);
  borders.coordinates.forEach(unwrap);
  return { land, borders };
}

/**
 * Land that straddles the antimeridian (Fiji, Chukotka) jumps from +180 to -180 within a ring,
 * which would draw an edge across the whole world; continue the longitude past ±180 instead
 * (maplibre draws it on the neighbouring world copy).
 */
function unwrap(line: Position[]): void {
  let shift = 0;
  for (let i = 1; i < line.length; i++) {
    const prev = line[i - 1]![0]!;
    let lon = line[i]![0]! + shift;
    if (lon - prev > 180) shift -= 360;
    else if (prev - lon > 180) shift += 360;
    lon = line[i]![0]! + shift;
    line[i]![0] = lon;
  }
}

function unwrapGeometry(g: Geometry): void {
  if (g.type === 'Polygon') g.coordinates.forEach(unwrap);
  else if (g.type === 'MultiPolygon') for (const p of g.coordinates) p.forEach(unwrap);
  else if (g.type === 'GeometryCollection') g.geometries.forEach(unwrapGeometry);
}
