/**
 * The maplibre-gl map of the Map view. maplibre (and this file) load only with the Map view.
 * Its worker is the package's own maplibre-gl-worker.mjs, emitted by Vite as a file of the build
 * and started from that same-origin URL (CSP worker-src 'self'; the Trusted Types policy lets
 * same-origin script URLs through, never blob:). Names from the case appear only as DOM text
 * (popups built with textContent), never as map text layers (which would need fetched glyphs)
 * and never as HTML.
 *
 * For tests and for the record, the container carries what was actually rendered after each
 * idle frame: data-rendered-land (basemap features drawn), data-rendered-points (point features
 * drawn) and data-rendered-routes (the keys of route lines drawn, in route order). Route stops
 * carry their gazetteer names as DOM labels (markers, textContent: no glyphs to fetch).
 */
import { type GeoJSONSource, LngLatBounds, Map as MlMap, Marker, NavigationControl, Popup, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { GeoPointRow, PlaceRoute } from '../lib/api';
import { num } from '../lib/format';
import { type Basemap, loadBasemap } from './basemap';
import { declutter, pointFeatures, routeFeatures, routeLabels } from './features';
import { ARROW_LAYER, arrowImage, mapStyle } from './style';
import { revealBidi as reveal } from '../../../src/text/display/bidi.js';

setWorkerUrl(workerUrl);

export interface MapHandle {
  flyTo(lon: number, lat: number): void;
}

interface Props {
  ref?: Ref<MapHandle>;
  points: GeoPointRow[];
  routes: PlaceRoute[];
  selectedPoint: string | null;
  selectedRoute: string | null;
  onPoint(key: string): void;
  onRoute(key: string): void;
}

type Status = { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; message: string };

/** WebGL is what maplibre draws with; without it, say so rather than show a blank box. */
export function webglAvailable(): boolean {
  try {
    const c = document.createElement('canvas');
    return !!(c.getContext('webgl2') ?? c.getContext('webgl'));
  } catch {
    return false;
  }
}

export function MapCanvas({ ref, points, routes, selectedPoint, selectedRoute, onPoint, onRoute }: Props) {
  const container = useRef<HTMLDivElement | null>(null);
  const map = useRef<MlMap | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const latest = useRef({ points, routes, onPoint, onRoute });
  latest.current = { points, routes, onPoint, onRoute };
  const fitted = useRef(false);

  useImperativeHandle(ref, () => ({
    flyTo: (lon, lat) => map.current?.flyTo({ center: [lon, lat], zoom: Math.max(map.current.getZoom(), 5) }),
  }));

  useEffect(() => {
    if (!webglAvailable()) {
      setStatus({ kind: 'failed', message: 'This browser cannot draw the map: WebGL is not available (it may be switched off, or the graphics driver refused it). The lists beside the map still show every point and route.' });
      return;
    }
    const ac = new AbortController();
    let m: MlMap | null = null;
    loadBasemap(ac.signal).then(
      (base: Basemap) => {
        if (ac.signal.aborted || !container.current) return;
        try {
          m = new MlMap({ container: container.current, style: mapStyle(base), center: [5, 25], zoom: 1.2, attributionControl: false, maxZoom: 14, dragRotate: false });
        } catch (e) {
          setStatus({ kind: 'failed', message: `The map could not start: ${(e as Error).message}` });
          return;
        }
        map.current = m;
        const mm = m;
        mm.addControl(new NavigationControl({ showCompass: false }), 'top-left');
        mm.on('load', () => {
          mm.addImage('route-arrow', arrowImage());
          mm.addLayer(ARROW_LAYER, 'points');
          setStatus({ kind: 'ready' });
        });
        mm.on('error', (e) => {
          // a failed WebGL context or style: show it; tile and source hiccups are not fatal
          if (!mm.loaded()) setStatus({ kind: 'failed', message: `The map could not start: ${e.error?.message ?? 'unknown error'}` });
        });
        const popup = new Popup({ closeButton: false, closeOnClick: false, offset: 8, maxWidth: '280px' });
        mm.on('mousemove', 'points', (e) => {
          const key = e.features?.[0]?.properties?.key as string | undefined;
          const p = latest.current.points.find((x) => x.key === key);
          if (!p) return;
          mm.getCanvas().style.cursor = 'pointer';
          const el = document.createElement('div');
          el.className = 'map-popup';
          const name = document.createElement('div');
          name.className = 'map-popup-name';
          name.dir = 'auto';
          name.textContent = reveal(p.label);
          const facts = document.createElement('div');
          facts.className = 'map-popup-facts';
          facts.textContent = `${p.kind} · ${num(p.count)} ${p.kind === 'place' || p.kind === 'coordinate' ? 'mentions' : 'records'}`;
          el.append(name, facts);
          popup.setLngLat([p.lon, p.lat]).setDOMContent(el).addTo(mm);
        });
        mm.on('mouseleave', 'points', () => {
          mm.getCanvas().style.cursor = '';
          popup.remove();
        });
        mm.on('mouseenter', 'route-lines', () => (mm.getCanvas().style.cursor = 'pointer'));
        mm.on('mouseleave', 'route-lines', () => (mm.getCanvas().style.cursor = ''));
        mm.on('click', (e) => {
          const hit = mm.queryRenderedFeatures(e.point, { layers: ['points'] })[0] ?? mm.queryRenderedFeatures(e.point, { layers: ['route-lines'] })[0];
          const key = hit?.properties?.key as string | undefined;
          if (!hit || !key) return;
          if (hit.layer.id === 'points') latest.current.onPoint(key);
          else latest.current.onRoute(key);
        });
        mm.on('idle', () => {
          const el = container.current;
          if (!el) return;
          el.dataset.renderedLand = String(mm.queryRenderedFeatures({ layers: ['land', 'borders'] }).length);
          el.dataset.renderedPoints = String(new Set(mm.queryRenderedFeatures({ layers: ['points'] }).map((f) => f.properties.key as string)).size);
          const keys = new Map<string, number>();
          for (const f of mm.queryRenderedFeatures({ layers: ['route-lines'] })) keys.set(f.properties.key as string, f.properties.order as number);
          el.dataset.renderedRoutes = JSON.stringify([...keys].sort((a, b) => a[1] - b[1]).map(([k]) => k));
        });
      },
      (e: unknown) => {
        if (!ac.signal.aborted) setStatus({ kind: 'failed', message: (e as Error).message });
      },
    );
    return () => {
      ac.abort();
      m?.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (status.kind !== 'ready' || !m) return;
    (m.getSource('points') as GeoJSONSource | undefined)?.setData(pointFeatures(points, selectedPoint));
    if (!fitted.current && points.length > 0) {
      fitted.current = true;
      const b = new LngLatBounds();
      for (const p of points) b.extend([p.lon, p.lat]);
      m.fitBounds(b, { padding: 40, maxZoom: 6, duration: 0 });
    }
  }, [status, points, selectedPoint]);

  useEffect(() => {
    const m = map.current;
    if (status.kind !== 'ready' || !m) return;
    const lines = routeFeatures(routes, selectedRoute);
    (m.getSource('routes') as GeoJSONSource | undefined)?.setData(lines);
    if (container.current) container.current.dataset.routeVertices = String(lines.features.reduce((n, f) => n + f.geometry.coordinates.length, 0));
    // one label per route at its midpoint ("Guayaquil → Lomé → Antwerp"), as DOM text; where
    // labels overlap, the selected route's and the most stated routes' are kept, the others hidden
    const labels = routeLabels(routes, selectedRoute).map((l) => {
      const el = document.createElement('div');
      el.className = l.selected ? 'route-label selected' : 'route-label';
      el.dataset.testid = 'route-label';
      el.dataset.routeKey = l.key;
      el.dir = 'auto';
      el.textContent = reveal(l.text);
      return { el, marker: new Marker({ element: el, anchor: 'center' }).setLngLat([l.lon, l.lat]).addTo(m) };
    });
    const place = () => {
      const shown = declutter(
        labels.map(({ el }) => {
          const r = el.getBoundingClientRect();
          return { x: r.left, y: r.top, w: r.width, h: r.height };
        }),
      );
      labels.forEach(({ el }, i) => {
        el.style.visibility = shown[i] ? 'visible' : 'hidden';
        el.dataset.overlap = shown[i] ? 'no' : 'yes';
      });
    };
    place();
    m.on('moveend', place);
    return () => {
      m.off('moveend', place);
      for (const l of labels) l.marker.remove();
    };
  }, [status, routes, selectedRoute]);

  return (
    <div className="map-canvas-wrap">
      <div ref={container} className="map-canvas" data-testid="map" data-status={status.kind} aria-label="Map of places, positions and routes" role="region" />
      {status.kind === 'failed' ? (
        <div className="map-failed notice notice-error" role="alert" data-testid="map-failed">
          {status.message}
        </div>
      ) : status.kind === 'loading' ? (
        <div className="map-loading loading" role="status">
          Loading the map…
        </div>
      ) : null}
    </div>
  );
}
