/** Display formatting: times in UTC (with the source's own offset when it stated one), numbers. */

const nf = new Intl.NumberFormat('en-GB');
export const num = (n: number): string => nf.format(n);

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2021-03-01 10:03` in UTC. */
export function utc(ts: number, seconds = false): string {
  const d = new Date(ts);
  const s = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return seconds ? `${s}:${pad(d.getUTCSeconds())}` : s;
}

/**
 * A photo's EXIF capture time as stored (`2021-02-03T10:15:00+01:00`, or without the offset when the camera
 * recorded none) as people read it: the camera's clock, with its offset or a word that the zone is unknown.
 */
export function takenAt(t: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})([+-]\d{2}:\d{2})?$/.exec(t);
  if (!m) return t;
  return m[3] ? `${m[1]} ${m[2]} (UTC${m[3]}, camera clock)` : `${m[1]} ${m[2]} (camera clock, zone not recorded)`;
}

export function day(ts: number): string {
  return utc(ts).slice(0, 10);
}

/** The time as the source wrote it: local time and offset, when known. */
export function local(ts: number, tzOffset: number | null): string | null {
  if (tzOffset === null) return null;
  const d = new Date(ts + tzOffset * 60_000);
  const a = Math.abs(tzOffset);
  const off = `${tzOffset < 0 ? '−' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} ${off}`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** A stable hue per account, so a sender keeps one colour across views. */
export function hue(id: number): number {
  return (Math.imul(id ^ 0x9e3779b9, 0x85ebca6b) >>> 0) % 360;
}
