/**
 * The built web app (web/dist), served from an in-memory table of the files found at start.
 * Only those exact paths can be served: no path from a request ever reaches the file system.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

export interface StaticFile {
  body: Buffer;
  type: string;
  /** Hashed build assets never change: cache them for good. */
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

const MAX_FILES = 2000;
const MAX_TOTAL = 64 * 1024 * 1024;

export class StaticSite {
  private constructor(
    private readonly files: Map<string, StaticFile>,
    readonly root: string | null,
  ) {}

  /** Load every file under `root`; an absent root gives an empty site (API only). */
  static load(root: string): StaticSite {
    const files = new Map<string, StaticFile>();
    try {
      if (!statSync(root).isDirectory()) return new StaticSite(files, null);
    } catch {
      return new StaticSite(files, null);
    }
    let total = 0;
    const walk = (dir: string) => {
      for (const ent of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, ent.name);
        if (ent.isDirectory()) walk(p);
        else if (ent.isFile()) {
          const type = TYPES[extname(ent.name).toLowerCase()];
          if (!type) continue;
          const body = readFileSync(p);
          total += body.length;
          if (files.size >= MAX_FILES || total > MAX_TOTAL) throw new Error(`${root} is too large to be a built web app`);
          const url = '/' + relative(root, p).split(sep).join('/');
          files.set(url, { body, type, immutable: url.startsWith('/assets/') });
        }
      }
    };
    walk(root);
    return new StaticSite(files, root);
  }

  get built(): boolean {
    return this.files.has('/index.html');
  }

  /**
   * The file for a URL path: an exact file, else the app shell for app routes (paths without a
   * file extension, so /m/123 reloads into the app), else null.
   */
  lookup(pathname: string): StaticFile | null {
    const f = this.files.get(pathname === '/' ? '/index.html' : pathname);
    if (f) return f;
    if (pathname.startsWith('/assets/') || /\.[A-Za-z0-9]{1,8}$/.test(pathname)) return null;
    return this.files.get('/index.html') ?? null;
  }
}
