/**
 * zonedToUtc with a per-day and per-hour cache, for parsers that convert millions of wall-clock times in
 * one zone. A day whose first and last second have the same shift has no transition and all
 * its times are shifted alike. Within a transition day, for each wall-clock hour the shift (wall − UTC) is computed at its first and last
 * second; when both agree (every hour except the rare one holding a non-hour-aligned
 * transition), any time in the hour is shifted the same way, exactly as zonedToUtc would
 * (including its gap and overlap rules). Otherwise zonedToUtc is called directly.
 */
import { zonedToUtc, validWallClock, type WallClock } from '../../time.js';
import { ClewError } from '../../../model/errors.js';

const MAX_ENTRIES = 100_000;

export class ZoneClock {
  private readonly shifts = new Map<number, number | null>();

  constructor(readonly timeZone: string) {}

  /** UTC epoch ms of a wall-clock time in the zone; throws TIMESTAMP_INVALID like zonedToUtc. */
  private readonly dayShifts = new Map<number, number | null>();

  toUtc(w: WallClock): number {
    if (!validWallClock(w)) throw new ClewError('TIMESTAMP_INVALID', 'impossible date or time');
    const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, Math.min(w.second, 59), w.millisecond ?? 0);
    // whole days without a transition (nearly all of them) share one shift
    const day = Math.floor(naive / 86_400_000);
    let dayShift = this.dayShifts.get(day);
    if (dayShift === undefined) {
      const start = day * 86_400_000;
      const a = start - zonedToUtc({ ...w, hour: 0, minute: 0, second: 0, millisecond: 0 }, this.timeZone).ts;
      const b = start + 86_399_000 - zonedToUtc({ ...w, hour: 23, minute: 59, second: 59, millisecond: 0 }, this.timeZone).ts;
      dayShift = a === b ? a : null;
      if (this.dayShifts.size >= MAX_ENTRIES) this.dayShifts.clear();
      this.dayShifts.set(day, dayShift);
    }
    if (dayShift !== null) return naive - dayShift;
    const key = Math.floor(naive / 3_600_000);
    let shift = this.shifts.get(key);
    if (shift === undefined) {
      const start = key * 3_600_000;
      const a = start - zonedToUtc({ ...w, minute: 0, second: 0, millisecond: 0 }, this.timeZone).ts;
      const b = start + 3_599_000 - zonedToUtc({ ...w, minute: 59, second: 59, millisecond: 0 }, this.timeZone).ts;
      shift = a === b ? a : null;
      if (this.shifts.size >= MAX_ENTRIES) this.shifts.clear();
      this.shifts.set(key, shift);
    }
    return shift === null ? zonedToUtc(w, this.timeZone).ts : naive - shift;
  }
}
