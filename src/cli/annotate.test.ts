import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTmp } from '../api/test-support/tmp.js';
import { buildTestCase } from '../server/test-support/case.js';
import { runCli as run } from './test-support/run.js';

const tmp = useTmp();

afterEach(() => vi.restoreAllMocks());

describe('clew tag, note, star and annotation', () => {
  it('tag and note a message and an account by name, find them with tag: and note:, keep markup as text, undo, refuse what is not in the case', async () => {
    const { casePath } = await buildTestCase(tmp());
    const found = JSON.parse((await run(['--json', 'search', '--case', casePath, 'Контејнер'])).out) as { hits: { id: number }[] };
    const id = found.hits[0]!.id;
    const item = `message:${id}`;

    let r = await run(['tag', 'add', '--case', casePath, '--author', 'ana', item, '  Suspect ']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/event 1 .* ana {2}added tag #Suspect on message:/);
    r = await run(['tag', 'add', '--case', casePath, item, 'SUSPECT']);
    expect(r.out).toContain('the item has that tag already');
    // an account by its display name, through the one name resolver
    r = await run(['--json', 'tag', 'add', '--case', casePath, 'أبو خالد', 'courier']);
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { item: { type: string } }).item.type).toBe('account');

    const hostile = '<script>window.__xss=1</script> zove brata';
    r = await run(['--json', 'note', 'add', '--case', casePath, item, hostile]);
    expect(r.code, r.err).toBe(0);
    const note = JSON.parse(r.out) as { event: { id: number }; annotations: { notes: { text: string }[] } };
    expect(note.annotations.notes[0]!.text).toBe(hostile);

    r = await run(['search', '--case', casePath, 'tag:suspect']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(String(id));
    expect(r.out).toContain('#Suspect');
    expect(r.out).toContain('note: <script>window.__xss=1</script> zove brata');
    r = await run(['--json', 'search', '--case', casePath, 'note:brata kafa']);
    expect((JSON.parse(r.out) as { hits: { id: number }[] }).hits.map((h) => h.id)).toEqual([id]);
    r = await run(['search', '--case', casePath, 'tag:nothing']);
    expect(r.out).toContain('no messages match');

    r = await run(['tag', 'list', '--case', casePath]);
    expect(r.out).toContain('#courier  1 item');
    expect(r.out).toContain('#Suspect  1 item');
    r = await run(['annotation', 'log', '--case', casePath]);
    expect(r.out.split('\n').filter(Boolean)).toHaveLength(3);

    // undo the tag, in a later process (the log is in the case)
    r = await run(['annotation', 'undo', '--case', casePath, '1']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('removed tag #Suspect');
    expect(r.out).toContain('(undoes event 1)');
    expect((await run(['search', '--case', casePath, 'tag:suspect'])).out).toContain('no messages match');
    expect((await run(['annotation', 'undo', '--case', casePath, '1'])).code).not.toBe(0);

    // what is not in the case, or cannot be a tag or a note
    r = await run(['tag', 'add', '--case', casePath, 'message:999', 'x']);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/NOT_FOUND|no message 999/);
    r = await run(['tag', 'add', '--case', casePath, 'Nobody Here', 'x']);
    expect(r.code).not.toBe(0);
    r = await run(['tag', 'add', '--case', casePath, item, '   ']);
    expect(r.err).toContain('a tag needs a name');
    r = await run(['tag', 'add', '--case', casePath, item, 'x'.repeat(65)]);
    expect(r.err).toContain('at most 64 characters');
    r = await run(['note', 'add', '--case', casePath, item, 'x'.repeat(10_001)]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('a note is at most 10,000 characters');
    r = await run(['tag', 'list', '--case', casePath, item]);
    expect(r.out).toContain('note ');
    expect(r.out).not.toContain('#Suspect');
  });
});
