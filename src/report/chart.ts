/**
 * A figure's chart as inline SVG, made on the server: a horizontal bar chart (a key-players
 * ranking's scores). Deterministic: the same bars give the same bytes (fixed layout, numbers
 * written with fixed decimals, no locale, no id, no time), so a report rebuilt from its manifest
 * stays byte-identical. Labels come from the case: shown with their direction controls as
 * markers (revealBidi) and escaped, in <text> elements only; the SVG has no script, link,
 * image or style of its own (the report's CSS styles it).
 */
import { revealBidi } from '../text/display/bidi.js';
import { escapeHtml } from './escape.js';

export interface Bar {
  label: string;
  value: number;
}

export interface BarChart {
  /** What the chart shows, for screen readers (the SVG's <title>). */
  title: string;
  bars: readonly Bar[];
}

const WIDTH = 720;
const LABEL_W = 230;
const VALUE_W = 80;
const BAR_H = 16;
const GAP = 5;
const TOP = 6;
/** Characters of a label shown (the table beside the chart has it whole). */
const MAX_LABEL = 34;

/** A number with fixed decimals and no trailing zeros ("12.5", "3", "0.0012"): no locale, no exponent. */
export function chartNumber(x: number): string {
  if (!Number.isFinite(x)) return '0';
  const digits = Math.abs(x) >= 100 ? 1 : Math.abs(x) >= 1 ? 3 : 4;
  const s = x.toFixed(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') || '0' : s;
}

/** A label from the case for an SVG <text>: direction controls as markers, control characters as spaces, cut to `max` characters, escaped. */
export function svgLabel(s: string, max = MAX_LABEL): string {
  const chars = [...revealBidi(s).replace(/[\u0000-\u001f\u007f]/g, ' ')];
  return escapeHtml(chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join(''));
}

/** The chart's SVG (one element, for inline use in the report's HTML). */
export function barChartSvg(c: BarChart): string {
  const n = c.bars.length;
  const height = TOP * 2 + Math.max(n, 1) * (BAR_H + GAP);
  const max = c.bars.reduce((m, b) => (Number.isFinite(b.value) && b.value > m ? b.value : m), 0);
  const span = WIDTH - LABEL_W - VALUE_W - 8;
  const rows = c.bars.map((b, i) => {
    const y = TOP + i * (BAR_H + GAP);
    const v = Number.isFinite(b.value) && b.value > 0 ? b.value : 0;
    const w = max > 0 ? (v / max) * span : 0;
    const mid = (y + BAR_H * 0.75).toFixed(1);
    return `<g><text class="label" x="${LABEL_W - 6}" y="${mid}" text-anchor="end">${svgLabel(b.label)}</text><rect x="${LABEL_W}" y="${y}" width="${w.toFixed(1)}" height="${BAR_H}"></rect><text class="value" x="${(LABEL_W + w + 4).toFixed(1)}" y="${mid}">${escapeHtml(chartNumber(b.value))}</text></g>`;
  });
  return `<svg class="chart" role="img" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}"><title>${escapeHtml(revealBidi(c.title))}</title>${rows.join('')}</svg>`;
}
