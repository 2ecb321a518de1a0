import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dpkgVersion, killProcessGroup } from './tools.js';

/** Running, not gone nor a zombie waiting for a parent to reap it (PID 1 of a container may never do so). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('text tools', () => {
  it('reads an installed package version and says null for one that is not installed', async () => {
    expect(await dpkgVersion('dpkg')).toMatch(/^\d/);
    expect(await dpkgVersion('clew-no-such-package')).toBeNull();
  });

  it('kills a detached child and what it started', async () => {
    // the shell starts a grandchild and prints its pid; both must be gone after the kill
    const child = spawn('sh', ['-c', 'sleep 60 & echo $!; wait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    const grandchild = await new Promise<number>((ok) => child.stdout.once('data', (d: Buffer) => ok(Number(String(d).trim()))));
    const exited = new Promise((ok) => child.once('exit', ok));
    expect(alive(grandchild)).toBe(true);
    killProcessGroup(child);
    await exited;
    for (let i = 0; i < 50 && alive(grandchild); i++) await new Promise((ok) => setTimeout(ok, 20));
    expect(alive(grandchild)).toBe(false);
  });
});
