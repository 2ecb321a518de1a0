import { describe, expect, it } from 'vitest';
import { jsonDepth } from './depth.js';

describe('jsonDepth', () => {
  it('counts nesting outside strings', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[[\\"[["}')).toBe(1);
    expect(jsonDepth('['.repeat(100))).toBe(100);
  });
});
