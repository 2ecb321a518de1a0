/**
 * What the text tools that run Debian programs (Tesseract for OCR, Apertium for translation) share:
 * the installed version of a package, and stopping a program with everything it started.
 */
import { type ChildProcess, execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The installed version of a Debian package (`dpkg-query`), or null when it is not installed or dpkg is absent. */
export async function dpkgVersion(pkg: string): Promise<string | null> {
  try {
    const { stdout } = await run('dpkg-query', ['-W', '-f=${Version}', pkg], { timeout: 10_000 });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

/** SIGKILL a child started with `detached: true` and its whole process group (a pipeline's stages too); the child alone when the group is gone. */
export function killProcessGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
