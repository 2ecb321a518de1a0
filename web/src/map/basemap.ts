/**
 * The bundled basemap: Natural Earth 1:50m countries (world-atlas, TopoJSON), served by clew as a
 * static asset of the build (same origin; no tile server, no network). Land is drawn from the
 * `land` object, borders are the country mesh's shared arcs.
 */
import type { FeatureCollection, MultiLineString } from 'geojson';
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
  const borders = mesh(topo, topo.objects.countries, (a, b) => a !== b);
  return { land, borders };
}
