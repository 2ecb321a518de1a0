/**
 * Run a NUL-delimited filter process (Apertium in null-flush mode): write N inputs each followed by NUL, read
 * N outputs each followed by NUL, in order, as they come.
 *
 * - No shell: the binary is spawned with an argument array. It runs in its own process group (Apertium is a
 *   shell script running a pipeline of programs), and the whole group is killed when it must be stopped.
 * - Time limit per item: when no output has arrived for `itemTimeoutMs` (plus `startupMs` for the first),
 *   the group is killed; the item whose output was awaited is marked failed ("timed out"), and a new process
 *   carries on with the next item. Inputs flow through the pipeline in order, so the first missing output is
 *   the item that hangs.
 * - A process that exits or crashes early: the awaited item is marked failed with the exit status and the end
 *   of stderr; the rest go to a new process. When two processes in a row produce no output at all, the engine
 *   itself is broken: every remaining item is marked failed with that reason instead of trying each one.
 * - An output longer than `maxOutputChars` kills the process and fails that item.
 * - The input goes through a private temporary file given as stdin, not a pipe: Apertium's script reads
 *   `cat /dev/stdin`, which cannot open the socket Node uses for a child's piped stdin (ENXIO).
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { killProcessGroup } from '../tools.js';

export interface NullFilterOptions {
  binary: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Longest wait for one item's output, in ms. */
  itemTimeoutMs: number;
  /** Extra time allowed for the first output of a process (loading dictionaries). */
  startupMs: number;
  /** Longest output accepted for one item, in UTF-16 units. */
  maxOutputChars: number;
}

export type FilterFailure = 'timeout' | 'crashed' | 'too-long' | 'unavailable';
export type FilterResult = { ok: true; out: string } | { ok: false; code: FilterFailure; reason: string };

interface RunOutcome {
  /** Outputs received, for inputs[from], inputs[from+1], … */
  outputs: string[];
  /** Why the process stopped before giving every output (null: all received). */
  failure: { code: FilterFailure; reason: string } | null;
}

const STDERR_KEEP = 600;

function runOnce(opts: NullFilterOptions, inputs: readonly string[]): Promise<RunOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'clew-translate-'));
  try {
    const file = join(dir, 'input');
    writeFileSync(file, inputs.map((s) => `${s}\0`).join(''), { mode: 0o600 });
    const fd = openSync(file, 'r');
    try {
      return spawnOnce(opts, inputs.length, fd).finally(() => rmSync(dir, { recursive: true, force: true }));
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const err = e as NodeJS.ErrnoException;
    return Promise.resolve({ outputs: [], failure: { code: 'unavailable', reason: `cannot write the input file: ${err.code ?? err.message}` } });
  }
}

function spawnOnce(opts: NullFilterOptions, count: number, stdinFd: number): Promise<RunOutcome> {
  return new Promise((resolve) => {
    const outputs: string[] = [];
    let pending = '';
    let stderr = '';
    let failure: RunOutcome['failure'] = null;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const decoder = new StringDecoder('utf8');

    const child = spawn(opts.binary, opts.args as string[], {
      stdio: [stdinFd, 'pipe', 'pipe'],
      detached: true,
      env: opts.env ?? process.env,
      shell: false,
    });

    const killGroup = () => killProcessGroup(child);
    const finish = () => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve({ outputs: outputs.slice(0, count), failure: outputs.length >= count ? null : failure });
    };
    const stop = (code: FilterFailure, reason: string) => {
      if (!failure) failure = { code, reason };
      killGroup();
    };
    const arm = () => {
      if (timer) clearTimeout(timer);
      const ms = opts.itemTimeoutMs + (outputs.length === 0 ? opts.startupMs : 0);
      timer = setTimeout(() => stop('timeout', `timed out: no output within ${ms} ms`), ms);
    };

    child.on('error', (err: NodeJS.ErrnoException) => {
      failure ??= { code: 'unavailable', reason: `cannot run ${opts.binary}: ${err.code ?? err.message}` };
      finish();
    });
    // stdout and stderr are pipes (stdio above); Node's types cannot tell for a file-descriptor stdin.
    const stdout = child.stdout as NodeJS.ReadableStream;
    const errStream = child.stderr as NodeJS.ReadableStream;
    errStream.setEncoding('utf8');
    errStream.on('data', (d: string) => {
      stderr = (stderr + d).slice(-STDERR_KEEP);
    });
    stdout.on('data', (d: Buffer) => {
      pending += decoder.write(d);
      let nul = pending.indexOf('\0');
      while (nul >= 0) {
        if (outputs.length < count) outputs.push(pending.slice(0, nul));
        pending = pending.slice(nul + 1);
        nul = pending.indexOf('\0');
      }
      if (outputs.length >= count) {
        if (timer) clearTimeout(timer);
        timer = undefined;
        return;
      }
      if (pending.length > opts.maxOutputChars) {
        stop('too-long', `output longer than ${opts.maxOutputChars} characters`);
        return;
      }
      arm();
    });
    child.on('close', (code, signal) => {
      if (outputs.length < count && !failure) {
        const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
        const tail = stderr.trim().split('\n').slice(-3).join(' | ');
        failure = { code: 'crashed', reason: `${opts.binary} ${how} before this item's output${tail ? `: ${tail}` : ''}` };
      }
      finish();
    });

    arm();
  });
}

/** Run all inputs through the filter; one result per input, in order. Never throws. */
export async function runNullFilter(opts: NullFilterOptions, inputs: readonly string[]): Promise<FilterResult[]> {
  const results: FilterResult[] = [];
  let silentRuns = 0;
  while (results.length < inputs.length) {
    const rest = inputs.slice(results.length);
    const { outputs, failure } = await runOnce(opts, rest);
    for (const out of outputs) results.push({ ok: true, out });
    if (!failure) continue;
    if (outputs.length === 0) silentRuns++;
    else silentRuns = 0;
    if (failure.code === 'unavailable' || silentRuns >= 2) {
      const reason = silentRuns >= 2 ? `${failure.reason} (twice in a row without any output: not tried on the remaining items)` : failure.reason;
      while (results.length < inputs.length) results.push({ ok: false, code: failure.code, reason });
      break;
    }
    results.push({ ok: false, ...failure });
  }
  return results;
}
