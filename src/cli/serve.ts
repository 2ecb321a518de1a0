/** `clew serve`: the web workspace on this machine, behind a one-time access token. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { jsonLine, safe } from './render.js';
import { CASE_HELP } from './case-help.js';

export const DEFAULT_PORT = 5177;

function megabytes(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('--max-upload must be a whole number of megabytes (MiB), at least 1');
  return n * 1024 * 1024;
}

function port(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('--port must be a whole number from 0 to 65535 (0: any free port)');
  return n;
}

/**
 * Open the URL in the desktop browser without putting the token on a command line (other users
 * can read process lists): the browser opens a private redirect file instead, as Jupyter does.
 */
function openBrowser(url: string): void {
  const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (headless) return;
  try {
    const dir = mkdtempSync(join(tmpdir(), 'clew-open-'));
    const file = join(dir, 'open.html');
    writeFileSync(file, `<!doctype html><meta http-equiv="refresh" content="0;url=${url}"><a href="${url}">open clew</a>\n`, { mode: 0o600 });
    const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
    const child = spawn(cmd, [file], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
    setTimeout(() => rmSync(dir, { recursive: true, force: true }), 30_000).unref();
  } catch {
    // no browser: the printed URL is enough
  }
}

/** --listen HOST:PORT, [IPv6]:PORT or PORT (on 127.0.0.1). */
export function listenAddress(v: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]+)):(\d{1,5})$/.exec(v) ?? /^()()(\d{1,5})$/.exec(v);
  const p = m ? Number(m[3]) : NaN;
  if (!m || !(p >= 0 && p <= 65535)) throw new InvalidArgumentError('--listen is HOST:PORT (e.g. 127.0.0.1:8080, [::1]:8080, 0.0.0.0:8080) or a port');
  return { host: m[1] || m[2] || '127.0.0.1', port: p };
}

function hours(v: string): number {
  const n = Number(v);
  if (!(n > 0 && n <= 720)) throw new InvalidArgumentError('--session-hours must be more than 0 and at most 720 (30 days)');
  return Math.round(n * 3600_000);
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `clew server --db URI`: every case of the database, to users signed in with a password. */
function registerTeamServer(program: Command, json: () => boolean): void {
  program
    .command('server')
    .description('the team server: the workspace for every case in a PostgreSQL database, to signed-in users (clew users, clew grant)')
    .requiredOption('--db <uri>', "the database, as the team server's role: postgres://clew_server:PASSWORD@HOST:PORT/clew (clew db start prints it)")
    .option('--listen <host:port>', `address and port to listen on (default 127.0.0.1:${DEFAULT_PORT}); another address than this machine's only behind a TLS proxy`, listenAddress)
    .option('--trust-proxy <addr>', 'a reverse proxy (address or CIDR) whose X-Forwarded-For/-Host/-Proto headers are believed; repeat for several', collect)
    .option('--public-host <host[:port]>', 'a host name the server is reached under (e.g. behind the proxy); repeat for several', collect)
    .option('--session-hours <h>', 'how long a sign-in lasts (default 12)', hours)
    .option('--max-upload <MiB>', 'largest file the workspace accepts for ingest, in MiB (default 2048)', megabytes)
    .option('--uploads <dir>', 'where files uploaded for ingest are kept, a folder per case (default: under ~/.local/share/clew/uploads)')
    .option('--no-ocr', "do not read the text in the cases' images in the background when an analyst opens one (Tesseract)")
    .option('--audit-key <file>', "the server's Ed25519 key signing the audit log's tree heads, PEM, mode 0600; made when missing (default ~/.local/share/clew/audit-key.pem; docs/audit.md)")
    .action(
      async (o: { db: string; listen?: { host: string; port: number }; trustProxy?: string[]; publicHost?: string[]; sessionHours?: number; maxUpload?: number; uploads?: string; auditKey?: string; ocr: boolean }) => {
        const [{ startTeamServer }, { openTeamDirectory }, { openAuditLog }, { ClewError }] = await Promise.all([
          import('../server/server.js'),
          import('../api/team.js'),
          import('../api/audit.js'),
          import('../model/errors.js'),
        ]);
        const directory = await openTeamDirectory(o.db);
        const role = await directory.connectedRole();
        if (role.superuser || role.bypassRls || role.ownsTables) {
          await directory.close();
          throw new ClewError(
            'INVALID_ARGUMENT',
            `clew server must connect as a role that row-level security binds (clew_server, whose URI clew db start prints); ${role.name} ${role.superuser ? 'is a superuser' : role.bypassRls ? 'bypasses row-level security' : 'owns the case tables'}`,
          );
        }
        const listen = o.listen ?? { host: '127.0.0.1', port: DEFAULT_PORT };
        // every case request, sign-in and sign-out is appended before its answer leaves; a head is signed every minute while the log grows
        const audit = await openAuditLog(o.db, {
          keyFile: o.auditKey,
          onSigningError: (e) => process.stderr.write(`clew server: signing the audit log's tree head failed: ${(e as Error)?.message ?? String(e)}\n`),
        }).catch(async (e: unknown) => {
          await directory.close();
          throw e;
        });
        audit.startSigning();
        const srv = await startTeamServer({
          directory,
          audit,
          host: listen.host,
          port: listen.port,
          trustProxy: o.trustProxy,
          publicHosts: o.publicHost,
          sessionTtlMs: o.sessionHours,
          maxUploadBytes: o.maxUpload,
          uploadsDir: o.uploads,
          ocr: o.ocr,
        }).catch(async (e: unknown) => {
          await audit.close();
          await directory.close();
          throw e;
        });
        if (json()) process.stdout.write(jsonLine({ url: srv.origin, port: srv.port, webBuilt: srv.webBuilt }));
        else
          process.stdout.write(
            `clew server: ${safe(directory.printable)}\n` +
              `  open ${srv.origin}/ and sign in (clew users add, clew grant give users their cases). Ctrl-C stops.\n` +
              (srv.webBuilt ? '' : `  the web app is not built (npm run build:web): only the API under /api answers\n`),
          );
        await new Promise<void>((done) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            void srv
              .close()
              .then(() => audit.close())
              .then(() => directory.close())
              .then(done);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      },
    );
}

export function registerServe(program: Command, json: () => boolean): void {
  registerTeamServer(program, json);
  program
    .command('serve')
    .description('the web workspace for a case, on this machine only (prints the URL with its access token)')
    .requiredOption('--case <case>', CASE_HELP)
    .option('--port <n>', `port (default ${DEFAULT_PORT}, or any free port when that one is taken; 0: any free port)`, port)
    .option('--host <addr>', 'address to listen on: 127.0.0.1, localhost or ::1 (for a team: clew server --db)', '127.0.0.1')
    .option('--max-upload <MiB>', 'largest file the workspace accepts for ingest, in MiB (default 2048)', megabytes)
    .option('--uploads <dir>', 'where files uploaded for ingest are kept (default: <case>.uploads beside a case file; for a case in a database, ~/.local/share/clew/uploads/<case>-<hash>, under $XDG_DATA_HOME when set)')
    .option('--no-open', 'do not open a browser')
    .option('--no-ocr', "do not read the text in the case's images in the background (Tesseract; clew ocr does it on demand)")
    .action(async (o: { case: string; port?: number; host: string; open: boolean; ocr: boolean; maxUpload?: number; uploads?: string }) => {
      // the server loads when the command runs: `clew --help` stays fast
      const [{ startServer }, { printableLocator }] = await Promise.all([import('../server/server.js'), import('../api/case.js')]);
      const srv = await startServer({ casePath: o.case, port: o.port ?? DEFAULT_PORT, portFallback: o.port === undefined, host: o.host, maxUploadBytes: o.maxUpload, uploadsDir: o.uploads, warm: true, ocr: o.ocr });
      if (json()) process.stdout.write(jsonLine({ url: srv.url, port: srv.port, webBuilt: srv.webBuilt }));
      else {
        process.stdout.write(
          `clew serve: ${safe(printableLocator(o.case))}\n` +
            `  open ${srv.url}\n` +
            `  listening on this machine only; the token in the URL is the key: do not share it. Ctrl-C stops.\n` +
            (srv.webBuilt ? '' : `  the web app is not built (npm run build:web): only the API under /api answers\n`),
        );
      }
      if (o.open) openBrowser(srv.url);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void srv.close().then(done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
