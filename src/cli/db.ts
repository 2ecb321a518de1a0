/** `clew db start|stop --dir DIR`: a local PostgreSQL (embedded binaries) for cases. */
import { type Command, InvalidArgumentError } from 'commander';
import { join, resolve } from 'node:path';
import { jsonLine } from './render.js';

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1024 || n > 65535) throw new InvalidArgumentError('--port must be a whole number from 1024 to 65535');
  return n;
}

export function registerDb(program: Command, json: () => boolean): void {
  const db = program.command('db').description('a local PostgreSQL server for cases (PostgreSQL 18, bound to 127.0.0.1)');
  db.command('start')
    .description('start the server in DIR (initialised on first use) and print the URI to pass as --case (with ?case=NAME)')
    .requiredOption('--dir <dir>', 'directory holding the server (its data, password and settings)')
    .option('--port <n>', 'TCP port on 127.0.0.1 (default: the last one used, else 5432 when free, else any free port)', port)
    .action(async (o: { dir: string; port?: number }) => {
      const { startLocalDb } = await import('../api/db.js'); // loaded when the command runs: `clew --help` stays fast
      const s = await startLocalDb({ dir: o.dir, port: o.port });
      const passwordFile = join(resolve(o.dir), 'password');
      const serverPasswordFile = join(resolve(o.dir), 'server-password');
      // the password goes to the terminal only (the user's own server); --json names the file that holds it
      if (json())
        process.stdout.write(
          jsonLine({ uri: s.printable, passwordFile, serverUri: s.serverPrintable, serverPasswordFile, port: s.port, dir: s.dir, alreadyRunning: s.alreadyRunning, initialised: s.initialised, ms: Math.round(s.ms) }),
        );
      else {
        const what = s.alreadyRunning ? 'already running' : s.initialised ? 'initialised and started' : 'started';
        process.stdout.write(
          `PostgreSQL ${what} in ${s.dir} (${Math.round(s.ms)} ms)\n${s.url}\ncase locator: ${s.url}?case=NAME\n` +
            `team server (clew server --db; bound by row-level security): ${s.serverUrl}\n`,
        );
      }
    });
  db.command('stop')
    .description('stop the server in DIR')
    .requiredOption('--dir <dir>', 'directory holding the server')
    .action(async (o: { dir: string }) => {
      const { stopLocalDb } = await import('../api/db.js');
      const wasRunning = await stopLocalDb(o.dir);
      if (json()) process.stdout.write(jsonLine({ stopped: wasRunning }));
      else process.stdout.write(wasRunning ? `PostgreSQL in ${resolve(o.dir)} stopped\n` : `PostgreSQL in ${resolve(o.dir)} was not running\n`);
    });
}
