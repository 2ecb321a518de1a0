/**
 * A fast path for plain, well-formed e-mail: single-part text or multipart (mixed /
 * alternative / related) with text/plain bodies and attachments in base64, quoted-printable,
 * 7bit or 8bit, charsets known to TextDecoder, RFC 2047 headers and simple address lists.
 *
 * It returns null for anything else (HTML-only bodies, format=flowed, RFC 2231 parameters,
 * address groups or comments, message/rfc822 parts, raw 8-bit headers, unknown charsets,
 * malformed structure), and the caller then uses mailparser. Differential tests check that
 * both paths give identical records wherever the fast path answers.
 */
import { isAscii } from 'node:buffer';

export interface MailAddress {
  address: string;
  name: string;
}

export interface MailParts {
  from?: MailAddress;
  /** To, Cc, Bcc addresses in that order. */
  recipients: string[];
  subject?: string;
  /** Raw Date header value (unfolded). */
  dateRaw?: string;
  date?: Date;
  messageId?: string;
  inReplyTo?: string;
  references?: string | string[];
  text?: string;
  attachments: Array<{ filename?: string; content: Buffer }>;
}

class Unsupported extends Error {}
const no = (): never => {
  throw new Unsupported();
};

const decoders = new Map<string, InstanceType<typeof TextDecoder> | null>();
function decoder(charset: string): InstanceType<typeof TextDecoder> {
  const label = charset.trim().toLowerCase();
  let d = decoders.get(label);
  if (d === undefined) {
    try {
      d = new TextDecoder(label === 'utf8' ? 'utf-8' : label);
      // WHATWG maps these to windows-1252, which is not what mail means by them
      if (['us-ascii', 'ascii', 'iso-8859-1', 'latin1'].includes(label)) d = null;
    } catch {
      d = null;
    }
    decoders.set(label, d);
  }
  return d ?? no();
}

/** Quoted-printable (RFC 2045), linear: literal white space at the end of a line is dropped. */
function qpDecode(b: Buffer, trimLineEnds = true): Buffer {
  const out = Buffer.allocUnsafe(b.length);
  let o = 0;
  let ws = -1; // output position where a run of literal spaces/tabs began
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if ((c === 0x20 || c === 0x09) && trimLineEnds) {
      if (ws === -1) ws = o;
      out[o++] = c;
      continue;
    }
    if (c === 0x0d || c === 0x0a) {
      if (ws !== -1) o = ws;
      ws = -1;
      out[o++] = c;
      continue;
    }
    ws = -1;
    if (c !== 0x3d) {
      out[o++] = c;
      continue;
    }
    const h1 = b[i + 1];
    const h2 = b[i + 2];
    if (h1 === 0x0d && h2 === 0x0a) i += 2;
    else if (h1 === 0x0a) i += 1;
    else {
      const v = h1 !== undefined && h2 !== undefined ? parseInt(String.fromCharCode(h1, h2), 16) : NaN;
      if (Number.isNaN(v)) no();
      out[o++] = v;
      i += 2;
    }
  }
  if (ws !== -1) o = ws;
  return out.subarray(0, o);
}

const WORD_RE = /=\?([^?\s]{1,40})\?([bBqQ])\?([^?\s]*)\?=/g;

export function decodeWords(s: string): string {
  if (!s.includes('=?')) return s;
  // whitespace between adjacent encoded words is dropped
  const joined = s.replace(/(\?=)\s+(?==\?)/g, '$1');
  return joined.replace(WORD_RE, (_m, cs: string, enc: string, text: string) => {
    const charset = cs.split('*')[0]!;
    const bytes =
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : qpDecode(Buffer.from(text.replace(/_/g, ' '), 'latin1'), false);
    return charset.toLowerCase() === 'utf-8' ? bytes.toString('utf8') : decoder(charset).decode(bytes);
  });
}

interface Headers {
  map: Map<string, string>;
}

function splitHead(b: Buffer): { head: string; body: Buffer } {
  let i = b.indexOf('\n\n');
  let j = b.indexOf('\r\n\r\n');
  if (i === -1 && j === -1) return { head: b.toString('latin1'), body: Buffer.alloc(0) };
  if (i === -1) i = Infinity;
  if (j === -1) j = Infinity;
  const end = i < j ? i + 2 : j + 4;
  const headBytes = b.subarray(0, i < j ? i : j);
  if (!isAscii(headBytes)) no();
  return { head: headBytes.toString('latin1'), body: b.subarray(end) };
}

function parseHeaders(head: string): Headers {
  const map = new Map<string, string>();
  const unfolded = head.replace(/\r?\n(?=[ \t])/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    if (line === '') continue;
    const c = line.indexOf(':');
    if (c <= 0) no();
    const key = line.slice(0, c).trim().toLowerCase();
    if (!map.has(key)) map.set(key, line.slice(c + 1).trim());
  }
  return { map };
}

interface ContentType {
  type: string;
  params: Map<string, string>;
}

function parseParams(v: string): ContentType {
  const parts: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < v.length; i++) {
    const ch = v[i]!;
    if (ch === '"' && v[i - 1] !== '\\') q = !q;
    if (ch === ';' && !q) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  const type = parts[0]!.trim().toLowerCase();
  const params = new Map<string, string>();
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=');
    if (eq === -1) continue;
    const k = p.slice(0, eq).trim().toLowerCase();
    if (k.includes('*')) no(); // RFC 2231
    let val = p.slice(eq + 1).trim();
    if (val.startsWith('"')) {
      if (!val.endsWith('"') || val.length < 2) no();
      val = val.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    params.set(k, val);
  }
  return { type, params };
}

function addresses(v: string | undefined): MailAddress[] {
  if (v === undefined || v.trim() === '') return [];
  if (/[():;\\]/.test(v.replace(/"[^"]*"/g, '""'))) no(); // groups, comments, escapes
  const out: MailAddress[] = [];
  let cur = '';
  let q = false;
  let angle = false;
  const flush = (): void => {
    const t = cur.trim();
    cur = '';
    if (t === '') return;
    const lt = t.indexOf('<');
    if (lt === -1) {
      if (/\s|"/.test(t) || !t.includes('@')) no();
      out.push({ address: t, name: '' });
      return;
    }
    const gt = t.indexOf('>', lt);
    if (gt !== t.length - 1) no();
    const address = t.slice(lt + 1, gt).trim();
    if (address === '' || /\s|"/.test(address)) no();
    let name = t.slice(0, lt).trim();
    if (name.startsWith('"')) {
      if (!name.endsWith('"') || name.length < 2) no();
      name = name.slice(1, -1);
    } else if (name.includes('"')) no();
    name = decodeWords(name);
    if (name !== name.trim() || /\s{2}/.test(name)) no(); // mailparser's white-space handling in names varies: defer
    // mailparser drops control characters and collapses nothing else: defer to it then
    if (/[\u0000-\u001f\u007f]/.test(name)) no();
    out.push({ address, name });
  };
  for (const ch of v) {
    if (ch === '"') q = !q;
    else if (!q && ch === '<') angle = true;
    else if (!q && ch === '>') angle = false;
    if (ch === ',' && !q && !angle) flush();
    else cur += ch;
  }
  if (q || angle) no();
  flush();
  return out;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DATE_RE = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|UT|GMT|Z)(?:\s*\([^)]*\))?$/;

export function parseDate(v: string): Date {
  const m = DATE_RE.exec(v.trim());
  if (!m) return no();
  const mon = MONTHS.indexOf(m[2]!.toLowerCase());
  if (mon === -1) no();
  const z = m[7]!;
  const off = z[0] === '+' || z[0] === '-' ? (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) : 0;
  const day = Number(m[1]);
  const t = Date.UTC(Number(m[3]), mon, day, Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) - off * 60000;
  if (new Date(Date.UTC(Number(m[3]), mon, day)).getUTCDate() !== day || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) no();
  return new Date(t);
}

function decodeBody(body: Buffer, cte: string): Buffer {
  switch (cte) {
    case '':
    case '7bit':
    case '8bit':
    case 'binary':
      return body;
    case 'base64':
      return Buffer.from(body.toString('latin1'), 'base64');
    case 'quoted-printable':
      return qpDecode(body);
    default:
      return no();
  }
}

interface Collected {
  texts: string[];
  attachments: Array<{ filename?: string; content: Buffer }>;
  html: boolean;
}

function walk(h: Headers, body: Buffer, acc: Collected, depth: number): void {
  if (depth > 8) no();
  const ct = parseParams(h.map.get('content-type') ?? 'text/plain');
  const cte = (h.map.get('content-transfer-encoding') ?? '').trim().toLowerCase();
  const disp = h.map.has('content-disposition') ? parseParams(h.map.get('content-disposition')!) : undefined;
  if (ct.type.startsWith('multipart/')) {
    const boundary = ct.params.get('boundary');
    if (!boundary || !['multipart/mixed', 'multipart/alternative', 'multipart/related'].includes(ct.type)) no();
    for (const part of splitMultipart(body, boundary!)) {
      const { head, body: pb } = splitHead(part);
      walk(parseHeaders(head), pb, acc, depth + 1);
    }
    return;
  }
  if (ct.type === 'message/rfc822' || ct.type.startsWith('message/')) no();
  const isAttachment = disp?.type === 'attachment' || (ct.type !== 'text/plain' && ct.type !== 'text/html');
  if (!isAttachment) {
    if (ct.type === 'text/html') {
      acc.html = true;
      return;
    }
    if ((ct.params.get('format') ?? '').toLowerCase() === 'flowed') no();
    const bytes = decodeBody(body, cte);
    const charset = ct.params.get('charset') ?? 'us-ascii';
    let text: string;
    if (charset.toLowerCase() === 'utf-8' || charset.toLowerCase() === 'utf8') text = bytes.toString('utf8');
    else if (['us-ascii', 'ascii'].includes(charset.toLowerCase())) {
      if (!isAscii(bytes)) no();
      text = bytes.toString('latin1');
    } else text = decoder(charset).decode(bytes);
    if (text.includes('\uFFFD') || text.trim() === '') no(); // mailparser's empty-text cases vary: defer
    acc.texts.push(text.replace(/\r\n/g, '\n'));
    return;
  }
  if (cte !== 'base64' && cte !== 'quoted-printable' && cte !== '7bit' && cte !== '8bit' && cte !== '' && cte !== 'binary') no();
  const rawName = disp?.params.get('filename') ?? ct.params.get('name');
  const decoded = decodeBody(body, cte);
  // 7bit/8bit bodies are views into the whole message: copy, so a kept attachment does not pin it
  const content = decoded.buffer === body.buffer ? Buffer.from(decoded) : decoded;
  acc.attachments.push({ filename: rawName === undefined ? undefined : decodeWords(rawName), content });
}

function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const delim = Buffer.from(`--${boundary}`, 'latin1');
  const parts: Buffer[] = [];
  let pos = body.indexOf(delim);
  if (pos === -1 || (pos > 0 && body[pos - 1] !== 10)) no();
  for (;;) {
    const after = pos + delim.length;
    if (body[after] === 0x2d && body[after + 1] === 0x2d) return parts; // closing delimiter
    let start = body.indexOf(10, after);
    if (start === -1) no();
    start += 1;
    let next = body.indexOf(delim, start);
    while (next !== -1 && body[next - 1] !== 10) next = body.indexOf(delim, next + 1);
    if (next === -1) return no(); // no closing delimiter: let mailparser judge
    let end = next - 1; // the newline before the delimiter belongs to it
    if (body[end - 1] === 13) end -= 1;
    parts.push(body.subarray(start, Math.max(start, end)));
    pos = next;
  }
}

export function parseMailLite(bytes: Buffer): MailParts | null {
  try {
    const { head, body } = splitHead(bytes);
    const h = parseHeaders(head);
    const acc: Collected = { texts: [], attachments: [], html: false };
    walk(h, body, acc, 0);
    if (acc.texts.length > 1 || (acc.texts.length === 0 && acc.html)) no();
    const from = addresses(h.map.get('from'));
    if (from.length > 1) no();
    const parts: MailParts = {
      recipients: [...addresses(h.map.get('to')), ...addresses(h.map.get('cc')), ...addresses(h.map.get('bcc'))].map((a) => a.address),
      attachments: acc.attachments,
    };
    if (from[0]) parts.from = from[0];
    if (acc.texts[0] !== undefined) parts.text = acc.texts[0];
    const subject = h.map.get('subject');
    if (subject !== undefined) {
      parts.subject = decodeWords(subject);
      if (parts.subject.trim() === '') no(); // mailparser's handling of empty subjects varies: defer
    }
    const date = h.map.get('date');
    if (date !== undefined) {
      parts.dateRaw = date;
      parts.date = parseDate(date);
    }
    for (const [k, f] of [
      ['message-id', 'messageId'],
      ['in-reply-to', 'inReplyTo'],
      ['references', 'references'],
    ] as const) {
      const v = h.map.get(k);
      if (v !== undefined) parts[f] = v;
    }
    return parts;
  } catch (e) {
    if (e instanceof Unsupported || e instanceof RangeError || e instanceof TypeError) return null;
    throw e;
  }
}
