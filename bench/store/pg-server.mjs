// The PostgreSQL server of the store benches: the one given with --pg, else a local one started
// with `clew db start` in bench/out/pg and stopped again by stop() when the bench ends.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * { uri, stop, serverCpuSeconds } for a bench: uri is the server's base URI (no ?case=). A bench
 * that runs beside others passes a directory of its own, so that its stop() ends only its server.
 */
export function pgServer(root, given, dir = join(root, 'bench', 'out', 'pg')) {
  const bin = join(root, 'dist', 'cli', 'bin.js');
  const clew = (argv) => execFileSync(process.execPath, [bin, ...argv], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (given) return { uri: given, stop() {}, serverCpuSeconds: () => null };
  // the second line of the human output is the URI with its password (--json leaves it out)
  const uri = clew(['db', 'start', '--dir', dir]).split('\n')[1].trim();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clew(['db', 'stop', '--dir', dir]);
  };
  process.on('exit', () => {
    try {
      stop();
    } catch {
      // already gone
    }
  });
  return { uri, stop, serverCpuSeconds: () => postgresCpuSeconds(dir) };
}

/**
 * CPU seconds used so far by the server: the postmaster's own and its reaped children's (every
 * backend that has ended) plus those of its live processes, from /proc (Linux only).
 */
function postgresCpuSeconds(dir) {
  try {
    const pid = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const tick = 100;
    const stat = (p) => readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
    const s = stat(pid);
    // fields after "pid (comm) ": state=0 … utime=11 stime=12 cutime=13 cstime=14; ppid=1
    let t = Number(s[11]) + Number(s[12]) + Number(s[13]) + Number(s[14]);
    for (const p of readdirSync('/proc')) {
      if (!/^\d+$/.test(p) || Number(p) === pid) continue;
      try {
        const c = stat(p);
        if (Number(c[1]) === pid) t += Number(c[11]) + Number(c[12]);
      } catch {
        // ended meanwhile
      }
    }
    return t / tick;
  } catch {
    return null;
  }
}
