/**
 * The manifest of an evidence report (issue 20 part 2): everything the report was made from, so
 * that `clew report --manifest M` rebuilds the same HTML byte for byte from the same case. The
 * report's HTML is a pure function of (manifest, case contents): nothing else goes in (no build
 * time, no path of the output, no locale).
 *
 * The file is the manifest's body plus two fields outside it: `manifestSha256`, the SHA-256 of
 * the body's canonical JSON (keys sorted, no spaces), which the report prints and a rebuild
 * checks (a manifest edited by hand is refused), and `reportSha256`, the SHA-256 of the HTML
 * written beside it, which a rebuild compares its output with.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ClewError } from '../model/errors.js';

export const MANIFEST_FORMAT = 'clew-report-manifest';
/** The report's format version: a change of the HTML or of the manifest's meaning moves it. */
export const REPORT_FORMAT_VERSION = 3;
/** Items a report cites. */
export const MAX_REPORT_ITEMS = 5_000;
/** An analyst's commentary on an item, and a query line, in characters. */
export const MAX_COMMENTARY_CHARS = 10_000;
export const MAX_QUERIES = 100;
/** The analyst's introduction to a report, in characters. */
export const MAX_INTRODUCTION_CHARS = 50_000;
/** The largest manifest read back. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
/** Thread context around a cited message, each side. */
export const MAX_CONTEXT = 50;
/** Network figures per report, and rows per figure. */
export const MAX_FIGURES = 20;
export const MAX_FIGURE_ROWS = 200;

const text = (max: number) => z.string().max(max);
const ms = z.number().int().safe();

const sourceSchema = z.strictObject({
  id: z.number().int().positive(),
  name: text(4096),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  format: text(100),
  status: z.enum(['partial', 'complete']),
  /** Ingest start and end (UTC ms). */
  ingestStarted: ms,
  ingestFinished: ms.nullable(),
  /** The IANA zone local times without an offset were read in (null: UTC, none given). */
  timeZone: text(100).nullable(),
  records: z.number().int().nonnegative(),
});

/** A network figure: a key-players table (clew graph rank) with every parameter that shapes it. */
const figureSchema = z.strictObject({
  kind: z.literal('rank'),
  /** The measure (pagerank, degree, betweenness, eigenvector, harmonic, composite). */
  measure: text(40),
  top: z.number().int().min(1).max(MAX_FIGURE_ROWS),
  /** The scope SPEC (src/graph/scope/parse.ts), null for the whole contact network. */
  scope: text(1000).nullable(),
  /** Seed (communities of a scope, sampled betweenness) and betweenness pivots above the exact limit. */
  seed: z.number().int().safe(),
  samples: z.number().int().min(1).max(1_000_000),
});

const bodySchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(REPORT_FORMAT_VERSION),
  /** The case: its backend and name (file name, or case name in its database); the locator as printable (never a password). */
  case: z.strictObject({ kind: z.enum(['sqlite', 'postgres']), name: text(1000), locator: text(4096) }),
  clew: z.strictObject({ version: text(100), commit: text(100) }),
  /** The analyst's introduction (the workspace's Report view), or none. */
  introduction: text(MAX_INTRODUCTION_CHARS).nullable(),
  /** How the items were chosen: a tag, or an items file (its name); neither: chosen in the workspace. */
  selection: z.strictObject({ tag: text(200).nullable(), itemsFile: text(4096).nullable() }),
  /** The queries, filters and scopes that found the items, as the analyst recorded them (items file `query:` lines). */
  queries: z.array(text(MAX_COMMENTARY_CHARS)).max(MAX_QUERIES),
  /** Messages shown before and after each cited message (calls and messages between its parties around a cited call). */
  context: z.strictObject({ before: z.number().int().min(0).max(MAX_CONTEXT), after: z.number().int().min(0).max(MAX_CONTEXT) }),
  /** The cited items (messages and calls) in the analyst's order, with commentary. */
  items: z
    .array(z.strictObject({ type: z.enum(['message', 'call']), id: z.number().int().positive().safe(), commentary: text(MAX_COMMENTARY_CHARS).nullable() }))
    .min(1)
    .max(MAX_REPORT_ITEMS),
  /** The network figures requested (`--figure`), in order. */
  figures: z.array(figureSchema).max(MAX_FIGURES),
  /** The case's source inventory when the report was made. */
  sources: z.array(sourceSchema),
  /** The annotations in force on the cited items when the report was made, with authors. */
  annotations: z.array(
    z.strictObject({ item: text(100), kind: z.enum(['tag', 'note', 'star']), value: text(MAX_COMMENTARY_CHARS * 2), by: text(200), at: ms }),
  ),
});

export type ManifestBody = z.infer<typeof bodySchema>;
export type ManifestSource = ManifestBody['sources'][number];
export type ManifestAnnotation = ManifestBody['annotations'][number];
export type ManifestItem = ManifestBody['items'][number];
export type ManifestFigure = ManifestBody['figures'][number];

export interface Manifest extends ManifestBody {
  manifestSha256: string;
  /** The SHA-256 of the report written with it (null while it is being made). */
  reportSha256: string | null;
}

const fileSchema = bodySchema.extend({ manifestSha256: z.string().regex(/^[0-9a-f]{64}$/), reportSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable() });

/** JSON with keys sorted at every level and no spaces: what the manifest's hash is over. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** The body with its hash (checked against the schema: a body that could not be read back is a bug). */
export function sealManifest(body: ManifestBody): Manifest {
  const b = bodySchema.parse(body);
  return { ...b, manifestSha256: sha256(canonicalJson(b)), reportSha256: null };
}

/** The manifest file's text: the body in schema order, then the two hashes; ends with a newline. */
export function serialiseManifest(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

const bad = (message: string, details: Record<string, string | number> = {}) => new ClewError('INVALID_ARGUMENT', message, details);

/**
 * A manifest file read back: INVALID_ARGUMENT when it is not JSON, not a clew report manifest of
 * this version, or its body no longer has the hash written with it (edited by hand).
 */
export function parseManifest(textIn: string, name = 'the manifest'): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(textIn.replace(/^\ufeff/, ''));
  } catch {
    throw bad(`${name} is not JSON`);
  }
  if (raw === null || typeof raw !== 'object' || (raw as { format?: unknown }).format !== MANIFEST_FORMAT) throw bad(`${name} is not a clew report manifest`);
  const version = (raw as { version?: unknown }).version;
  if (version !== REPORT_FORMAT_VERSION)
    throw bad(`${name} has report format version ${JSON.stringify(version)}; this clew reads version ${REPORT_FORMAT_VERSION}`, { version: String(version).slice(0, 20) });
  const r = fileSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw bad(`${name} does not match the manifest schema at ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const { manifestSha256, reportSha256, ...body } = r.data;
  const actual = sha256(canonicalJson(body));
  if (actual !== manifestSha256)
    throw bad(`${name} was changed after it was written: its SHA-256 is ${actual}, it says ${manifestSha256}`, { expected: manifestSha256, actual });
  return { ...body, manifestSha256, reportSha256 };
}
