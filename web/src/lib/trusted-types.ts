/**
 * The page's Trusted Types policy. The server's CSP requires trusted types for every DOM sink
 * that takes code or markup, and allows one policy, "default", created here before anything
 * else runs. Library code that hands a plain string to such a sink goes through it:
 * - script URLs (`new Worker(url)` of the graph layout and the map) pass only when they point
 *   at this origin, i.e. at the app's own built files, never blob:, data: or another host;
 * - HTML strings are refused outright, except the empty string (libraries empty their containers
 *   with `innerHTML = ''`, which cannot carry markup); script strings always: nothing from a
 *   seized phone can become markup or code, even through a library (charts render their
 *   tooltips as canvas text, not HTML).
 */
interface TrustedTypePolicyFactoryLike {
  createPolicy(name: string, rules: { createHTML?: (s: string) => string; createScript?: (s: string) => string; createScriptURL?: (s: string) => string }): unknown;
}

export function sameOriginScriptUrl(url: string, origin: string): string {
  const u = new URL(url, origin);
  if (u.origin !== origin || (u.protocol !== 'http:' && u.protocol !== 'https:')) throw new TypeError(`clew: refused to load a script from ${u.protocol}//${u.host}`);
  return u.href;
}

const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactoryLike }).trustedTypes;
if (factory) {
  factory.createPolicy('default', {
    createScriptURL: (url) => sameOriginScriptUrl(url, location.origin),
    createHTML: (html) => {
      if (html === '') return html;
      throw new TypeError('clew: refused to turn a string into HTML');
    },
    createScript: () => {
      throw new TypeError('clew: refused to turn a string into script');
    },
  });
}
