import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNullFilter, type NullFilterOptions } from './null-filter.js';

// A real small filter program: echoes each NUL-terminated item upper-cased; hangs on an item containing
// HANG (in a child process, whose pid it leaves in sleeper.pid), exits 3 on CRASH, writes endlessly on FLOOD.
const dir = mkdtempSync(join(tmpdir(), 'clew-nullfilter-test-'));
const stub = join(dir, 'filter.sh');
writeFileSync(
  stub,
  `#!/bin/bash
while IFS= read -r -d '' item; do
  case "$item" in
    *HANG*) sleep 60 & echo $! > "${dir}/sleeper.pid"; wait ;;
    *CRASH*) echo "segmentation fault (simulated)" >&2; exit 3 ;;
    *FLOOD*) yes flood | tr -d '\\n' ;;
  esac
  printf '%s\\0' "\${item^^}"
done
`,
);
chmodSync(stub, 0o755);
const silent = join(dir, 'silent.sh');
writeFileSync(silent, '#!/bin/bash\nexit 1\n');
chmodSync(silent, 0o755);
/** The process exists and is not a zombie (killed, waiting for init to reap it). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const opts = (over: Partial<NullFilterOptions> = {}): NullFilterOptions => ({
  binary: stub, args: [], itemTimeoutMs: 400, startupMs: 2000, maxOutputChars: 10_000, ...over,
});

describe('runNullFilter', () => {
  it('returns one output per input, in order', async () => {
    const r = await runNullFilter(opts(), ['a', 'b c', '', 'đ ж 😀\n']);
    expect(r).toEqual([{ ok: true, out: 'A' }, { ok: true, out: 'B C' }, { ok: true, out: '' }, { ok: true, out: 'Đ Ж 😀\n' }]);
  });

  it('marks an item that hangs as timed out and goes on with the rest', async () => {
    const t0 = Date.now();
    const r = await runNullFilter(opts(), ['one', 'two', 'please HANG', 'four', 'five']);
    expect(r[0]).toEqual({ ok: true, out: 'ONE' });
    expect(r[1]).toEqual({ ok: true, out: 'TWO' });
    expect(r[2]).toMatchObject({ ok: false, code: 'timeout' });
    expect(r[3]).toEqual({ ok: true, out: 'FOUR' });
    expect(r[4]).toEqual({ ok: true, out: 'FIVE' });
    expect(Date.now() - t0).toBeLessThan(20_000); // not the stub's 60 s sleep
    // The whole process group was killed, the hanging grandchild too.
    const sleeper = Number(readFileSync(join(dir, 'sleeper.pid'), 'utf8'));
    expect(sleeper).toBeGreaterThan(0);
    let alive = true;
    for (let i = 0; i < 40 && alive; i++) {
      alive = running(sleeper);
      if (alive) await new Promise((r) => setTimeout(r, 50));
    }
    expect(alive).toBe(false);
  });

  it('marks an item that crashes the process with its exit status and stderr, and goes on', async () => {
    const r = await runNullFilter(opts(), ['x', 'CRASH here', 'y']);
    expect(r[0]).toEqual({ ok: true, out: 'X' });
    expect(r[1]).toMatchObject({ ok: false, code: 'crashed' });
    expect(r[1]!.ok === false && r[1]!.reason).toMatch(/exited with code 3.*segmentation fault/);
    expect(r[2]).toEqual({ ok: true, out: 'Y' });
  });

  it('fails an item whose output exceeds the cap', async () => {
    const r = await runNullFilter(opts({ maxOutputChars: 5000 }), ['a', 'FLOOD', 'b']);
    expect(r[0]).toEqual({ ok: true, out: 'A' });
    expect(r[1]).toMatchObject({ ok: false, code: 'too-long' });
    expect(r[2]).toEqual({ ok: true, out: 'B' });
  });

  it('gives up after two silent failures in a row instead of trying every item', async () => {
    const t0 = Date.now();
    const r = await runNullFilter(opts({ binary: silent }), Array.from({ length: 50 }, (_, i) => `m${i}`));
    expect(r).toHaveLength(50);
    expect(r.every((x) => !x.ok && x.code === 'crashed')).toBe(true);
    expect(r[49]!.ok === false && r[49]!.reason).toMatch(/twice in a row/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('says when the program does not exist', async () => {
    const r = await runNullFilter(opts({ binary: join(dir, 'no-such-program') }), ['a', 'b']);
    expect(r).toHaveLength(2);
    expect(r[0]).toMatchObject({ ok: false, code: 'unavailable' });
    expect(r[0]!.ok === false && r[0]!.reason).toMatch(/ENOENT/);
  });
});
