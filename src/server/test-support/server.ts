/** A test server on a case file, with a stub workspace (no built web app), quiet and with a rate limit no test reaches. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningServer, type ServeOptions, startServer } from '../server.js';

/** Writes `root/web/index.html`, a stand-in for the built workspace, and returns `root/web`. */
export function stubWebRoot(root: string): string {
  const web = join(root, 'web');
  mkdirSync(web, { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>clew</title>');
  return web;
}

/** Serves `casePath` with the stub workspace under `root`; `opts` add to or replace the defaults. */
export function startTestServer(root: string, casePath: string, opts: Partial<ServeOptions> = {}): Promise<RunningServer> {
  return startServer({ casePath, webRoot: stubWebRoot(root), log: () => {}, rateLimit: { capacity: 1000, perSecond: 1000 }, ...opts });
}
