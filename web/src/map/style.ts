/**
 * The map style, built here: sea as the background, Natural Earth land and borders, then the
 * case's routes and points. No glyphs and no sprite (nothing to fetch): there are no text
 * layers; names are shown in DOM popups and the side panel, as text.
 */
import type { FeatureCollection } from 'geojson';
import type { AddLayerObject, StyleSpecification } from 'maplibre-gl';
import type { Basemap } from './basemap';

export const POINT_COLOURS: Record<string, string> = {
  place: '#1f5fbf',
  coordinate: '#7a3fb8',
  exif: '#c2410c',
  antenna: '#0f766e',
  shared: '#b42318',
  device: '#4d5b70',
};

export const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export function mapStyle(base: Basemap): StyleSpecification {
  return {
    version: 8,
    sources: {
      land: { type: 'geojson', data: base.land },
      borders: { type: 'geojson', data: { type: 'Feature', geometry: base.borders, properties: {} } },
      routes: { type: 'geojson', data: EMPTY },
      points: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#dbe6f0' } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': '#f7f5ef' } },
      { id: 'coast', type: 'line', source: 'land', paint: { 'line-color': '#b8c4cf', 'line-width': 0.8 } },
      { id: 'borders', type: 'line', source: 'borders', paint: { 'line-color': '#b9b2a3', 'line-width': 0.7 } },
      {
        id: 'route-lines',
        type: 'line',
        source: 'routes',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': ['case', ['boolean', ['get', 'selected'], false], '#b42318', '#d97706'],
          'line-width': ['interpolate', ['linear'], ['get', 'weight'], 1, 1.5, 10, 5],
          'line-opacity': 0.85,
        },
      },
      {
        id: 'points',
        type: 'circle',
        source: 'points',
        paint: {
          'circle-color': ['coalesce', ['get', 'colour'], '#1f5fbf'],
          'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 4, 10, 10, 40, 22],
          'circle-opacity': 0.75,
          'circle-stroke-color': ['case', ['boolean', ['get', 'selected'], false], '#111', '#fff'],
          'circle-stroke-width': ['case', ['boolean', ['get', 'selected'], false], 2.5, 1],
        },
      },
    ],
  };
}

/** Arrowheads along the route lines, in the line's direction (added once the arrow image exists). */
export const ARROW_LAYER: AddLayerObject = {
  id: 'route-arrows',
  type: 'symbol',
  source: 'routes',
  layout: { 'symbol-placement': 'line', 'symbol-spacing': 80, 'icon-image': 'route-arrow', 'icon-allow-overlap': true, 'icon-rotation-alignment': 'map' },
};

/** An arrowhead pointing east (the line's direction), drawn on a canvas: no sprite to fetch. */
export function arrowImage(size = 24): ImageData {
  const c = document.createElement('canvas');
  c.width = size;
  c.height = size;
  const g = c.getContext('2d')!;
  g.fillStyle = '#9a3412';
  g.strokeStyle = '#ffffff';
  g.lineWidth = 1.5;
  g.beginPath();
  g.moveTo(size * 0.25, size * 0.2);
  g.lineTo(size * 0.85, size * 0.5);
  g.lineTo(size * 0.25, size * 0.8);
  g.lineTo(size * 0.4, size * 0.5);
  g.closePath();
  g.fill();
  g.stroke();
  return g.getImageData(0, 0, size, size);
}
