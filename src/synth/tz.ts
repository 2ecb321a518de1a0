/**
 * Fast local-time formatting for the generator: real UTC offsets (incl. DST) from Intl,
 * cached per zone and UTC hour, and a hand-written ISO 8601 formatter (no Date per record).
 */

const HOUR = 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset from UTC in minutes of `zone` at `epochMs`, straight from Intl (slow; cached by ZoneClock). */
export function intlOffsetMinutes(zone: string, epochMs: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, f);
  }
  const name = f.formatToParts(epochMs).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!m) return 0; // "GMT" alone means +00:00
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}

/** Per-zone offset cache over a fixed period, hour resolution (all real zone changes are on the hour). */
export class ZoneClock {
  private readonly cache = new Map<string, Int16Array>();

  constructor(
    private readonly startMs: number,
    private readonly endMs: number,
  ) {}

  offsetMinutes(zone: string, epochMs: number): number {
    let arr = this.cache.get(zone);
    if (!arr) {
      arr = this.fillZone(zone);
      this.cache.set(zone, arr);
    }
    const idx = Math.floor((epochMs - this.startMs) / HOUR) + 24;
    if (idx < 0 || idx >= arr.length) return intlOffsetMinutes(zone, epochMs);
    return arr[idx] as number;
  }

  /**
   * Offsets for every hour of the period: Intl is asked once a week, and where two weekly
   * samples differ the change hour is found by bisection (zones change at most once a week).
   */
  private fillZone(zone: string): Int16Array {
    const hours = Math.ceil((this.endMs - this.startMs) / HOUR) + 48;
    const arr = new Int16Array(hours);
    const at = (i: number): number => intlOffsetMinutes(zone, this.startMs + (i - 24) * HOUR);
    const WEEK = 168;
    let i = 0;
    let a = at(0);
    while (i < hours) {
      const j = Math.min(hours - 1, i + WEEK);
      const b = at(j);
      if (a === b) arr.fill(a, i, j + 1);
      else {
        // First hour in (i, j] with offset b.
        let lo = i;
        let hi = j;
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (at(mid) === a) lo = mid;
          else hi = mid;
        }
        arr.fill(a, i, hi);
        arr.fill(b, hi, j + 1);
      }
      if (j === hours - 1) break;
      i = j;
      a = b;
    }
    return arr;
  }

  /** ISO 8601 local time with offset, e.g. `2021-02-03T10:15:00+01:00`. */
  format(zone: string, epochMs: number): string {
    return formatIsoWithOffset(epochMs, this.offsetMinutes(zone, epochMs));
  }
}

const TWO: readonly string[] = Array.from({ length: 60 }, (_, i) => (i < 10 ? '0' + i : String(i)));

function two(n: number): string {
  return TWO[n] ?? String(n);
}

/** Civil date from days since 1970-01-01 (H. Hinnant's algorithm). */
function civil(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function offsetText(offsetMin: number): string {
  if (offsetMin === 0) return 'Z';
  const a = Math.abs(offsetMin);
  return (offsetMin < 0 ? '-' : '+') + two(Math.floor(a / 60)) + ':' + two(a % 60);
}

let lastDays = NaN;
let lastDate = '';

/** Formats epoch ms (whole seconds are written) as local time at the given offset. */
export function formatIsoWithOffset(epochMs: number, offsetMin: number): string {
  const localSec = Math.floor(epochMs / 1000) + offsetMin * 60;
  const days = Math.floor(localSec / 86400);
  const sod = localSec - days * 86400;
  if (days !== lastDays) {
    const [y, mo, d] = civil(days);
    lastDate = `${y}-${two(mo)}-${two(d)}T`;
    lastDays = days;
  }
  const hh = Math.floor(sod / 3600);
  const mm = Math.floor((sod % 3600) / 60);
  const ss = sod % 60;
  return lastDate + two(hh) + ':' + two(mm) + ':' + two(ss) + (OFFSETS.get(offsetMin) ?? offsetText(offsetMin));
}

const OFFSETS = new Map<number, string>();
for (let q = -12 * 4; q <= 14 * 4; q++) OFFSETS.set(q * 15, offsetText(q * 15));

/** Local hour of day (0–23) and weekday (0 = Sunday) at an offset. */
export function localHourAndWeekday(epochMs: number, offsetMin: number): [number, number] {
  const localSec = Math.floor(epochMs / 1000) + offsetMin * 60;
  const days = Math.floor(localSec / 86400);
  const hour = Math.floor((localSec - days * 86400) / 3600);
  return [hour, (((days + 4) % 7) + 7) % 7];
}
