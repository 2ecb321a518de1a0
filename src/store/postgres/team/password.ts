/**
 * Passwords of the team directory: argon2id (the `argon2` package, the reference C
 * implementation built natively) with its defaults (64 MiB, 3 passes, 4 lanes), stored as the
 * PHC string it returns ($argon2id$v=19$m=…,t=…,p=…$salt$hash), which carries its own
 * parameters, so stronger ones later still verify the old hashes.
 */
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { ClewError } from '../../../model/errors.js';

/** Fewer characters than this is refused; more bytes than MAX_BYTES too (hashing is bounded). */
export const MIN_PASSWORD = 10;
export const MAX_PASSWORD_BYTES = 1024;

export function checkPassword(password: string): void {
  // never the password itself in the error
  if ([...password].length < MIN_PASSWORD) throw new ClewError('INVALID_ARGUMENT', `a password has at least ${MIN_PASSWORD} characters`);
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) throw new ClewError('INVALID_ARGUMENT', `a password has at most ${MAX_PASSWORD_BYTES} bytes`);
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** Whether `password` is the one `hash` was made of (false for a hash that is not argon2's). */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) return false;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/**
 * A hash of a random password, made once: authenticating an unknown user verifies against it,
 * so that an unknown name costs the same time as a wrong password.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummy;
}
