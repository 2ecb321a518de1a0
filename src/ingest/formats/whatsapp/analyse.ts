/**
 * First pass over a WhatsApp export: which layout it uses, the day/month order (decided over
 * the whole file), who speaks in it and whether it is a group. Cheap: header regex per line,
 * system patterns only for lines whose sender is not yet known.
 */
import { addHeader, decideDateOrder, headerWallClock, newDateOrderStats, type DateOrder, type DateOrderStats } from './dateorder.js';
import { classify } from './classify.js';
import { parseHeader, type Header, type Layout } from './header.js';
import { DELETED } from './locales.js';
import { stripMarks } from './marks.js';
import { detectMedia } from './media.js';

export interface WhatsAppAnalysis {
  layout: Layout | null;
  dateOrder: DateOrder;
  /** No date in the file decides between day/month and month/day: day/month was assumed. */
  ambiguous: boolean;
  /** Some dates need day/month and others month/day: the file is not one export. */
  conflicting: boolean;
  /** Number of header lines (messages and system lines) in the chosen layout. */
  headers: number;
  /** Sender names in order of first appearance (as written). */
  senders: string[];
  /** Names appearing in system lines (actors and subjects), in order of first appearance. */
  participants: string[];
  /** A group chat: membership or title system lines were seen. */
  group: boolean;
  /** Title from the last group creation or title change, or from iOS system lines. */
  title?: string;
  /** Media file names the messages mention (only when asked for). */
  mediaFiles: string[];
  /**
   * iOS: names that only ever "say" LRM-marked notices (never a plain message, a media file or
   * a deleted placeholder): the group title, or a phantom sender of notices in an unknown
   * language. Their marked lines are system lines.
   */
  systemNames: string[];
  /** Locales whose wording recognised at least one system line. */
  locales: string[];
  /** System lines no locale recognised (kept as `other` events), with a few samples. */
  unplaced: { lines: number; samples: string[] };
}

/** Caps on what the analysis remembers (names), whatever the input. */
const MAX_NAMES = 20_000;

interface LayoutState {
  stats: DateOrderStats;
  senders: Set<string>;
  participants: Set<string>;
  group: boolean;
  title?: string;
  iosSystemName?: string;
  media: Set<string>;
  /**
   * For each name, the date orders under which at least one of its lines has a possible date:
   * a line with an impossible date is quarantined by the second pass, so a name seen only on
   * such lines must not become an account or a member (bit 1 dmy, 2 mdy, 4 ymd).
   */
  datedUnder: Map<string, number>;
  /** iOS: per name, lines with plain text and lines that are LRM-marked notices. */
  names: Map<string, { plain: number; marked: number; sample?: string }>;
  locales: Set<string>;
  unplaced: number;
  samples: string[];
}

function newState(): LayoutState {
  return {
    stats: newDateOrderStats(),
    senders: new Set(),
    participants: new Set(),
    group: false,
    media: new Set(),
    datedUnder: new Map(),
    names: new Map(),
    locales: new Set(),
    unplaced: 0,
    samples: [],
  };
}

/** An iOS body that is an LRM-marked notice: not media, not a deleted-message placeholder. */
function markedNotice(body: string): boolean {
  if (body.charCodeAt(0) !== 0x200e) return false;
  if (detectMedia(body) !== null) return false;
  const plain = stripMarks(body).trim();
  return !(DELETED.has(plain) || DELETED.has(plain.replace(/[.。]$/u, '')));
}

const ORDER_BIT: Record<DateOrder, number> = { dmy: 1, mdy: 2, ymd: 4 };

/** The header's wall clock is a real date and time under `order` (any time zone). */
function possible(h: Header, order: DateOrder): boolean {
  const w = headerWallClock(h, order);
  if (!w || w.hour > 23 || w.minute > 59 || w.second > 59 || w.month < 1 || w.month > 12 || w.day < 1) return false;
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day));
  return d.getUTCDate() === w.day && d.getUTCMonth() === w.month - 1;
}

function noteDated(st: LayoutState, name: string, h: Header): void {
  const had = st.datedUnder.get(name) ?? 0;
  if (had === 7 || (had === 0 && st.datedUnder.size >= MAX_NAMES)) return;
  let bits = had;
  for (const o of ['dmy', 'mdy', 'ymd'] as const) if (!(bits & ORDER_BIT[o]) && possible(h, o)) bits |= ORDER_BIT[o];
  if (bits !== had) st.datedUnder.set(name, bits);
}

const GROUP_KINDS = new Set(['joined', 'left', 'added', 'removed', 'title_changed']);

/** Incremental analyser: feed decoded lines, then `result()`. */
export class WhatsAppAnalyser {
  private readonly states: Record<Layout, LayoutState> = { android: newState(), ios: newState() };

  /** @param collectMedia also collect the media file names messages mention (for zips). */
  constructor(private readonly collectMedia = false) {}

  line(text: string): void {
    const h = parseHeader(text);
    if (!h) return;
    const st = this.states[h.layout];
    addHeader(st.stats, h);
    const c = classify(text.slice(h.restStart), h.layout, st.senders);
    if (c.kind === 'message') {
      if (st.senders.size < MAX_NAMES) st.senders.add(c.name);
      noteDated(st, c.name, h);
      if (h.layout === 'ios') {
        let n = st.names.get(c.name);
        if (!n && st.names.size < MAX_NAMES) st.names.set(c.name, (n = { plain: 0, marked: 0 }));
        if (n) {
          if (markedNotice(c.body)) {
            n.marked++;
            n.sample ??= stripMarks(c.body).slice(0, 200);
          } else n.plain++;
        }
      }
      if (this.collectMedia && st.media.size < MAX_NAMES) {
        const f = detectMedia(c.body)?.filename;
        if (f !== undefined) st.media.add(f);
      }
      return;
    }
    if (c.name !== undefined && st.iosSystemName === undefined) st.iosSystemName = c.name;
    const m = c.match;
    if (!m) {
      this.unplacedLine(st, c.text);
      return;
    }
    st.locales.add(m.locale);
    if (GROUP_KINDS.has(m.kind) || m.created) st.group = true;
    if (m.title !== undefined) st.title = m.title;
    for (const n of [m.actor, ...m.subjects]) {
      if (n !== undefined && st.participants.size < MAX_NAMES) st.participants.add(n);
      if (n !== undefined) noteDated(st, n, h);
    }
  }

  private unplacedLine(st: LayoutState, text: string): void {
    st.unplaced++;
    if (st.samples.length < 12) st.samples.push(stripMarks(text).slice(0, 200));
  }

  result(): WhatsAppAnalysis {
    const a = this.states.android;
    const i = this.states.ios;
    const layout: Layout | null =
      a.stats.total === 0 && i.stats.total === 0 ? null : i.stats.total > a.stats.total ? 'ios' : 'android';
    const st = layout === 'ios' ? i : a;
    const d = decideDateOrder(st.stats);
    const dated = (n: string) => ((st.datedUnder.get(n) ?? 0) & ORDER_BIT[d.order]) !== 0;
    const systemNames = layout === 'ios' ? [...st.names].filter(([, n]) => n.plain === 0 && n.marked > 0).map(([name]) => name) : [];
    const sys = new Set(systemNames);
    // unplaced: pattern-less system lines, and every line of a system name (no pattern knew it)
    let unplaced = st.unplaced;
    const samples = [...st.samples];
    for (const name of systemNames) {
      const n = st.names.get(name)!;
      unplaced += n.marked;
      if (n.sample !== undefined && samples.length < 12) samples.push(n.sample);
    }
    const out: WhatsAppAnalysis = {
      layout,
      dateOrder: d.order,
      ambiguous: d.ambiguous,
      conflicting: d.conflicting,
      headers: st.stats.total,
      senders: [...st.senders].filter((n) => dated(n) && !sys.has(n)),
      participants: [...st.participants].filter(dated),
      // an iOS name that only ever carries notices is a group's title: 1:1 chats attribute them to the contact
      group: st.group || systemNames.length > 0,
      mediaFiles: [...st.media],
      systemNames,
      locales: [...st.locales],
      unplaced: { lines: unplaced, samples },
    };
    const firstSystem = st.iosSystemName ?? systemNames[0];
    const title = st.title ?? (layout === 'ios' && firstSystem !== undefined && !out.senders.includes(firstSystem) ? firstSystem : undefined);
    if (title !== undefined) out.title = title;
    return out;
  }
}

/** Analyse a whole export held in memory (for tools and tests; the parser streams). */
export function analyseWhatsApp(text: string): WhatsAppAnalysis {
  const an = new WhatsAppAnalyser();
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    let line = text.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    an.line(line);
    if (nl === -1) break;
    start = nl + 1;
  }
  return an.result();
}
