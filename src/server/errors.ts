/**
 * HTTP errors: every failure leaves the server as `{ error: { code, message } }` with a status
 * chosen here, in one place, from the error's stable code. Codes are ClewError codes plus a few
 * that only the HTTP layer can produce (access, rate, method, size).
 */
import { ClewError, ERROR_CODES, isClewError, type ErrorCode, type RefChoice } from '../model/errors.js';

export const HTTP_ONLY_CODES = {
  UNAUTHORIZED: 'the access token is missing or wrong: open the URL printed by `clew serve`',
  FORBIDDEN: 'the request was refused',
  RATE_LIMITED: 'too many requests: slow down',
  METHOD_NOT_ALLOWED: 'the method is not allowed here',
  URI_TOO_LONG: 'the URL is longer than the limit',
  HEADERS_TOO_LARGE: 'the request line and headers are larger than the limit',
} as const;

export type HttpErrorCode = ErrorCode | keyof typeof HTTP_ONLY_CODES;

/** The HTTP status of an error code. The only place that maps codes to statuses. */
export function statusFor(code: HttpErrorCode): number {
  switch (code) {
    case 'INVALID_ARGUMENT':
    case 'QUERY_SYNTAX':
    case 'CSV_MAPPING':
    case 'SCHEMA':
    case 'JSON_SYNTAX':
    case 'JSON_TOO_DEEP':
    case 'INVALID_UTF8':
    case 'TIMESTAMP_INVALID':
    case 'TIMESTAMP_AMBIGUOUS':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
    case 'NOT_OWNER':
      return 403;
    case 'NOT_FOUND':
    case 'SOURCE_NOT_FOUND':
    case 'USER_NOT_FOUND':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'CASE_BUSY':
    case 'AMBIGUOUS_REF':
    // a SQLite case asked for what only a database of cases has (legal filters)
    case 'CASE_BACKEND_UNAVAILABLE':
      return 409;
    case 'TOO_LARGE':
    case 'LINE_TOO_LONG':
      return 413;
    case 'URI_TOO_LONG':
      return 414;
    case 'EMPTY_FILE':
    case 'BINARY_FILE':
    case 'FORMAT_UNKNOWN':
    case 'ARCHIVE_UNSAFE':
    case 'TRUNCATED_LINE':
    case 'CSV_COLUMNS':
      return 422;
    case 'RATE_LIMITED':
      return 429;
    case 'HEADERS_TOO_LARGE':
      return 431;
    case 'INTERRUPTED':
    case 'PROGRAM_MISSING':
    case 'AUDIT_WRITE_FAILED':
      return 503;
    case 'DISK_FULL':
      return 507;
    default:
      return 500;
  }
}

/** An error raised by the HTTP layer itself (access, limits); carries an HTTP-only or Clew code. */
export class HttpError extends Error {
  readonly code: HttpErrorCode;
  constructor(code: HttpErrorCode, message?: string) {
    super(message ?? (code in HTTP_ONLY_CODES ? HTTP_ONLY_CODES[code as keyof typeof HTTP_ONLY_CODES] : ERROR_CODES[code as ErrorCode]));
    this.name = 'HttpError';
    this.code = code;
  }
}

export interface ErrorBody {
  error: { code: HttpErrorCode; message: string; details?: Record<string, unknown>; choices?: readonly RefChoice[] };
}

/**
 * The status and JSON body for any thrown value. Internal errors never leak their message or
 * stack to the client (they may carry paths or SQL); the caller logs them.
 */
export function errorResponse(e: unknown): { status: number; body: ErrorBody; internal: boolean } {
  e = fromFramework(e);
  if (e instanceof HttpError) return { status: statusFor(e.code), body: { error: { code: e.code, message: e.message } }, internal: false };
  if (isClewError(e)) {
    const status = statusFor(e.code);
    // a full disk is not a bug: the client is told what happened (the message names the case
    // file, not its folder; details with paths stay on the server)
    if (e.code === 'DISK_FULL' || e.code === 'PROGRAM_MISSING') return { status, body: { error: { code: e.code, message: e.message } }, internal: false };
    if (status >= 500) return { status, body: { error: { code: e.code, message: ERROR_CODES[e.code] } }, internal: true };
    return { status, body: { error: { code: e.code, message: e.message, details: { ...e.details }, ...(e.choices ? { choices: e.choices } : {}) } }, internal: false };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: ERROR_CODES.INTERNAL } }, internal: true };
}

/**
 * An error fastify or one of its plugins raised (codes FST_…) as ours: the refusals a client
 * caused get our code and a plain message; anything else stays as it is (internal).
 */
export function fromFramework(e: unknown, bodyLimit?: number): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('FST_')) return e;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ClewError('TOO_LARGE', bodyLimit === undefined ? 'the request body is larger than the limit' : `the request body is larger than ${bodyLimit} bytes`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new ClewError('INVALID_ARGUMENT', 'the request body must be application/json');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ClewError('INVALID_ARGUMENT', 'the request body is not as long as its Content-Length says');
    case 'FST_ERR_BAD_URL':
      return new ClewError('INVALID_ARGUMENT', 'the URL is not valid (a broken %-escape)');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new HttpError('URI_TOO_LONG', 'a part of the URL is longer than the limit');
  }
  const status = (e as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return new ClewError('INVALID_ARGUMENT', 'the request is not valid');
  return e;
}
