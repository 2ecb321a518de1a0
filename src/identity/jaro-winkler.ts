/**
 * Jaro–Winkler similarity of two strings (UTF-16 code units), in [0, 1]; 1 for equal strings.
 * Winkler's prefix bonus: up to 4 common leading characters, scaling factor 0.1.
 * Linear memory, O(|a|·window) time; callers compare short, folded name tokens.
 */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const matchedB = new Uint8Array(lb);
  const matchA: number[] = [];
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (matchedB[j] === 0 && a.charCodeAt(i) === b.charCodeAt(j)) {
        matchedB[j] = 1;
        matchA.push(i);
        break;
      }
    }
  }
  const m = matchA.length;
  if (m === 0) return 0;
  let t = 0;
  let k = 0;
  for (let j = 0; j < lb; j++) {
    if (matchedB[j] === 0) continue;
    if (a.charCodeAt(matchA[k] as number) !== b.charCodeAt(j)) t++;
    k++;
  }
  return (m / la + m / lb + (m - t / 2) / m) / 3;
}

export function jaroWinkler(a: string, b: string, prefixScale = 0.1): number {
  const j = jaro(a, b);
  let l = 0;
  const max = Math.min(4, a.length, b.length);
  while (l < max && a.charCodeAt(l) === b.charCodeAt(l)) l++;
  return Math.min(1, j + l * prefixScale * (1 - j));
}
