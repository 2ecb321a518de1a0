/**
 * Typed errors with stable codes. Code never matches on message text: switch on `code`.
 * Human wording is produced at the entry points (CLI, HTTP) from the code and details.
 */

export const ERROR_CODES = {
  // input files
  EMPTY_FILE: 'the file is empty',
  BINARY_FILE: 'the file is binary, not text',
  INVALID_UTF8: 'the line is not valid UTF-8',
  TRUNCATED_LINE: 'the last line is cut off (no newline and not valid JSON)',
  LINE_TOO_LONG: 'the line is longer than the limit',
  JSON_SYNTAX: 'the line is not valid JSON',
  JSON_TOO_DEEP: 'the JSON is nested too deeply',
  XML_SYNTAX: 'the XML is malformed or cut off',
  XML_DTD: 'the XML declares a DTD, which is never processed',
  SCHEMA: 'the record does not match the schema',
  TIMESTAMP_INVALID: 'the timestamp is impossible or unreadable',
  TIMESTAMP_AMBIGUOUS: 'the timestamp has no time zone and none was given',
  CSV_COLUMNS: 'the CSV row has the wrong number of columns',
  CSV_MAPPING: 'the CSV column mapping is invalid',
  FORMAT_UNKNOWN: 'the file format was not recognised',
  ARCHIVE_UNSAFE: 'the archive entry is unsafe',
  TOO_LARGE: 'the input is larger than the limit',
  ANALYSIS_FAILED: 'the message could not be analysed (its language and entities)',
  // case files
  CASE_IS_DIRECTORY: 'the case path is a directory',
  CASE_READ_ONLY: 'the case file cannot be written',
  CASE_NOT_FOUND: 'the case file does not exist',
  CASE_INVALID: 'the file is not a clew case',
  CASE_VERSION: 'the case was written by a newer clew',
  CASE_MIGRATION_NEEDED: 'the case was written by an older clew and must be migrated',
  CASE_NOT_EMPTY: 'the case already holds data',
  CASE_LOCATOR: 'the case locator is neither a case file path nor a postgres:// URI with a valid case name',
  CASE_BACKEND_UNAVAILABLE: 'the storage backend the case locator names is not available in this clew',
  SOURCE_NOT_FOUND: 'the source file does not exist',
  CASE_BUSY: 'another process is writing to the case',
  DISK_FULL: 'the disk holding the case is full',
  // database servers (PostgreSQL)
  DB_UNREACHABLE: 'the database server cannot be reached',
  DB_AUTH: 'the database server refused the user or password',
  DB_NOT_FOUND: 'the database does not exist on the server',
  DB_UNAVAILABLE: 'the database server cannot be started or used',
  // the team directory (users of a PostgreSQL database)
  USER_EXISTS: 'a user of that name exists already',
  USER_NOT_FOUND: 'no such user',
  NOT_OWNER: 'only an owner of the case may do that',
  // queries and arguments
  QUERY_SYNTAX: 'the search query is malformed',
  NOT_FOUND: 'no such record',
  AMBIGUOUS_REF: 'the name or reference names more than one account or person',
  INVALID_ARGUMENT: 'an argument is invalid',
  RATE_LIMITED: 'too many requests: slow down',
  // the audit log (docs/audit.md)
  AUDIT_WRITE_FAILED: 'the audit entry could not be written, so the request was refused',
  AUDIT_INVALID: 'the audit log does not verify: an entry or signed tree head was changed, removed, reordered or never signed',
  AUDIT_PROOF_INVALID: 'the audit proof does not verify',
  AUDIT_KEY: 'the audit signing key cannot be used',
  INTERRUPTED: 'the operation was cancelled',
  PROGRAM_MISSING: 'a program clew needs for this is not installed',
  INTERNAL: 'internal error',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export type ErrorDetails = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** One of the accounts or persons an ambiguous reference names (AMBIGUOUS_REF): what to choose from. */
export interface RefChoice {
  /** What to pass instead: an account reference or `person:<id>`. */
  ref: string;
  kind: 'account' | 'person';
  label: string;
  /** The handles (account references) behind the choice. */
  handles: string[];
  /** How the term matched, e.g. `display name "Kum"`, `saved as "Kum" by 2 phones`. */
  how: string[];
  /** How many phones saved the name for it (absent: none). */
  savedBy?: number;
  /** Its messages and calls, sent and received, when the resolver knew them. */
  activity?: number;
}

export class ClewError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  /** AMBIGUOUS_REF: the candidates, for the CLI to list and the UI to offer. */
  readonly choices?: readonly RefChoice[];

  constructor(code: ErrorCode, message?: string, details: ErrorDetails = {}, options?: { cause?: unknown; choices?: readonly RefChoice[] }) {
    super(message ?? ERROR_CODES[code], options);
    this.name = 'ClewError';
    this.code = code;
    this.details = details;
    if (options?.choices) this.choices = options.choices;
  }
}

export function isClewError(e: unknown): e is ClewError {
  return e instanceof ClewError;
}

/** Exit codes of the CLI, by error class. Documented in docs/cli.md. */
export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'INVALID_ARGUMENT':
    case 'QUERY_SYNTAX':
    case 'CSV_MAPPING':
    case 'CASE_LOCATOR':
    case 'AMBIGUOUS_REF':
    case 'USER_EXISTS':
      return 2;
    case 'CASE_IS_DIRECTORY':
    case 'CASE_READ_ONLY':
    case 'CASE_NOT_FOUND':
    case 'CASE_INVALID':
    case 'CASE_VERSION':
    case 'CASE_MIGRATION_NEEDED':
    case 'CASE_NOT_EMPTY':
    case 'CASE_BACKEND_UNAVAILABLE':
    case 'DB_NOT_FOUND':
    case 'NOT_OWNER':
      return 3;
    case 'SOURCE_NOT_FOUND':
    case 'EMPTY_FILE':
    case 'BINARY_FILE':
    case 'FORMAT_UNKNOWN':
    case 'ARCHIVE_UNSAFE':
    case 'TOO_LARGE':
      return 4;
    case 'NOT_FOUND':
    case 'USER_NOT_FOUND':
      return 5;
    case 'DISK_FULL':
      return 6;
    case 'CASE_BUSY':
      return 7;
    case 'DB_UNREACHABLE':
    case 'DB_AUTH':
    case 'DB_UNAVAILABLE':
      return 8;
    case 'PROGRAM_MISSING':
      return 9;
    case 'AUDIT_INVALID':
    case 'AUDIT_PROOF_INVALID':
      return 10;
    case 'INTERRUPTED':
      return 130;
    default:
      return 1;
  }
}
