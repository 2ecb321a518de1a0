// `clew --help` start-up time against a bare `node -e ""` measured in the same run (issue 17: ≤ 300 ms).
// Prints the median wall and CPU (user+sys) time of N runs each, and the modules --help loads.
//   node bench/cli/help.mjs [runs]     (after npm run build)
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const runs = Number(process.argv[2] ?? 15);
const bin = process.env.CLEW_BIN ?? resolve(import.meta.dirname, '..', '..', 'dist', 'cli', 'bin.js');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(args) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    const [e, u, s] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
    wall.push(e * 1000);
    cpu.push((u + s) * 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const bare = measure(['-e', '']);
const help = measure([bin, '--help']);
console.log(`runs ${runs} each; load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
console.log(`node -e ""      wall ${bare.wall.toFixed(0)} ms  cpu ${bare.cpu.toFixed(0)} ms`);
console.log(`clew --help     wall ${help.wall.toFixed(0)} ms  cpu ${help.cpu.toFixed(0)} ms`);
console.log(`clew --help above bare node: wall +${(help.wall - bare.wall).toFixed(0)} ms, cpu +${(help.cpu - bare.cpu).toFixed(0)} ms (target: clew --help ≤ 300 ms)`);
