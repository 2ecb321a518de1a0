/** `clew synth`: write a synthetic case (records.jsonl + truth.json). */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { formatDuration } from './progress.js';
import { jsonLine, num } from './render.js';

function positive(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number ≥ 1`);
    return n;
  };
}

export function registerSynth(program: Command, json: () => boolean): void {
  program
    .command('synth')
    .description('write a synthetic trafficking case with ground truth: DIR/records.jsonl and DIR/truth.json')
    .requiredOption('--out <dir>', 'output folder')
    .option('--messages <n>', 'number of messages', positive('--messages'), 100_000)
    .option('--seed <n>', 'random seed (same seed, same bytes)', positive('--seed'), 1)
    .option('--start <date>', 'first day, YYYY-MM-DD')
    .option('--end <date>', 'day after the last day, YYYY-MM-DD')
    .action(async (o: { out: string; messages: number; seed: number; start?: string; end?: string }) => {
      const tty = !json() && process.stderr.isTTY;
      const t0 = Date.now();
      const { writeCase } = await import('../api/synth.js'); // loads when the command runs: `clew --help` stays fast
      const r = await writeCase(o.out, { messages: o.messages, seed: o.seed, start: o.start, end: o.end }, (p) => {
        if (!tty) return;
        const secs = (Date.now() - t0) / 1000;
        const rate = secs > 0 ? p.messages / secs : 0;
        const eta = rate > 0 ? (p.totalMessages - p.messages) / rate : NaN;
        process.stderr.write(`\r\x1b[2Ksynth ${Math.floor((100 * p.messages) / p.totalMessages)}%  ${num(p.messages)} messages  ${num(Math.round(rate))}/s  ETA ${formatDuration(eta)}`);
      });
      if (tty) process.stderr.write('\r\x1b[2K');
      if (json()) process.stdout.write(jsonLine(r));
      else
        process.stdout.write(
          `wrote ${r.recordsPath} (${num(r.bytes)} bytes) and ${r.truthPath} in ${r.seconds.toFixed(1)} s\n` +
            `next: clew ingest --case case.clew ${r.recordsPath}\n`,
        );
    });
}
