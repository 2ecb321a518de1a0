/**
 * `npm ci` prints no EBADENGINE warning on the Node versions clew supports (issue 17 part 8):
 * every package in the lock file accepts the lowest release of every range in package.json's
 * `engines.node`, so the range never promises a Node a dependency refuses.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; optional?: boolean; engines?: { node?: string } | string[] }>;
};

describe('engines', () => {
  const range = pkg.engines.node;
  const lowest = range.split('||').map((r) => semver.minVersion(r.trim())?.version as string);

  it('package.json states the supported Node versions, Node 20 and 22 among them', () => {
    expect(semver.validRange(range)).not.toBeNull();
    expect(lowest.some((v) => semver.major(v) === 20)).toBe(true);
    expect(lowest.some((v) => semver.major(v) === 22)).toBe(true);
  });

  it.each(lowest)('every locked package accepts Node %s', (version) => {
    const refused: string[] = [];
    for (const [path, p] of Object.entries(lock.packages)) {
      if (!path || p.optional) continue; // platform binaries npm skips on this machine
      const node = Array.isArray(p.engines) ? undefined : p.engines?.node;
      if (node && !semver.satisfies(version, node)) refused.push(`${path.replace(/^.*node_modules\//, '')}@${p.version ?? '?'} wants node ${node}`);
    }
    expect(refused).toEqual([]);
  });
});
