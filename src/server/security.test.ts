import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, hostAllowed, isLoopbackHost, newToken, originAllowed, rateWindowMs, tokensEqual } from './security.js';

describe('security helpers', () => {
  it('makes long random tokens that differ', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(a);
  });

  it('compares tokens exactly', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abc', 'abd')).toBe(false);
    expect(tokensEqual('abc', 'abcd')).toBe(false);
    expect(tokensEqual('', 'a')).toBe(false);
  });

  it('accepts only loopback names with our port as Host', () => {
    expect(hostAllowed('127.0.0.1:8080', 8080)).toBe(true);
    expect(hostAllowed('LOCALHOST:8080', 8080)).toBe(true);
    expect(hostAllowed('[::1]:8080', 8080)).toBe(true);
    expect(hostAllowed('127.0.0.1:8081', 8080)).toBe(false);
    expect(hostAllowed('127.0.0.1', 8080)).toBe(false);
    expect(hostAllowed('evil.example:8080', 8080)).toBe(false);
    expect(hostAllowed('127.0.0.1.evil.example:8080', 8080)).toBe(false);
    expect(hostAllowed(undefined, 8080)).toBe(false);
  });

  it('accepts only our own origin', () => {
    expect(originAllowed('http://127.0.0.1:8080', 8080)).toBe(true);
    expect(originAllowed('http://localhost:8080', 8080)).toBe(true);
    expect(originAllowed('https://127.0.0.1:8080', 8080)).toBe(false);
    expect(originAllowed('http://evil.example', 8080)).toBe(false);
    expect(originAllowed('null', 8080)).toBe(false);
  });

  it('knows loopback hosts', () => {
    expect(['127.0.0.1', 'localhost', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '192.168.1.2', '::', 'example.org'].some(isLoopbackHost)).toBe(false);
  });

  it('turns a request budget into a fixed window of capacity ÷ rate', () => {
    expect(rateWindowMs({ capacity: 200, perSecond: 100 })).toBe(2000);
    expect(rateWindowMs({ capacity: 30, perSecond: 1 })).toBe(30_000);
    expect(() => rateWindowMs({ capacity: 0, perSecond: 1 })).toThrow(RangeError);
    expect(() => rateWindowMs({ capacity: 1, perSecond: 0 })).toThrow(RangeError);
  });

  it('has a CSP without inline scripts or eval', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).toContain("require-trusted-types-for 'script'");
  });
});
