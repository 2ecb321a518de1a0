/**
 * The Map view: places and coordinates named in messages, EXIF positions, cell antennas and
 * device locations on a bundled Natural Earth basemap (maplibre-gl, no tiles, no network), and
 * routes: where the messages say shipments go (origin → transit → port), as great-circle curves
 * labelled with the places' names, weighted by the messages that state them (docs/map.md).
 * Click a point for the messages and accounts behind its count; click a route for its messages.
 * View state lives in the URL (`account=person:<id>`: all of a person's accounts): /map?account=<ref>&after=<date>&before=<date>&kind=<k,k>&evidence=<n>&point=<key>&route=<key>
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import { type FormEvent, useMemo, useRef } from 'react';
import { Account } from '../components/Account';
import { LoadedAnnotations, UndoBar } from '../components/Annotations';
import { Link } from '../components/Link';
import { ErrorNotice, Loading } from '../components/Notice';
import { fetchApi, type AccountView, type GeoKind, type GeoPointRow, type PlaceRoute, type PlacesResponse, } from '../lib/api';
import { num, utc } from '../lib/format';
import { filterTerm, href, navigate, searchHref } from '../lib/router';
import { useApi } from '../lib/useApi';
import { type MapHandle, MapCanvas } from '../map/MapCanvas';
import type { ViewProps } from '../views';
import { Untrusted } from '../components/Untrusted';

const KINDS: { kind: GeoKind; label: string }[] = [
  { kind: 'place', label: 'Places named' },
  { kind: 'coordinate', label: 'Coordinates & map links' },
  { kind: 'exif', label: 'Photo EXIF' },
  { kind: 'antenna', label: 'Cell antennas' },
  { kind: 'shared', label: 'Shared locations' },
  { kind: 'device', label: 'Device locations' },
];
const PARAMS = ['account', 'after', 'before', 'kind', 'evidence', 'point', 'route'] as const;
type Param = (typeof PARAMS)[number];
const POINT_LIMIT = 2000;
const ROUTE_LIMIT = 60;
const DETAIL_RECORDS = 200;
const DAY = 86_400_000;

function go(params: URLSearchParams, patch: Partial<Record<Param, string | null>>, replace = false): void {
  const next: Record<string, string | null | undefined> = {};
  for (const k of PARAMS) next[k] = k in patch ? patch[k] : params.get(k);
  navigate(href('/map', next), { replace });
}

const isDate = (s: string | null): s is string => s !== null && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(s);
/** The day after a date: the "to" date is inclusive, the API's `before` exclusive. */
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
const dateOf = (ts: number | null) => (ts === null ? '—' : utc(ts).slice(0, 10));

export default function MapView({ params }: ViewProps) {
  const account = params.get('account') || undefined;
  const after = isDate(params.get('after')) ? params.get('after')! : undefined;
  const before = isDate(params.get('before')) ? params.get('before')! : undefined;
  const kindParam = params.get('kind') ?? '';
  const kinds = KINDS.map((k) => k.kind).filter((k) => kindParam === '' || kindParam.split(',').includes(k));
  const minEvidence = /^[1-9][0-9]{0,2}$/.test(params.get('evidence') ?? '') ? params.get('evidence')! : undefined;
  const selectedPoint = params.get('point');
  const selectedRoute = params.get('route');
  const filter = { account, after, before: before ? nextDay(before) : undefined };

  const places = useApi(
    (signal) => fetchApi('/places', { ...filter, kind: kindParam === '' ? undefined : kinds.join(','), limit: POINT_LIMIT, evidence: 0 }, signal),
    [account, after, before, kindParam],
  );
  const showRoutes = kinds.includes('place');
  const routes = useApi(
    (signal) =>
      showRoutes ? fetchApi('/routes', { ...filter, minEvidence, limit: ROUTE_LIMIT }, signal) : Promise.resolve(null),
    [account, after, before, minEvidence, showRoutes],
  );
  const detail = useApi(
    (signal) => (selectedPoint ? fetchApi('/places', { ...filter, key: selectedPoint, evidence: DETAIL_RECORDS }, signal) : Promise.resolve(null)),
    [account, after, before, selectedPoint],
  );

  const mapRef = useRef<MapHandle | null>(null);
  const points = places.data?.points ?? [];
  const routeList = routes.data?.routes ?? [];
  const route = routeList.find((r) => r.key === selectedRoute) ?? null;

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const val = (k: string) => String(f.get(k) ?? '').trim() || null;
    const picked = KINDS.map((k) => k.kind).filter((k) => f.get(`kind-${k}`) === 'on');
    go(params, {
      account: val('account'),
      after: val('after'),
      before: val('before'),
      kind: picked.length === KINDS.length || picked.length === 0 ? null : picked.join(','),
      evidence: val('evidence') === '2' ? null : val('evidence'),
      point: null,
      route: null,
    });
  };

  return (
    <div className="view view-map">
      <form className="map-filters" onSubmit={onSubmit} key={params.toString()} aria-label="Map filters">
        <h1>Map</h1>
        <label className="field">
          <span className="muted">Account</span>
          <input name="account" defaultValue={account ?? ''} placeholder="ref or person:<id>" aria-label="Account" size={22} />
        </label>
        <label className="field">
          <span className="muted">From</span>
          <input name="after" type="text" inputMode="numeric" placeholder="YYYY-MM-DD" pattern="\d{4}-\d{2}-\d{2}" size={10} maxLength={10} className="iso-date" defaultValue={after ?? ''} aria-label="From date" />
        </label>
        <label className="field">
          <span className="muted">To</span>
          <input name="before" type="text" inputMode="numeric" placeholder="YYYY-MM-DD" pattern="\d{4}-\d{2}-\d{2}" size={10} maxLength={10} className="iso-date" defaultValue={before ?? ''} aria-label="To date" />
        </label>
        <label className="field" title="A route is drawn when at least this many messages state it (a vessel, container, quantity or shipment word with its places, or from … to …; docs/map.md)">
          <span className="muted">Routes stated</span>
          <select name="evidence" defaultValue={minEvidence ?? '2'} aria-label="Routes stated at least">
            <option value="1">once or more</option>
            <option value="2">twice or more</option>
            <option value="3">3 times or more</option>
            <option value="5">5 times or more</option>
          </select>
        </label>
        <fieldset className="map-kinds">
          <legend className="muted">Show</legend>
          {KINDS.map((k) => (
            <label key={k.kind} className="map-kind">
              <input type="checkbox" name={`kind-${k.kind}`} defaultChecked={kinds.includes(k.kind)} />
              <span className="map-swatch" data-kind={k.kind} />
              {k.label}
            </label>
          ))}
        </fieldset>
        <button type="submit">Apply</button>
      </form>
      <div className="map-body">
        <MapCanvas
          ref={mapRef}
          points={points}
          routes={routeList}
          selectedPoint={selectedPoint}
          selectedRoute={selectedRoute}
          onPoint={(key) => go(params, { point: key, route: null }, true)}
          onRoute={(key) => go(params, { route: key, point: null }, true)}
        />
        <aside className="map-side" data-testid="map-side">
          {places.error ? <ErrorNotice error={places.error} /> : null}
          {routes.error ? <ErrorNotice error={routes.error} /> : null}
          {selectedPoint ? (
            <PointPanel detail={detail.data} error={detail.error} onClose={() => go(params, { point: null }, true)} />
          ) : route ? (
            <RoutePanel route={route} onClose={() => go(params, { route: null }, true)} />
          ) : null}
          {!places.data && !places.error ? <Loading what="Loading places" /> : null}
          {places.data ? (
            <p className="muted small" data-testid="map-summary">
              {num(points.length)} point{points.length === 1 ? '' : 's'}
              {places.data.truncated ? ` (the ${num(POINT_LIMIT)} most mentioned)` : ''}
              {routes.data
                ? `, ${routes.data.truncated ? 'the top ' : ''}${num(routeList.length)} route${routeList.length === 1 ? '' : 's'} stated by ${routes.data.minEvidence === 1 ? 'one message or more' : `${num(routes.data.minEvidence)} messages or more`} (${num(routes.data.statements)} messages state a route${routes.data.belowThreshold > 0 ? `; ${num(routes.data.belowThreshold)} stated fewer times not drawn` : ''})`
                : ''}
              . Narrow to an account and a few weeks to follow one shipment. Times in UTC.
            </p>
          ) : null}
          {routeList.length > 0 ? (
            <section>
              <h2>Routes</h2>
              <ol className="map-routes" data-testid="routes">
                {routeList.map((r) => (
                  <li key={r.key} className={r.key === selectedRoute ? 'selected' : undefined} data-testid="route" data-route-key={r.key}>
                    <button type="button" className="link-button" onClick={() => go(params, { route: r.key, point: null }, true)}>
                      <RouteStops route={r} />
                    </button>
                    <span className="muted small">
                      {' '}
                      {num(r.messages)} msgs · {num(r.threads)} thread{r.threads === 1 ? '' : 's'} · {dateOf(r.first)}–{dateOf(r.last)}
                    </span>
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
          {points.length > 0 ? (
            <section>
              <h2>Points</h2>
              <ul className="map-points" data-testid="points">
                {points.slice(0, 300).map((p) => (
                  <li key={p.key} data-testid="point" data-point-key={p.key} className={p.key === selectedPoint ? 'selected' : undefined}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        mapRef.current?.flyTo(p.lon, p.lat);
                        go(params, { point: p.key, route: null }, true);
                      }}
                    >
                      <span className="map-swatch" data-kind={p.kind} />
                      <span dir="auto"><Untrusted text={p.label} /></span>
                    </button>
                    <span className="muted small"> ×{num(p.count)}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : places.data ? (
            <div className="empty-note">Nothing with a position matches these filters.</div>
          ) : null}
          <p className="muted small map-attribution">Basemap: Natural Earth (public domain), 1:50m, via world-atlas.</p>
        </aside>
      </div>
    </div>
  );
}

function RouteStops({ route }: { route: PlaceRoute }) {
  return (
    <span className="route-stops" dir="ltr">
      {route.stops.map((s, i) => (
        <span key={i}>
          {i > 0 ? <span className="route-arrow"> → </span> : null}
          <span dir="auto"><Untrusted text={s.name} /></span>
        </span>
      ))}
      {route.cut ? <span className="muted"> …</span> : null}
    </span>
  );
}

function RoutePanel({ route, onClose }: { route: PlaceRoute; onClose: () => void }) {
  return (
    <section className="map-detail" data-testid="route-detail">
      <div className="map-detail-head">
        <h2>Route</h2>
        <button type="button" className="link-button" onClick={onClose} aria-label="Close route">
          ✕
        </button>
      </div>
      <div className="map-detail-title">
        <RouteStops route={route} />
      </div>
      <p className="muted small">
        Stated by {num(route.messages)} message{route.messages === 1 ? '' : 's'} in {num(route.threads)} thread{route.threads === 1 ? '' : 's'}, {utc(route.first)} – {utc(route.last)}
        {route.cues.length > 0 ? (
          <>
            ; naming <Untrusted text={route.cues.join(', ')} />
          </>
        ) : null}
        .
      </p>
      <ol className="map-episodes" data-testid="route-messages">
        {route.evidence.map((m) => (
          <li key={m.messageId}>
            <Link to={`/m/${m.messageId}`} data-testid="route-message">
              message {m.messageId}
            </Link>{' '}
            <span className="muted small">{utc(m.ts)}</span>
            {m.cues.length > 0 ? (
              <span className="small">
                {' '}
                · <Untrusted text={m.cues.join(', ')} />
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      {route.messages > route.evidence.length ? <p className="muted small">The {num(route.evidence.length)} newest messages are listed.</p> : null}
    </section>
  );
}

function PointPanel({ detail, error, onClose }: { detail: PlacesResponse | null; error: unknown; onClose: () => void }) {
  const p: GeoPointRow | undefined = detail?.points[0];
  const accounts = useMemo(() => {
    const by = new Map<number, { account: AccountView; n: number }>();
    for (const e of p?.evidence ?? []) if (e.account) by.set(e.account.id, { account: e.account, n: (by.get(e.account.id)?.n ?? 0) + 1 });
    return [...by.values()].sort((a, b) => b.n - a.n);
  }, [p]);
  const head = (
    <div className="map-detail-head">
      <h2>Point</h2>
      <button type="button" className="link-button" onClick={onClose} aria-label="Close point">
        ✕
      </button>
    </div>
  );
  if (error) return <section className="map-detail">{head}<ErrorNotice error={error} /></section>;
  if (!detail) return <section className="map-detail">{head}<Loading /></section>;
  if (!p) return <section className="map-detail">{head}<div className="empty-note">Nothing at this point matches the filters.</div></section>;
  const value = p.key.slice(p.key.indexOf(':') + 1);
  const mention = p.kind === 'place' || p.kind === 'coordinate';
  return (
    <section className="map-detail" data-testid="point-detail">
      {head}
      <div className="map-detail-title" dir="auto" data-testid="point-label">
        <Untrusted text={p.label} />
      </div>
      <p className="muted small">
        {KINDS.find((k) => k.kind === p.kind)?.label ?? p.kind} · {p.lat.toFixed(5)}, {p.lon.toFixed(5)}
        <br />
        {num(p.count)} {mention ? 'mention' : 'record'}
        {p.count === 1 ? '' : 's'} in {num(p.messages)} message{p.messages === 1 ? '' : 's'} · first {p.first === null ? '—' : utc(p.first)} · last{' '}
        {p.last === null ? '—' : utc(p.last)}
      </p>
      {mention ? (
        <p className="small">
          <Link to={searchHref(filterTerm('entity', `${p.kind}=${value}`))}>All messages that name it, in Search</Link>
        </p>
      ) : null}
      {p.kind === 'place' ? (
        // the place's tags, notes and star (issue 20): place:ID, the gazetteer id `clew tag add place:Antwerp` resolves to too
        <div className="map-annotations" data-testid="point-annotations">
          <LoadedAnnotations item={`place:${value}`} />
          <UndoBar />
        </div>
      ) : null}
      {accounts.length > 0 ? (
        <>
          <h3>Accounts{p.evidence.length < p.count ? ` (in the ${num(p.evidence.length)} newest)` : ''}</h3>
          <ul className="map-accounts" data-testid="point-accounts">
            {accounts.map((a) => (
              <li key={a.account.id}>
                <Link to={`/dossier/${encodeURIComponent(a.account.ref)}`} className="account-link">
                  <Account account={a.account} />
                </Link>
                <span className="muted small"> ×{num(a.n)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{p.evidence.length < p.count ? `The ${num(p.evidence.length)} newest records` : 'Records'}</h3>
      <ul className="map-evidence" data-testid="point-messages">
        {p.evidence.map((e, i) => (
          <li key={i}>
            <span className="muted small nowrap">{e.ts === null ? 'no time' : utc(e.ts)}</span>{' '}
            {e.messageId !== null ? (
              <Link to={`/m/${e.messageId}`} data-testid="point-message">
                message {e.messageId}
              </Link>
            ) : (
              <span className="mono small" title="source and locator of the record">
                source {e.sourceId} {locatorText(e.locator)}
              </span>
            )}
            {e.account ? (
              <>
                {' '}
                <Account account={e.account} showRef={!e.account.displayName} />
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function locatorText(l: object): string {
  return Object.entries(l as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ');
}

