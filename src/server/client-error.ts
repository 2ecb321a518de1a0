/**
 * Requests Node's HTTP parser refuses before the server sees them. Node's own answer to headers
 * past its 16 KiB limit is a bare 431 that says nothing; this one names what was too large (the
 * URL, or the largest header), as JSON like every other error of the API.
 */
import type { Socket } from 'node:net';
import { SECURITY_HEADERS } from './security.js';

/** Largest request line and headers (Node's default, set explicitly on the server). */
export const MAX_HEADER_BYTES = 16 * 1024;

/** What made the request head too large, from the bytes received (the request line, or the largest header). */
export function oversizedPart(raw: Buffer | undefined): string {
  const text = (raw ?? Buffer.alloc(0)).toString('latin1');
  const lines = text.split('\r\n');
  const first = lines[0] ?? '';
  if (!text.includes('\r\n') || first.length > MAX_HEADER_BYTES / 2) {
    const sp = first.indexOf(' ');
    return `the URL (${first.length - (sp + 1)}+ bytes received) is too long: the request line and headers must fit in ${MAX_HEADER_BYTES} bytes`;
  }
  let name = '';
  let size = 0;
  for (const l of lines.slice(1)) {
    if (l.length > size) {
      size = l.length;
      name = l.slice(0, Math.max(0, l.indexOf(':'))).replace(/[^\w-]/g, '').slice(0, 60);
    }
  }
  return `the ${name || 'request'} header (${size}${lines.length > 1 && !text.endsWith('\r\n\r\n') ? '+' : ''} bytes) is too large: the request line and headers must fit in ${MAX_HEADER_BYTES} bytes`;
}

function reply(socket: Socket, status: string, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  const headers = Object.entries({ ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${status}\r\n${headers}\r\n${body}`);
}

/** The server's 'clientError' listener. */
export function onClientError(err: Error & { code?: string; rawPacket?: Buffer }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  if (err.code === 'HPE_HEADER_OVERFLOW') return reply(socket, '431 Request Header Fields Too Large', 'HEADERS_TOO_LARGE', oversizedPart(err.rawPacket));
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return reply(socket, '408 Request Timeout', 'INVALID_ARGUMENT', 'the request headers did not arrive in time');
  reply(socket, '400 Bad Request', 'INVALID_ARGUMENT', 'the request is not valid HTTP');
}
