import { describe, expect, it } from 'vitest';
import { messageIds, threadRoot } from './thread.js';

describe('threadRoot', () => {
  it('takes the first reference, then In-Reply-To, then the own id', () => {
    expect(threadRoot({ messageId: '<c@x>', inReplyTo: '<b@x>', references: ['<a@x>', '<b@x>'] })).toBe('<a@x>');
    expect(threadRoot({ messageId: '<c@x>', inReplyTo: '<b@x>' })).toBe('<b@x>');
    expect(threadRoot({ messageId: '<c@x>' })).toBe('<c@x>');
    expect(threadRoot({})).toBeUndefined();
  });

  it('reads folded References and bare ids', () => {
    expect(messageIds('<a@x>\r\n <b@x>  <c@x>')).toEqual(['<a@x>', '<b@x>', '<c@x>']);
    expect(messageIds('a@x')).toEqual(['<a@x>']);
    expect(messageIds('no ids here')).toEqual([]);
  });
});
