import { describe, expect, it } from 'vitest';
import { bech32Verify, segwitV0Address } from './bech32.js';

describe('bech32', () => {
  it('reproduces the BIP 173 example address', () => {
    const program = Array.from(Buffer.from('751e76e8199196d454941c45d1b3a323f1433bd6', 'hex'));
    expect(segwitV0Address(program)).toBe('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4');
  });

  it('verifies good and rejects altered strings', () => {
    expect(bech32Verify('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4')).toBe(true);
    expect(bech32Verify('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5')).toBe(false);
    expect(bech32Verify('nonsense')).toBe(false);
  });
});
