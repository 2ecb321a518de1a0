import { describe, expect, it } from 'vitest';
import { fastifyPaths } from './route-path.js';
import { ROUTES } from './routes.js';

describe('fastify paths of route patterns', () => {
  it('turns literals, one-segment captures, alternatives and a final rest into paths', () => {
    expect(fastifyPaths(/^\/stats$/)).toEqual(['/api/stats']);
    expect(fastifyPaths(/^\/messages\/([^/]+)\/thread$/)).toEqual(['/api/messages/:p1/thread']);
    expect(fastifyPaths(/^\/scoped\/(rank|keyplayers)$/)).toEqual(['/api/scoped/rank', '/api/scoped/keyplayers']);
    expect(fastifyPaths(/^\/dossier\/(.+)$/s)).toEqual(['/api/dossier/*']);
    expect(fastifyPaths(/^\/a\/([^/]+)\/b\/([^/]+)$/)).toEqual(['/api/a/:p1/b/:p2']);
    expect(fastifyPaths(/^\/file\.csv$/)).toEqual(['/api/file.csv']);
    for (const p of [/^\/x\/(\d+)$/, /^\/x\/(\w+)$/, /^\/x\/([A-Za-z0-9_.-]+)$/, /^\/x\/([a-z\-]+)$/]) expect(fastifyPaths(p), String(p)).toEqual(['/api/x/:p1']);
  });

  it('refuses what it cannot serve with the same matching, naming the pattern', () => {
    for (const p of [/^\/stats/, /\/stats$/, /^stats$/, /^\/stats$/i, /^\/x\/([^.]+)$/, /^\/x\/(\S+)$/, /^\/x\/([a-z/]+)$/, /^\/x\/(\d*)$/, /^\/(.+)\/x$/, /^\/a:b$/, /^\/a*$/])
      expect(() => fastifyPaths(p), String(p)).toThrow(String(p));
  });

  it('serves every route of the tables, each path matched by its own pattern', () => {
    for (const r of ROUTES)
      for (const path of fastifyPaths(r.pattern)) {
        const sample = path.slice(4).replace(/:p\d+/g, '1').replace(/\*$/, 'x/y');
        expect(r.pattern.test(sample), `${String(r.pattern)} ${path}`).toBe(true);
      }
  });
});
