/** Test-only encoders for legacy charsets, built by inverting Node's TextDecoder. */

const tables = new Map<string, Map<string, number[]>>();

function singleByte(label: string): Map<string, number[]> {
  const d = new TextDecoder(label);
  const m = new Map<string, number[]>();
  for (let b = 0; b < 256; b++) {
    const ch = d.decode(Uint8Array.of(b));
    if (ch !== '\uFFFD' && !m.has(ch)) m.set(ch, [b]);
  }
  return m;
}

function eucJp(): Map<string, number[]> {
  const d = new TextDecoder('euc-jp');
  const m = new Map<string, number[]>();
  for (let a = 0xa1; a <= 0xfe; a++)
    for (let b = 0xa1; b <= 0xfe; b++) {
      const ch = d.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && ch !== '\uFFFD' && !m.has(ch)) m.set(ch, [a - 0x80, b - 0x80]);
    }
  return m;
}

export function encode(text: string, label: 'iso-8859-2' | 'windows-1251' | 'koi8-r' | 'iso-2022-jp'): Buffer {
  let t = tables.get(label);
  if (!t) {
    t = label === 'iso-2022-jp' ? eucJp() : singleByte(label);
    tables.set(label, t);
  }
  const out: number[] = [];
  let jis = false;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      if (jis) out.push(0x1b, 0x28, 0x42);
      jis = false;
      out.push(ch.charCodeAt(0));
      continue;
    }
    const bytes = t.get(ch);
    if (!bytes) throw new Error(`${label} cannot encode ${ch}`);
    if (label === 'iso-2022-jp' && !jis) {
      out.push(0x1b, 0x24, 0x42);
      jis = true;
    }
    out.push(...bytes);
  }
  if (jis) out.push(0x1b, 0x28, 0x42);
  return Buffer.from(out);
}

/** RFC 2047 B-encoded word. */
export function encodedWord(text: string, label: 'iso-8859-2' | 'windows-1251' | 'koi8-r' | 'iso-2022-jp' | 'utf-8'): string {
  const bytes = label === 'utf-8' ? Buffer.from(text, 'utf8') : encode(text, label);
  return `=?${label.toUpperCase()}?B?${bytes.toString('base64')}?=`;
}

/** Quoted-printable for bytes (soft line breaks at 76). */
export function qp(bytes: Buffer): string {
  let line = '';
  const lines: string[] = [];
  for (const b of bytes) {
    const piece = b === 10 ? '\n' : (b >= 33 && b <= 126 && b !== 61) || b === 32 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (piece === '\n') {
      lines.push(line);
      line = '';
      continue;
    }
    if (line.length + piece.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += piece;
  }
  lines.push(line);
  return lines.join('\r\n');
}
