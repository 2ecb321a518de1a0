/**
 * Browser test harness: Debian's Chromium driven by playwright-core (no downloaded browsers),
 * a fresh profile per run, no background network, and a guard that fails on any request that
 * leaves this machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type RunningServer, type ServeOptions, startServer } from '../../src/server/server.js';

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

/** What went wrong in a page while a test drove it: each must stay empty. */
export interface PageTrouble {
  /** Uncaught exceptions in the page. */
  errors: string[];
  /** Content-Security-Policy and Trusted Types refusals reported on the console. */
  csp: string[];
  /** alert/confirm/prompt dialogs opened (dismissed at once): a payload that ran would open one. */
  dialogs: string[];
  /** Everything logged as an error on the console. */
  console: string[];
}

/** Chromium (launch) with its first page, watched for trouble from the start (dialogs dismissed at once). */
export async function launchWatched(): Promise<{ browser: Browser; page: Page; trouble: PageTrouble }> {
  const browser = await launch();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const trouble: PageTrouble = { errors: [], csp: [], dialogs: [], console: [] };
  page.on('dialog', (d) => {
    trouble.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => trouble.errors.push(e.message));
  page.on('console', (m) => {
    if (/Content Security Policy|Trusted Type/i.test(m.text())) trouble.csp.push(m.text());
    if (m.type() === 'error') trouble.console.push(m.text());
  });
  return { browser, page, trouble };
}

/** A page's uncaught errors, CSP refusals and dialogs, in one list: empty when nothing went wrong. */
export const faultsOf = (t: PageTrouble): string[] => [...t.errors, ...t.csp, ...t.dialogs.map((d) => `dialog: ${d}`)];

export interface Workspace {
  srv: RunningServer;
  browser: Browser;
  page: Page;
  trouble: PageTrouble;
  close(): Promise<void>;
}

/** Serve a case with the built app, open Chromium on it and watch the page for trouble. */
export async function openWorkspace(casePath: string, options: Partial<ServeOptions> = {}): Promise<Workspace> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const srv = await startServer({ casePath, webRoot: WEB_DIST, log: () => {}, ...options });
  const { browser, page, trouble } = await launchWatched();
  return {
    srv,
    browser,
    page,
    trouble,
    close: async () => {
      await browser.close();
      await srv.close();
    },
  };
}

/**
 * The workspace a test file's tests share, set up in beforeAll and closed in afterAll: a
 * temporary folder (removed after), the case `build` makes in it while the app is built, the
 * server and Chromium on it, and, unless `signIn` is false, the page opened with the access
 * token. `use` receives it once ready.
 */
export function useWorkspace(
  prefix: string,
  build: (dir: string) => Promise<string>,
  use: (w: Workspace & { dir: string }) => void,
  opts: { serve?: Partial<ServeOptions>; signIn?: boolean; timeoutMs?: number } = {},
): void {
  let dir = '';
  let ws: Workspace | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    const [casePath] = await Promise.all([build(dir), ensureWebBuilt()]);
    ws = await openWorkspace(casePath, opts.serve);
    if (opts.signIn !== false) {
      await ws.page.goto(ws.srv.url); // trades the token for the session cookie
      await ws.page.getByTestId('casebar').waitFor();
    }
    use({ ...ws, dir });
  }, opts.timeoutMs);
  afterAll(async () => {
    await ws?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
}

/** Whether a planted payload ran (they set window.__xss). */
export const xssOf = (page: Page): Promise<unknown> => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);

/** A screenshot into the artifacts folder. */
export const screenshot = (page: Page, name: string, fullPage = false): Promise<Buffer> => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });

/** GET an API path from inside the page (with its session cookie), as JSON. */
export const pageJson = <T>(page: Page, path: string): Promise<T> => page.evaluate(async (p) => (await fetch(p, { credentials: 'same-origin' })).json(), path) as Promise<T>;

/** Signs in on the team server's page at `origin` and waits for the case list. */
export async function signInAs(page: Page, origin: string, user: string, password: string): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByTestId('signin-form').waitFor();
  await page.getByTestId('signin-user').fill(user);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('case-list').waitFor();
}

/** Signs out from the user menu and waits for the sign-in form. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('account-menu').locator('summary').click();
  await page.getByTestId('account-menu').getByTestId('sign-out').click();
  await page.getByTestId('signin-form').waitFor();
}
