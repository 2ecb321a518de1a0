/** Bech32 (BIP 173) encoding, used to write valid-looking Bitcoin segwit v0 addresses. */

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i] as number;
  }
  return chk;
}

function hrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) >>> 5);
  out.push(0);
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) & 31);
  return out;
}

export function bech32Encode(hrp: string, data5: readonly number[]): string {
  const values = [...hrpExpand(hrp), ...data5, 0, 0, 0, 0, 0, 0];
  const mod = polymod(values) ^ 1;
  let s = hrp + '1';
  for (const d of data5) s += CHARSET[d];
  for (let i = 0; i < 6; i++) s += CHARSET[(mod >>> (5 * (5 - i))) & 31];
  return s;
}

export function bech32Verify(s: string): boolean {
  const lower = s.toLowerCase();
  const pos = lower.lastIndexOf('1');
  if (pos < 1 || pos + 7 > lower.length) return false;
  const data: number[] = [];
  for (let i = pos + 1; i < lower.length; i++) {
    const d = CHARSET.indexOf(lower[i] as string);
    if (d < 0) return false;
    data.push(d);
  }
  return polymod([...hrpExpand(lower.slice(0, pos)), ...data]) === 1;
}

/** Regroup 8-bit bytes into 5-bit groups (with padding). */
export function toWords(bytes: readonly number[]): number[] {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push((acc >>> bits) & 31);
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out.push((acc << (5 - bits)) & 31);
  return out;
}

/** A P2WPKH address (`bc1q…`, 42 characters) for a 20-byte program. */
export function segwitV0Address(program20: readonly number[]): string {
  return bech32Encode('bc', [0, ...toWords(program20)]);
}
