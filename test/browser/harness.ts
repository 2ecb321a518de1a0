/**
 * Browser test harness: Debian's Chromium driven by playwright-core (no downloaded browsers),
 * a fresh profile per run, no background network, and a guard that fails on any request that
 * leaves this machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const WEB = join(ROOT, 'web');
/** Where the tests build the app; CLEW_WEB_DIST gives each concurrent worker its own (vite empties it). */
export const WEB_DIST = process.env.CLEW_WEB_DIST ? resolve(process.env.CLEW_WEB_DIST) : join(WEB, 'dist');
export const SCREENSHOTS = process.env.CLEW_SCREENSHOTS ? resolve(process.env.CLEW_SCREENSHOTS) : join(ROOT, 'artifacts', 'screenshots');
export const CHROMIUM = process.env.CLEW_CHROMIUM ?? '/usr/bin/chromium';

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Build web/dist (production) unless it is newer than every source file (`npm run build:web` makes this a no-op). */
export async function ensureWebBuilt(): Promise<void> {
  const index = join(WEB_DIST, 'index.html');
  const sources = Math.max(newest(join(WEB, 'src')), statSync(join(WEB, 'index.html')).mtimeMs, statSync(join(WEB, 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  // a child process with NODE_ENV=production: inside vitest NODE_ENV is "test", which would make
  // Vite ship React's development build
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', WEB, '--logLevel', 'warn', '--outDir', WEB_DIST], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build web failed:\n${r.stdout}\n${r.stderr}`);
}

export interface Browser {
  context: BrowserContext;
  /** Requests the guard refused (anything not to the loopback server). */
  offsite: string[];
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CLEW_CHROMIUM)`);
  const profile = mkdtempSync(join(tmpdir(), 'clew-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    viewport: { width: 1360, height: 860 },
    locale: 'en-GB',
    timezoneId: 'Europe/Belgrade',
  });
  const offsite: string[] = [];
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if ((u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost')) || u.protocol === 'data:' || u.protocol === 'blob:') return route.continue();
    offsite.push(u.href);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    offsite,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
