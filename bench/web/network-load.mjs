// The Network view on a 20k-person / 100k-contact-pair case, opened in Chromium (playwright-core
// + Debian's /usr/bin/chromium, the browser tests' flags). Issue 7's target: interactive within
// 3 s of opening.
//
//   npx tsc -p tsconfig.build.json && npx vite build web
//   node bench/web/network-load.mjs [caseDir=/tmp/clew-bench-network] [nodes=20000] [pairs=100000]
//   (CLEW_DIST=<compiled src> and CLEW_WEB_DIST=<built web app> point elsewhere than dist/ and web/dist)
//
// The case is generated once into caseDir (kept for reruns): `nodes` accounts in communities of
// 80, `pairs` distinct contact pairs (80% inside a community, 20% across), one message per pair
// plus 1–5 more on every tenth pair, timestamps spread over 2021; ingested with --no-analyse.
//
// Figures, all from the same run:
// - API: GET /api/network cold (first request: loads the network and computes every measure) and warm (cached);
// - baseline: navigation → the Search view's search box visible (the app shell, same page and server);
// - network view, warm server: navigation → first sigma frame with every node ("rendered"), → main
//   thread free ("interactive": end of the last long task (>50 ms) after the first frame, once
//   500 ms pass without one), → ForceAtlas2 settled in the worker; frames per second while the
//   layout runs (the page stays smooth); and the same once with a cold server.
import { mkdirSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { mulberry32 } from '../common.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DIST = resolve(process.env.CLEW_DIST ?? join(ROOT, 'dist'));
const WEB_DIST = resolve(process.env.CLEW_WEB_DIST ?? join(ROOT, 'web', 'dist'));
const dir = resolve(process.argv[2] ?? '/tmp/clew-bench-network');
const N = Number(process.argv[3] ?? 20_000);
const M = Number(process.argv[4] ?? 100_000);

const { withCase } = await import(join(DIST, 'api', 'case.js'));
const { ingestFile } = await import(join(DIST, 'api', 'ingest.js'));
const { startServer } = await import(join(DIST, 'server', 'server.js'));

const rng = mulberry32;

async function buildCase() {
  const casePath = join(dir, `case-${N}-${M}.clew`);
  if (existsSync(casePath)) return casePath;
  mkdirSync(dir, { recursive: true });
  const r = rng(7);
  const ref = (i) => `skyecc:B${String(i).padStart(6, '0')}`;
  const C = 80;
  const seen = new Set();
  const lines = [];
  for (let i = 0; i < N; i++) lines.push(JSON.stringify({ type: 'account', ref: ref(i), kind: 'pin', display_name: `Person ${i}` }));
  const t0 = Date.UTC(2021, 0, 1);
  const year = 365 * 86400_000;
  while (seen.size < M) {
    const a = Math.floor(r() * N);
    const b = r() < 0.8 ? Math.min(N - 1, Math.floor(a / C) * C + Math.floor(r() * C)) : Math.floor(r() * N);
    if (a === b) continue;
    const k = a < b ? a * N + b : b * N + a;
    if (seen.has(k)) continue;
    seen.add(k);
    const extra = seen.size % 10 === 0 ? 1 + Math.floor(r() * 5) : 0;
    for (let j = 0; j <= extra; j++) {
      const [s, d] = r() < 0.5 ? [a, b] : [b, a];
      lines.push(JSON.stringify({ type: 'message', from: ref(s), to: [ref(d)], ts: new Date(t0 + Math.floor(r() * year)).toISOString(), body: 'x' }));
    }
  }
  const src = join(dir, `net-${N}-${M}.jsonl`);
  writeFileSync(src, lines.join('\n') + '\n');
  const t = performance.now();
  await withCase(casePath, { create: true }, (s) => ingestFile(s, src, { analyse: false }));
  console.log(`generated and ingested ${lines.length - N} messages in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return casePath;
}

const casePath = await buildCase();
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const PROBE = () => {
  window.__longTasks = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__longTasks.push([e.startTime, e.startTime + e.duration]);
  }).observe({ type: 'longtask', buffered: true });
};

async function withServer(fn) {
  const srv = await startServer({ casePath, webRoot: WEB_DIST, log: () => {}, rateLimit: { capacity: 1000, perSecond: 1000 } });
  const ctx = await chromium.launchPersistentContext(join(dir, `profile-${process.pid}`), { executablePath: '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1360, height: 860 } });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.addInitScript(PROBE);
    await page.goto(srv.url);
    await page.getByTestId('casebar').waitFor();
    return await fn(srv, page);
  } finally {
    await ctx.close();
    await srv.close();
  }
}

async function apiMs(page, path) {
  return page.evaluate(async (p) => {
    const t = performance.now();
    const r = await fetch(p);
    const j = await r.json();
    return { ms: performance.now() - t, nodes: j.graph?.keys?.length, edges: j.graph?.src?.length, serverMs: j.elapsedMs };
  }, path);
}

async function openNetwork(srv, page) {
  await page.goto(srv.origin + '/network');
  await page.waitForFunction(() => performance.getEntriesByName('clew-network-rendered').length > 0, null, { timeout: 120_000, polling: 50 });
  const rendered = await page.evaluate(() => {
    const m = performance.getEntriesByName('clew-network-rendered')[0];
    return { at: m.startTime, nodes: m.detail.nodes, data: performance.getEntriesByName('clew-network-data')[0]?.startTime };
  });
  // big networks: the people are drawn first, their contacts a moment later
  await page.waitForFunction(() => document.querySelector('[data-testid="network"]')?.getAttribute('data-edges') !== '0', null, { timeout: 120_000, polling: 50 });
  rendered.edges = await page.evaluate(() => Number(document.querySelector('[data-testid="network"]').getAttribute('data-edges')));
  rendered.edgesAt = await page.evaluate(() => performance.getEntriesByName('clew-network-edges')[0]?.startTime ?? performance.getEntriesByName('clew-network-rendered')[0].startTime);
  // interactive: 500 ms with no long task after the first frame
  let interactive = rendered.at;
  for (;;) {
    const r = await page.evaluate(() => ({ now: performance.now(), tasks: window.__longTasks }));
    const last = Math.max(rendered.at, ...r.tasks.filter(([, end]) => end > rendered.at).map(([, end]) => end));
    interactive = last;
    if (r.now - last >= 500) break;
    await page.waitForTimeout(100);
  }
  // smoothness while the layout runs: frames in 2 s
  const fps = await page.evaluate(
    () =>
      new Promise((ok) => {
        let n = 0;
        const t0 = performance.now();
        const tick = () => {
          n++;
          if (performance.now() - t0 < 2000) requestAnimationFrame(tick);
          else ok({ fps: (n * 1000) / (performance.now() - t0), running: document.querySelector('[data-testid="network"]')?.getAttribute('data-layout') === 'running' });
        };
        requestAnimationFrame(tick);
      }),
  );
  await page.waitForFunction(() => performance.getEntriesByName('clew-network-settled').length > 0, null, { timeout: 300_000, polling: 200 });
  const settled = await page.evaluate(() => {
    const m = performance.getEntriesByName('clew-network-settled')[0];
    return { at: m.startTime, iterations: m.detail.iterations, workerMs: m.detail.ms };
  });
  if (process.env.CLEW_SCREENSHOTS) {
    mkdirSync(process.env.CLEW_SCREENSHOTS, { recursive: true });
    await page.waitForFunction(() => document.querySelector('[data-testid="network"]')?.getAttribute('data-drawn-edges') !== '0', null, { timeout: 120_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(process.env.CLEW_SCREENSHOTS, `network-${N}.png`) });
  }
  const busy = await page.evaluate(([from, to]) => window.__longTasks.filter(([a]) => a >= from && a < to).reduce((t, [a, b]) => t + (b - a), 0), [interactive, settled.at]);
  const longest = await page.evaluate(() => Math.max(0, ...window.__longTasks.map(([a, b]) => b - a)));
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name.replace('clew-network-', '')}@${(m.startTime / 1000).toFixed(2)}`));
  const tasks = await page.evaluate(() => window.__longTasks.filter(([a, b]) => b - a > 500).map(([a, b]) => `${(a / 1000).toFixed(2)}+${((b - a) / 1000).toFixed(2)}`));
  console.log(`  marks ${marks.join(' ')}; long tasks (start+duration s) ${tasks.join(' ')}`);
  return { rendered, interactive, settled, fps, longest, busyShare: busy / Math.max(1, settled.at - interactive) };
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`machine: ${cpus()[0]?.model} ×${cpus().length}, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}, node ${process.version}`);

const result = {};
await withServer(async (srv, page) => {
  result.apiCold = await apiMs(page, '/api/network');
  result.apiWarm = await apiMs(page, '/api/network');
  console.log(`API /api/network: cold ${s(result.apiCold.ms)} (server ${s(result.apiCold.serverMs)}), warm ${s(result.apiWarm.ms)}; ${result.apiWarm.nodes} nodes, ${result.apiWarm.edges} edges`);
  await page.goto(srv.origin + '/search');
  await page.getByRole('searchbox', { name: 'Search query' }).waitFor();
  result.baseline = await page.evaluate(() => performance.now());
  console.log(`baseline: navigation → Search view ready ${s(result.baseline)}`);
  const w = await openNetwork(srv, page);
  result.warm = w;
  console.log(
    `network view (warm server): data ${s(w.rendered.data)}, ${w.rendered.nodes} nodes drawn ${s(w.rendered.at)}, ${w.rendered.edges} edges drawn ${s(w.rendered.edgesAt)}, interactive ${s(w.interactive)}, layout settled ${s(w.settled.at)} (${w.settled.iterations} iterations in the worker); ${w.fps.fps.toFixed(0)} fps while the layout ran (${w.fps.running ? 'running' : 'already settled'}); main thread in long tasks ${(w.busyShare * 100).toFixed(0)}% of the layout's time, longest ${w.longest.toFixed(0)} ms`,
  );
});
await withServer(async (srv, page) => {
  const c = await openNetwork(srv, page);
  result.cold = c;
  console.log(`network view (cold server, measures computed on open): data ${s(c.rendered.data)}, nodes drawn ${s(c.rendered.at)}, edges drawn ${s(c.rendered.edgesAt)}, interactive ${s(c.interactive)}, settled ${s(c.settled.at)}`);
});
console.log(`goal: interactive within 3 s: ${result.warm.interactive <= 3000 ? 'met' : 'NOT met'} (warm), ${result.cold.interactive <= 3000 ? 'met' : 'NOT met'} (cold)`);
console.log(JSON.stringify({ nodes: N, pairs: M, ...result }));
