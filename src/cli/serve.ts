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

export function registerServe(program: Command, json: () => boolean): void {
  program
    .command('serve')
    .description('the web workspace for a case, on this machine only (prints the URL with its access token)')
    .requiredOption('--case <case>', CASE_HELP)
    .option('--port <n>', `port (default ${DEFAULT_PORT}, or any free port when that one is taken; 0: any free port)`, port)
    .option('--host <addr>', 'address to listen on: 127.0.0.1, localhost or ::1 (team mode is not available yet)', '127.0.0.1')
    .option('--max-upload <MiB>', 'largest file the workspace accepts for ingest, in MiB (default 2048)', megabytes)
    .option('--uploads <dir>', 'where files uploaded for ingest are kept (default: <case>.uploads beside a case file; for a case in a database, ~/.local/share/clew/uploads/<case>-<hash>, under $XDG_DATA_HOME when set)')
    .option('--no-open', 'do not open a browser')
    .action(async (o: { case: string; port?: number; host: string; open: boolean; maxUpload?: number; uploads?: string }) => {
      // the server loads when the command runs: `clew --help` stays fast
      const [{ startServer }, { printableLocator }] = await Promise.all([import('../server/server.js'), import('../api/case.js')]);
      const srv = await startServer({ casePath: o.case, port: o.port ?? DEFAULT_PORT, portFallback: o.port === undefined, host: o.host, maxUploadBytes: o.maxUpload, uploadsDir: o.uploads, warm: true });
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
