/** `clew graph …`: network analytics on a case or on an edge-list / adjacency-matrix CSV file. */
import type { Command } from 'commander';
import type {
  CommunitiesResult,
  ContextOptions,
  DisruptResult,
  EgoResult,
  GraphContext,
  GraphSource,
  KeyPlayersResult,
  NodeRef,
  PathResult,
  RankResult,
  SamplingNote,
} from '../api/graph.js';
import type { WindowsResult } from '../api/graph-windows.js';
import type { ScopeInfo, ScopedArrestsResult } from '../api/graph-scope.js';
import { DISRUPT_STRATEGIES, EXPORT_FORMATS, NETWORK_LEVELS, RANK_MEASURES, WINDOW_UNITS, type DisruptStrategy, type ExportFormat, type RankMeasure } from '../api/graph-options.js';
import type { NetworkOptions } from '../api/network.js';
import { ClewError } from '../model/errors.js';
import { num, safe, jsonLine } from './render.js';
import { CASE_HELP } from './case-help.js';

/** The graph API loads when a command runs (it brings the store and the engine): `clew --help` stays fast. */
async function graphApi() {
  const [g, w, sc] = await Promise.all([import('../api/graph.js'), import('../api/graph-windows.js'), import('../api/graph-scope.js')]);
  return { ...g, timeWindows: w.timeWindows, scopedContext: sc.scopedContext, scopedArrests: sc.scopedArrests };
}
type GraphApi = Awaited<ReturnType<typeof graphApi>>;

interface SourceOpts {
  case?: string;
  edges?: string;
  matrix?: string;
  channel?: string;
  after?: string;
  before?: string;
  minWeight?: string;
  level?: string;
  samples?: string;
  seed?: string;
  scope?: string;
}

const invalid = (message: string) => new ClewError('INVALID_ARGUMENT', message);

/** A whole number ≥ min from an option string; INVALID_ARGUMENT (exit 2) otherwise. */
function whole(v: string | undefined, name: string, dflt: number, min = 1): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (v.trim() === '' || !Number.isSafeInteger(n) || n < min) throw invalid(`${name} must be a whole number ≥ ${min}, got "${safe(v.slice(0, 40))}"`);
  return n;
}

function positive(v: string | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw invalid(`${name} must be a positive number, got "${safe(v.slice(0, 40))}"`);
  return n;
}

function oneOf<T extends string>(v: string, name: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v)) throw invalid(`${name} must be one of ${allowed.join(', ')}, got "${safe(v.slice(0, 40))}"`);
  return v as T;
}

/** The network source from --case / --edges / --matrix and the case filters. */
export function sourceOf(o: SourceOpts, { parseChannels, parseTimeBound }: Pick<GraphApi, 'parseChannels' | 'parseTimeBound'>): GraphSource {
  const given = [o.case, o.edges, o.matrix].filter((x) => x !== undefined).length;
  if (given !== 1) throw invalid('give exactly one of --case <case>, --edges <file.csv> or --matrix <file.csv>');
  const filtered = o.channel !== undefined || o.after !== undefined || o.before !== undefined || o.minWeight !== undefined || o.level !== undefined;
  if (o.case === undefined) {
    if (filtered) throw invalid('--channel, --after, --before, --min-weight and --level apply to --case only');
    return o.edges !== undefined ? { edges: o.edges } : { matrix: o.matrix! };
  }
  const filter: NetworkOptions = {};
  if (o.channel !== undefined) filter.channels = parseChannels(o.channel);
  if (o.after !== undefined) filter.after = parseTimeBound(o.after, 'after');
  if (o.before !== undefined) filter.before = parseTimeBound(o.before, 'before');
  if (filter.after !== undefined && filter.before !== undefined && filter.after >= filter.before) throw invalid('--after must be earlier than --before');
  if (o.minWeight !== undefined) filter.minWeight = whole(o.minWeight, '--min-weight', 1, 1);
  if (o.level !== undefined) filter.level = oneOf(o.level, '--level', NETWORK_LEVELS);
  return { case: o.case, filter };
}

function contextOf(o: SourceOpts): ContextOptions {
  return { samples: whole(o.samples, '--samples', 512), seed: whole(o.seed, '--seed', 1, 0) };
}

function withSource(cmd: Command): Command {
  return cmd
    .option('--case <case>', CASE_HELP)
    .option('--edges <file>', 'edge-list CSV: source,target[,weight]')
    .option('--matrix <file>', 'adjacency-matrix CSV with a header row')
    .option('--channel <list>', 'case only: chat,sms,email,call (default all)')
    .option('--after <date>', 'case only: contacts at or after (YYYY-MM-DD or ISO 8601, UTC)')
    .option('--before <date>', 'case only: contacts before (YYYY-MM-DD or ISO 8601, UTC)')
    .option('--min-weight <n>', 'case only: drop sender→recipient pairs with fewer messages')
    .option('--level <level>', 'case only: account (default) or person (accounts merged by identity resolution are one node)')
    .option('--samples <n>', 'at most this many pivots for sampled betweenness on large networks (default 512; fewer above ~2.8M contact pairs, the output says how many)')
    .option('--seed <n>', 'random seed (default 1)')
    .option('--scope <spec>', 'run on a part of the network: community:REF, ego:REF[,REF…][:K], window:FROM..TO, tag:NAME, persons (REF: a reference, handle, phone or name)');
}

// ------------------------------------------------------------------ rendering

export function who(r: NodeRef): string {
  return r.label === r.key ? safe(r.key) : `${safe(r.label)} <${safe(r.key)}>`;
}

const fmt = (x: number) => (Number.isInteger(x) ? num(x) : Math.abs(x) >= 1000 ? num(Math.round(x)) : x.toPrecision(4));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const plural = (n: number, word: string) => `${num(n)} ${word}${n === 1 ? '' : 's'}`;

function samplingLine(s: SamplingNote | null): string[] {
  if (!s || !s.sampled) return [];
  return [
    `note: betweenness estimated from ${num(s.samples)} sampled sources (network above the exact limit); with ${pct(s.confidence)} confidence every value is within ±${s.errorBound.toPrecision(3)} of the exact share of shortest paths (±${fmt(s.errorBoundRaw)} paths)`,
  ];
}

function renderRank(r: RankResult): string {
  const lines = [`${num(r.nodes)} nodes, ${num(r.edges)} sender→recipient pairs; ranked by ${r.by}`];
  if (r.weights) lines.push(`composite = ${Object.entries(r.weights).map(([k, w]) => `${w} × rank(${k})`).join(' + ')}; ranks 0..1 (1 = highest)`);
  lines.push('');
  for (const row of r.rows) {
    lines.push(`${String(row.position).padStart(4)}. ${fmt(row.score).padStart(10)}  ${who(row)}`);
    if (row.measures) {
      const parts = Object.entries(row.measures).map(([k, m]) => `${k} ${fmt(m.value)} (rank ${m.rank.toFixed(2)}, +${m.contribution.toFixed(3)})`);
      lines.push(`${' '.repeat(18)}${parts.join('; ')}`);
    }
    if (row.contacts.length) lines.push(`${' '.repeat(18)}top contacts: ${row.contacts.map((c) => `${who(c)} (${num(c.messages)})`).join(', ')}`);
  }
  if (r.rows.length === 0) lines.push('the network is empty');
  lines.push(...samplingLine(r.betweenness));
  return lines.join('\n');
}

function renderCommunities(r: CommunitiesResult): string {
  const lines = [
    `${r.algorithm} (resolution ${r.resolution}, seed ${r.seed}): ${num(r.count)} communities in ${num(r.nodes)} nodes, modularity ${r.modularity.toFixed(4)}${r.singletons ? `, ${num(r.singletons)} of one node` : ''}`,
    '',
  ];
  for (const c of r.communities) {
    lines.push(`community ${c.id}: ${num(c.size)} nodes (${pct(c.share)})`);
    for (const m of c.members) lines.push(`    ${num(m.messages).padStart(9)}  ${who(m)}`);
  }
  if (r.brokers) {
    lines.push('', 'brokers between communities (Gould–Fernandez two-paths across groups)');
    if (r.brokers.length === 0) lines.push('  none');
    for (const b of r.brokers) {
      const roles = Object.entries(b.roles).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${num(n)}`).join(', ');
      lines.push(`  ${num(b.between).padStart(9)}  ${who(b)} in community ${b.community}: mostly ${b.role ?? '-'} (${roles})`);
    }
  }
  if (r.brokersNote) lines.push(`note: ${r.brokersNote}`);
  return lines.join('\n');
}

function renderKeyPlayers(r: KeyPlayersResult): string {
  const frag = (f: KeyPlayersResult['before']) => `fragmentation ${f.fragmentation.toFixed(4)}, ${plural(f.components, 'component')}, largest ${pct(f.lccShare)} of the nodes`;
  return [
    `KPP-Neg key-player set, k = ${r.k} (seed ${r.seed}; ${num(r.candidates)} top-degree candidates of ${num(r.nodes)} nodes, ${r.swaps} swaps)`,
    ...r.set.map((v) => `  ${who(v)}`),
    `before: ${frag(r.before)}`,
    `after:  ${frag(r.after)}`,
  ].join('\n');
}

function renderDisrupt(r: DisruptResult): string {
  const how = r.strategy === 'list' ? 'the given accounts' : `${r.strategy}${r.strategy === 'cavallaro' ? ' (unweighted betweenness)' : ''}, ${r.recompute ? 'recomputed after each block' : 'scores of the intact network'}`;
  const lines = [`disruption of ${num(r.nodes)} nodes: blocks of ${r.block} by ${how}`, '', ' step  removed  largest component  components  efficiency (rel.)'];
  for (const s of r.steps) {
    const eff = s.efficiency === null ? '-' : `${s.efficiency.toFixed(4)} (${s.efficiencyRelative === null ? '-' : pct(s.efficiencyRelative)})`;
    lines.push(`${String(s.step).padStart(5)}  ${num(s.removedTotal).padStart(7)}  ${pct(s.lccShare).padStart(17)}  ${num(s.components).padStart(10)}  ${eff}`);
    if (s.removed.length) lines.push(`        removed: ${s.removed.map(who).join(', ')}`);
  }
  lines.push(...samplingLine(r.betweenness));
  if (r.efficiencySamples !== null) lines.push(`note: efficiency estimated from ${num(r.efficiencySamples)} sampled sources`);
  return lines.join('\n');
}

function renderPath(r: PathResult): string {
  if (r.length === null) return `no path between ${who(r.from)} and ${who(r.to)}`;
  const lines = [`${r.length} hop${r.length === 1 ? '' : 's'} from ${who(r.from)} to ${who(r.to)}`];
  for (const h of r.hops) lines.push(`  ${who(h.from)} → ${who(h.to)}: ${num(h.messages)} messages (${num(h.sent)} sent, ${num(h.received)} back)`);
  return lines.join('\n');
}

function renderWindows(r: WindowsResult): string {
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const lines = [`${plural(r.windows.length, 'window')} of ${r.size} ${r.unit}${r.size > 1 ? 's' : ''} every ${r.step}; ranked by distinct contacts`];
  for (const w of r.windows) {
    lines.push(`${day(w.start)} … ${day(w.end)}  ${num(w.communications)} contacts, ${num(w.active)} active`);
    if (w.top.length) lines.push(`  top:     ${w.top.map((t) => `${who(t)} (${num(t.contacts)})`).join(', ')}`);
    if (w.rising.length) lines.push(`  rising:  ${w.rising.map((m) => `${who(m)} ${m.previousRank}→${m.rank}`).join(', ')}`);
    if (w.falling.length) lines.push(`  falling: ${w.falling.map((m) => `${who(m)} ${m.previousRank}→${m.rank}`).join(', ')}`);
  }
  return lines.join('\n');
}

function renderEgo(r: EgoResult): string {
  const lines = [`${plural(r.nodes.length, 'node')} within ${plural(r.hops, 'hop')} of ${who(r.center)}, ${plural(r.edges.length, 'contact')} among them${r.truncated ? ' (truncated at --max-nodes: nearest first)' : ''}`];
  for (const n of r.nodes) lines.push(`  ${String(n.hops).padStart(2)}  ${num(n.messages).padStart(9)}  ${who(n)}`);
  return lines.join('\n');
}

export function scopeLine(s: ScopeInfo): string {
  return `scope ${safe(s.spec)}: ${safe(s.description)}; ${plural(s.nodes, 'node')} and ${plural(s.contactPairs, 'contact pair')} of ${num(s.of.nodes)} and ${num(s.of.contactPairs)}`;
}

function renderScopedArrests(r: ScopedArrestsResult): string {
  const f = (x: ScopedArrestsResult['before']) =>
    `${plural(x.nodes, 'node')}, largest component ${num(x.largestComponent)} (${pct(x.largestComponentShare)}), ${plural(x.components, 'component')}, global efficiency ${x.globalEfficiency.toFixed(4)}`;
  const lines = [`arrested in the scope: ${r.removed.map(who).join(', ') || 'nobody'}`];
  if (r.outsideScope.length) lines.push(`outside the scope (not removed from it): ${r.outsideScope.map(who).join(', ')}`);
  lines.push(`before: ${f(r.before)}`, `after:  ${f(r.after)}`);
  for (const c of r.cutOff) {
    lines.push(`${safe(c.name)}: ${num(c.surviving.length)} of ${num(c.members.length)} left; ${num(c.lost.length)} of the ${num(c.reachedBefore)} who could reach them lose every path`);
    if (c.lost.length) lines.push(`  cut off: ${c.lost.slice(0, 20).map(who).join(', ')}${c.lost.length > 20 ? ` and ${num(c.lost.length - 20)} more` : ''}`);
  }
  if (r.brokers.length) {
    lines.push('new brokers (betweenness after the arrests; rank before → after):');
    for (const b of r.brokers) lines.push(`  ${fmt(b.betweennessAfter).padStart(10)}  ${who(b)}  ${b.rankBefore} → ${b.rankAfter}`);
  }
  if (r.efficiencySamples !== null) lines.push(`note: efficiency estimated from ${num(r.efficiencySamples)} sampled sources`);
  return lines.join('\n');
}

/** `--watch suppliers=A,B;port=C`: named sets of references. */
function parseWatch(v: string | undefined): { name: string; refs: string[] }[] {
  if (v === undefined) return [];
  return v.split(';').filter((x) => x.trim() !== '').map((part) => {
    const eq = part.indexOf('=');
    const name = eq > 0 ? part.slice(0, eq).trim() : '';
    const refs = (eq > 0 ? part.slice(eq + 1) : '').split(',').map((x) => x.trim()).filter((x) => x !== '');
    if (!name || refs.length === 0) throw invalid(`--watch takes NAME=REF,REF;NAME=REF…, got "${safe(part.slice(0, 60))}"`);
    return { name, refs };
  });
}

// ------------------------------------------------------------------ commands

export function registerGraph(program: Command, json: () => boolean): void {
  // with --scope, every answer states the scope and its size (JSON: `scope`; text: a first line)
  let scope: ScopeInfo | null = null;
  const out = (value: unknown, human: () => string) =>
    process.stdout.write(
      json()
        ? jsonLine(scope && value && typeof value === 'object' && !('scope' in value) ? { ...value, scope } : value)
        : `${scope ? `${scopeLine(scope)}\n` : ''}${human()}\n`,
    );
  const run = async (o: SourceOpts, fn: (ctx: GraphContext, api: GraphApi) => Promise<void> | void): Promise<void> => {
    const api = await graphApi();
    await api.withGraph(sourceOf(o, api), contextOf(o), async (ctx) => {
      if (o.scope === undefined) return fn(ctx, api);
      const s = await api.scopedContext(ctx, o.scope);
      scope = s.scope;
      return fn(s.ctx, api);
    });
  };

  const graph = program.command('graph').description('network analytics: who matters, communities, key players, disruption, paths, export (docs/graph.md)');

  withSource(graph.command('rank').description('rank people by a centrality measure, or by the explained composite key-player score'))
    .option('--by <measure>', RANK_MEASURES.join('|'), 'composite')
    .option('--top <n>', 'how many', '20')
    .option('--contacts <n>', 'top contacts listed per person', '3')
    .action((o: SourceOpts & { by: string; top: string; contacts: string }) => {
      const by = oneOf<RankMeasure>(o.by, '--by', RANK_MEASURES);
      const top = whole(o.top, '--top', 20);
      const contacts = whole(o.contacts, '--contacts', 3, 0);
      return run(o, async (ctx, { rank }) => {
        const r = await rank(ctx, { by, top, contacts });
        out(r, () => renderRank(r));
      });
    });

  withSource(graph.command('communities').description('communities (Leiden or Louvain), their largest members, and brokers between them'))
    .option('--algorithm <name>', 'leiden|louvain', 'leiden')
    .option('--resolution <r>', 'modularity resolution (higher: smaller communities)', '1')
    .option('--top <n>', 'communities listed, largest first', '10')
    .option('--members <n>', 'members listed per community', '5')
    .option('--brokers <n>', 'also list the top n brokers between communities (Gould–Fernandez roles)', '0')
    .action((o: SourceOpts & { algorithm: string; resolution: string; top: string; members: string; brokers: string }) => {
      const algorithm = oneOf(o.algorithm, '--algorithm', ['leiden', 'louvain'] as const);
      const opts = {
        algorithm,
        resolution: positive(o.resolution, '--resolution', 1),
        top: whole(o.top, '--top', 10),
        members: whole(o.members, '--members', 5, 0),
        brokers: whole(o.brokers, '--brokers', 0, 0),
      };
      return run(o, async (ctx, { communities }) => {
        const r = await communities(ctx, opts);
        out(r, () => renderCommunities(r));
      });
    });

  withSource(graph.command('keyplayers').description('the k people whose arrest fragments the network most (Borgatti KPP-Neg)'))
    .option('--k <n>', 'size of the set', '5')
    .action((o: SourceOpts & { k: string }) => {
      const k = whole(o.k, '--k', 5);
      return run(o, async (ctx, { keyPlayers }) => {
        const r = await keyPlayers(ctx, { k });
        out(r, () => renderKeyPlayers(r));
      });
    });

  withSource(graph.command('disrupt').description('simulate arrests: remove people by a strategy or by name and watch the network fall apart'))
    .option('--strategy <name>', `${DISRUPT_STRATEGIES.join('|')} (cavallaro: blocks of 5 by unweighted betweenness, recomputed)`, 'betweenness')
    .option('--block <n>', 'people removed per step (default 5; with --remove, all at once)')
    .option('--steps <n>', 'number of steps', '5')
    .option('--no-recompute', 'rank once on the intact network instead of after each block')
    .option('--remove <list>', 'remove these accounts (references, handles or names, comma-separated) instead of a strategy')
    .option('--watch <sets>', 'with --scope and --remove: who loses every path to these sets, e.g. suppliers=A,B;port=C')
    .option('--brokers <n>', 'with --scope and --remove: new brokers listed', '10')
    .action(async (o: SourceOpts & { strategy: string; block?: string; steps: string; recompute: boolean; remove?: string; watch?: string; brokers: string }) => {
      if (o.scope !== undefined && o.remove !== undefined) {
        // arrests on a scope: the figures an investigator asks for, on the scope
        const remove = o.remove.split(',').map((x) => x.trim()).filter((x) => x !== '');
        if (remove.length === 0) throw invalid('--remove needs at least one account');
        const req = { scope: o.scope, remove, watch: parseWatch(o.watch), brokers: whole(o.brokers, '--brokers', 10, 0) };
        const api = await graphApi();
        await api.withGraph(sourceOf(o, api), contextOf(o), async (ctx) => {
          const r = await api.scopedArrests(ctx, req);
          out(r, () => `${scopeLine(r.scope)}\n${renderScopedArrests(r)}`);
        });
        return;
      }
      if (o.watch !== undefined) throw invalid('--watch needs --scope and --remove');
      let opts: Parameters<GraphApi['disrupt']>[1];
      if (o.remove !== undefined) {
        const remove = o.remove.split(',').map((s) => s.trim()).filter((s) => s !== '');
        if (remove.length === 0) throw invalid('--remove needs at least one account');
        opts = { remove, ...(o.block !== undefined ? { block: whole(o.block, '--block', 1) } : {}) };
      } else {
        opts = {
          strategy: oneOf<DisruptStrategy>(o.strategy, '--strategy', DISRUPT_STRATEGIES),
          block: whole(o.block, '--block', 5),
          steps: whole(o.steps, '--steps', 5),
          recompute: o.recompute,
        };
      }
      return run(o, async (ctx, { disrupt }) => {
        const r = await disrupt(ctx, opts);
        out(r, () => renderDisrupt(r));
      });
    });

  withSource(graph.command('path').description('shortest chain of contacts between two people, with the messages on each hop'))
    .argument('<from>', 'account reference, handle or name')
    .argument('<to>', 'account reference, handle or name')
    .action((a: string, b: string, o: SourceOpts) =>
      run(o, async (ctx, { path }) => {
        const r = await path(ctx, a, b);
        out(r, () => renderPath(r));
      }),
    );

  withSource(graph.command('ego').description("a person's contacts and their contacts (ego network)"))
    .argument('<who>', 'account reference, handle or name')
    .option('--hops <n>', 'radius', '2')
    .option('--max-nodes <n>', 'cap on the nodes listed (nearest first)', '500')
    .action((a: string, o: SourceOpts & { hops: string; maxNodes: string }) => {
      const opts = { hops: whole(o.hops, '--hops', 2, 0), maxNodes: whole(o.maxNodes, '--max-nodes', 500) };
      return run(o, async (ctx, { ego }) => {
        const r = await ego(ctx, a, opts);
        out(r, () => renderEgo(r));
      });
    });

  withSource(graph.command('windows').description('the network over time: who is most connected per day, week or month, who rises and who falls'))
    .option('--unit <unit>', WINDOW_UNITS.join('|'), 'week')
    .option('--size <n>', 'window length in units', '1')
    .option('--step <n>', 'advance in units (default: the window length; smaller = sliding)')
    .option('--top <n>', 'people listed per window', '5')
    .action((o: SourceOpts & { unit: string; size: string; step?: string; top: string }) => {
      const unit = oneOf(o.unit, '--unit', WINDOW_UNITS);
      const size = whole(o.size, '--size', 1);
      const opts = { unit, size, step: whole(o.step, '--step', size), top: whole(o.top, '--top', 5) };
      return run(o, async (ctx, { timeWindows }) => {
        const r = await timeWindows(ctx, opts);
        out(r, () => renderWindows(r));
      });
    });

  withSource(graph.command('export').description('write the network with its measures for Gephi, yEd, i2 Analyst’s Notebook or Aleph'))
    .requiredOption('--format <name>', EXPORT_FORMATS.join('|'))
    .requiredOption('--out <file>', 'output file (csv: <stem>.nodes.csv and <stem>.edges.csv)')
    .action((o: SourceOpts & { format: string; out: string }) => {
      const format = oneOf<ExportFormat>(o.format, '--format', EXPORT_FORMATS);
      return run(o, async (ctx, { exportNetwork, writeExport }) => {
        // the file states where it came from (GEXF meta description, GraphML graph data): case, filters, scope
        const caseName = o.case !== undefined ? (await import('../api/case.js')).caseName(o.case) : undefined;
        const r = exportNetwork(ctx, format, { caseName, scope });
        const files = writeExport(r, o.out);
        const summary = { format: r.format, nodes: r.nodes, edges: r.edges, betweenness: r.betweenness, files };
        out(summary, () =>
          [`wrote ${num(r.nodes)} nodes and ${num(r.edges)} edges as ${format}: ${files.map((f) => safe(f)).join(', ')}`, ...samplingLine(r.betweenness)].join('\n'),
        );
      });
    });
}
