import { describe, expect, it } from 'vitest';
import { ClewError, ERROR_CODES, type ErrorCode } from '../model/errors.js';
import { errorResponse, HttpError, statusFor } from './errors.js';

describe('HTTP errors', () => {
  it('maps every ClewError code to a 4xx or 5xx status', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const s = statusFor(code);
      expect(s >= 400 && s < 600, code).toBe(true);
    }
    expect([statusFor('QUERY_SYNTAX'), statusFor('NOT_FOUND'), statusFor('TOO_LARGE'), statusFor('INTERNAL'), statusFor('CASE_INVALID')]).toEqual([400, 404, 413, 500, 500]);
    expect([statusFor('UNAUTHORIZED'), statusFor('FORBIDDEN'), statusFor('RATE_LIMITED'), statusFor('URI_TOO_LONG')]).toEqual([401, 403, 429, 414]);
    expect([statusFor('EMPTY_FILE'), statusFor('BINARY_FILE'), statusFor('ARCHIVE_UNSAFE'), statusFor('CASE_BUSY'), statusFor('DISK_FULL'), statusFor('HEADERS_TOO_LARGE')]).toEqual([422, 422, 422, 409, 507, 431]);
  });

  it('passes client errors through with their message and details', () => {
    const r = errorResponse(new ClewError('QUERY_SYNTAX', 'unterminated quote (at character 1)', { at: 1 }));
    expect(r).toEqual({ status: 400, internal: false, body: { error: { code: 'QUERY_SYNTAX', message: 'unterminated quote (at character 1)', details: { at: 1 } } } });
    expect(errorResponse(new HttpError('RATE_LIMITED')).body.error.code).toBe('RATE_LIMITED');
  });

  it('tells the client the disk is full (507), without the paths in the details', () => {
    const r = errorResponse(new ClewError('DISK_FULL', 'the disk holding case.clew is full', { case: '/home/analyst/case.clew' }));
    expect(r).toEqual({ status: 507, internal: false, body: { error: { code: 'DISK_FULL', message: 'the disk holding case.clew is full' } } });
  });

  it('never leaks the message of internal errors (paths, SQL)', () => {
    const r = errorResponse(new Error('SqliteError: no such table: secret at /home/analyst/case.clew'));
    expect(r.status).toBe(500);
    expect(r.internal).toBe(true);
    expect(JSON.stringify(r.body)).not.toMatch(/secret|analyst|Sqlite/);
    const c = errorResponse(new ClewError('CASE_INVALID', '/home/analyst/x is not a case'));
    expect(JSON.stringify(c.body)).not.toContain('analyst');
  });
});
