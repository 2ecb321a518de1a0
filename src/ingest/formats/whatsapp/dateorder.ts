/**
 * Day/month order of a WhatsApp export, decided over the WHOLE file: a first field above 12
 * proves day/month, a second field above 12 proves month/day. When nothing decides, day/month
 * is taken (the more common order world-wide) and the result says it is ambiguous.
 */
import type { WallClock } from '../../time.js';
import type { Header } from './header.js';

export type DateOrder = 'dmy' | 'mdy' | 'ymd';

export interface DateOrderStats {
  maxF1: number;
  maxF2: number;
  yearFirst: number;
  total: number;
}

export function newDateOrderStats(): DateOrderStats {
  return { maxF1: 0, maxF2: 0, yearFirst: 0, total: 0 };
}

export function addHeader(stats: DateOrderStats, h: Header): void {
  stats.total++;
  if (h.yearFirst) {
    stats.yearFirst++;
    return;
  }
  if (h.f1 > stats.maxF1) stats.maxF1 = h.f1;
  if (h.f2 > stats.maxF2) stats.maxF2 = h.f2;
}

export interface DateOrderDecision {
  order: DateOrder;
  /** True when no date in the file decides the order (day/month was assumed). */
  ambiguous: boolean;
  /** True when the file contradicts itself (some dates need d/m, others m/d). */
  conflicting: boolean;
}

export function decideDateOrder(stats: DateOrderStats): DateOrderDecision {
  if (stats.yearFirst > 0 && stats.yearFirst === stats.total) return { order: 'ymd', ambiguous: false, conflicting: false };
  const dayFirst = stats.maxF1 > 12;
  const monthFirst = stats.maxF2 > 12;
  if (dayFirst && monthFirst) return { order: 'dmy', ambiguous: true, conflicting: true };
  if (dayFirst) return { order: 'dmy', ambiguous: false, conflicting: false };
  if (monthFirst) return { order: 'mdy', ambiguous: false, conflicting: false };
  return { order: 'dmy', ambiguous: stats.total > 0, conflicting: false };
}

/** The header's wall-clock time under a date order; null when the clock is impossible (13 PM). */
export function headerWallClock(h: Header, order: DateOrder): WallClock | null {
  let year: number;
  let month: number;
  let day: number;
  if (h.yearFirst) {
    year = h.f1;
    month = h.f2;
    day = h.f3;
  } else {
    year = h.f3 < 100 ? 2000 + h.f3 : h.f3;
    if (order === 'mdy') {
      month = h.f1;
      day = h.f2;
    } else {
      day = h.f1;
      month = h.f2;
    }
  }
  let hour = h.hour;
  if (h.meridiem !== null) {
    if (hour < 1 || hour > 12) return null;
    if (h.meridiem === 'am') hour = hour === 12 ? 0 : hour;
    else hour = hour === 12 ? 12 : hour + 12;
  }
  return { year, month, day, hour, minute: h.minute, second: h.second };
}
