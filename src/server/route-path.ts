/**
 * The fastify paths a route's pattern stands for. Route tables (routes/<view>.ts) keep their
 * RegExp patterns; the server registers each route with fastify under the paths given here, and
 * the pattern itself still decides what the route gets as `params` (run on the decoded path), so
 * a path is only ever the router's first, coarser cut.
 *
 * The patterns understood are the ones the tables use: `^` … `$` around `\/`-separated segments,
 * each a literal (`stats`), a capture of one segment (`([^/]+)`, or of digits, word characters or
 * a class of letters, digits and `._-` that cannot hold a slash: a `:pN` parameter), a capture of
 * literal alternatives (`(rank|keyplayers)`, one path each), or, last, a capture of the rest
 * (`(.+)`, a `*` wildcard). Anything else is refused when the server starts, naming the pattern.
 */

const LITERAL = /^(?:[A-Za-z0-9_-]|\\\.)+$/;
const ALTERNATIVES = /^\(((?:[A-Za-z0-9_-]+\|)*[A-Za-z0-9_-]+)\)$/;
/** A capture of one segment that can never hold a slash: ([^/]+), (\d+), (\w+), ([A-Za-z0-9._-]+). */
const SEGMENT = /^\((?:\[\^\/\]|\\d|\\w|\[(?:[A-Za-z0-9_.]|\\-|-)+\])\+\)$/;

export function fastifyPaths(pattern: RegExp, prefix = '/api'): string[] {
  const refuse = (why: string) => new Error(`route pattern ${String(pattern)} cannot be served: ${why}`);
  if (!/^[su]*$/.test(pattern.flags)) throw refuse(`flags "${pattern.flags}" are not supported`);
  const m = /^\^(.*)\$$/s.exec(pattern.source);
  if (!m) throw refuse('it must be anchored with ^ and $');
  if (!m[1]!.startsWith('\\/')) throw refuse('it must start with \\/');
  const segments = m[1]!.slice(2).split('\\/');
  let paths = [prefix];
  let captures = 0;
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    let next: string[];
    if (LITERAL.test(seg)) next = [seg.replace(/\\\./g, '.')];
    else if (SEGMENT.test(seg)) next = [`:p${++captures}`];
    else if (seg === '(.+)' && last) {
      captures++;
      next = ['*'];
    } else {
      const alt = ALTERNATIVES.exec(seg);
      if (!alt) throw refuse(`segment "${seg}" is not a literal, ([^/]+), (a|b) or a final (.+)`);
      captures++;
      next = alt[1]!.split('|');
    }
    paths = paths.flatMap((p) => next.map((n) => `${p}/${n}`));
  });
  return paths;
}
