/**
 * MIME type from magic bytes (never from the file name alone: names on seized phones lie).
 * Returns null when the bytes match nothing known; callers may fall back to the name.
 */

function ascii(b: Uint8Array, at: number, len: number): string {
  let s = '';
  for (let i = at; i < at + len && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

function startsWith(b: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

/** Bounded substring search in the first `limit` bytes (linear). */
function contains(b: Uint8Array, needle: string, limit = 65536): boolean {
  const n = Buffer.from(needle, 'latin1');
  return Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, limit)).indexOf(n) !== -1;
}

const FTYP_BRANDS: Record<string, string> = {
  heic: 'image/heic',
  heix: 'image/heic',
  hevc: 'image/heic',
  heim: 'image/heic',
  heis: 'image/heic',
  mif1: 'image/heif',
  msf1: 'image/heif',
  avif: 'image/avif',
  'M4A ': 'audio/mp4',
  'M4B ': 'audio/mp4',
  'M4V ': 'video/mp4',
  qt: 'video/quicktime',
  '3gp4': 'video/3gpp',
  '3gp5': 'video/3gpp',
  '3gp6': 'video/3gpp',
  '3g2a': 'video/3gpp2',
};

export function sniffMime(b: Uint8Array): string | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE') return 'audio/wav';
  if (ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4);
    const known = FTYP_BRANDS[brand] ?? FTYP_BRANDS[brand.trim()];
    if (known) return known;
    return 'video/mp4'; // isom, mp41, mp42, avc1, dash, …
  }
  if (ascii(b, 0, 4) === 'OggS') return contains(b, 'OpusHead', 512) ? 'audio/ogg; codecs=opus' : 'audio/ogg';
  if (ascii(b, 0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(b, 0, 6) === '#!AMR\n') return 'audio/amr';
  if (ascii(b, 0, 3) === 'ID3' || (b.length > 1 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0 && (b[1]! & 0x06) !== 0)) return 'audio/mpeg';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    if (ascii(b, 30, 8) === 'mimetype') {
      const m = /^application\/[a-z0-9.+-]{1,80}/.exec(ascii(b, 38, 90));
      if (m) return m[0];
    }
    if (contains(b, 'word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (contains(b, 'xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    if (contains(b, 'ppt/')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
    return 'application/zip';
  }
  if (startsWith(b, [0x1f, 0x8b])) return 'application/gzip';
  if (ascii(b, 0, 11).toUpperCase() === 'BEGIN:VCARD') return 'text/vcard';
  return null;
}
