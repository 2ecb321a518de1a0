import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventRecord, MessageRecord } from '../../../model/records.js';
import type { ParseItem } from '../../parser.js';
import { collect, sourceFromBytes } from '../csv/test-support/source.js';
import { DELETED, MEDIA_OMITTED, MEDIA_OMITTED_IOS } from './locales.js';
import { ENCRYPTION, matchNotice, MISSED_VIDEO, MISSED_VOICE, NOTICE_LANGUAGES, SECURITY_CODE } from './notices.js';
import { whatsappParser } from './parser.js';
import { matchSystem } from './system.js';

/** The languages the issue names, and the four the parser knew before. */
const REQUIRED = ['ar', 'ru', 'uk', 'cs', 'hi', 'id', 'it', 'ja', 'pt', 'th', 'tr', 'pl', 'nl', 'sr', 'hr', 'sq', 'fa', 'he', 'zh', 'ko', 'ro', 'hu', 'el', 'bg', 'sv', 'da', 'fi', 'nb', 'vi', 'ms', 'en', 'fr', 'de', 'es'];
const base = (l: string) => l.split('-')[0]!;
const LRM = '\u200e';

describe('WhatsApp notices in every language', () => {
  it('the tables cover every required language with an encryption notice', () => {
    const have = new Set(ENCRYPTION.map(([l]) => base(l)));
    expect(REQUIRED.filter((l) => !have.has(l))).toEqual([]);
    expect(NOTICE_LANGUAGES.length).toBeGreaterThanOrEqual(REQUIRED.length);
  });

  it('missed voice and video calls are known in every required language but Serbian Latin, Albanian video aside', () => {
    const voice = new Set(MISSED_VOICE.map(([l]) => base(l)));
    expect(REQUIRED.filter((l) => !voice.has(l))).toEqual([]);
    const video = new Set(MISSED_VIDEO.map(([l]) => base(l)));
    expect(REQUIRED.filter((l) => !video.has(l))).toEqual([]);
  });

  it('recognises each encryption notice with the sentence that follows it', () => {
    for (const [lang, prefix] of ENCRYPTION) {
      const m = matchSystem(`${LRM}${prefix}. Tap to learn more.`);
      expect(m, `${lang}: ${prefix}`).toMatchObject({ kind: 'other' });
      expect(matchNotice(`${prefix}.`)?.lang).toBe(lang);
      // a message that merely starts with the same words is not the notice
      expect(matchNotice(`${prefix}x and more`), prefix).toBeNull();
    }
  });

  it('recognises security-code changes and names the other person', () => {
    for (const [lang, t] of SECURITY_CODE) {
      const text = `${t.replace('{}', 'Марко Тест')}. Tap to learn more.`;
      const m = matchSystem(text);
      expect(m, `${lang}: ${text}`).toMatchObject({ kind: 'security_code_changed', subjects: ['Марко Тест'] });
    }
    expect(matchSystem('Your security code with Ana Primer changed. Tap to learn more.')).toMatchObject({ kind: 'security_code_changed', subjects: ['Ana Primer'] });
  });

  it('recognises missed calls, alone or with a trailing sentence', () => {
    for (const [lang, s] of [...MISSED_VOICE, ...MISSED_VIDEO]) {
      expect(matchSystem(s), `${lang}: ${s}`).toMatchObject({ kind: 'call_missed' });
      expect(matchSystem(`${s}. Tap to call back`), s).toMatchObject({ kind: 'call_missed' });
    }
    expect(matchSystem('Missed voice call, 0:12')).toMatchObject({ kind: 'call_missed', locale: 'en' });
  });

  it('knows deleted and media-omitted placeholders of the required languages', () => {
    for (const s of ['Данное сообщение удалено', 'Це повідомлення було видалено', 'Tato zpráva byla smazána', 'このメッセージは削除されました', '此訊息已刪除', 'Bu mesaj silindi', 'Ta wiadomość została usunięta', 'این پیام حذف شد', 'הודעה זו נמחקה', 'Tin nhắn này đã bị xóa', 'Съобщението беше изтрито', 'Ova poruka je izbrisana'])
      expect(DELETED.has(s), s).toBe(true);
    for (const s of ['<Без медиафайлов>', '<Media omesso>', '<Mídia omitida>', '<メディアは含まれていません>', '<Medya atlanmış>', '<Media weggelaten>', '<Bỏ qua Media>'])
      expect(MEDIA_OMITTED.has(s), s).toBe(true);
    expect(MEDIA_OMITTED_IOS.get('изображение отсутствует')).toBe('image');
    expect(MEDIA_OMITTED_IOS.get('画像は含まれていません')).toBe('image');
    expect(MEDIA_OMITTED_IOS.get('ses dahil edilmedi')).toBe('audio');
  });
});

function items(text: string, name = 'chat.txt'): Promise<ParseItem[]> {
  return collect(whatsappParser, sourceFromBytes(text, name, { timeZone: 'UTC' }));
}
const recs = (its: ParseItem[]) => its.flatMap((i) => (i.kind === 'record' ? [i.record] : []));

describe('WhatsApp exports in every language: notices are events, never messages from a phantom account', () => {
  it('iOS one-to-one, any required language: the encryption notice is an event and only the two people speak', async () => {
    const langs = ENCRYPTION.filter(([l]) => REQUIRED.includes(base(l)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...langs), fc.boolean(), fc.constantFrom<'ios' | 'android'>('ios', 'android'), async ([, notice], timeFirst, layout) => {
        const stamp = (t: string) => (layout === 'ios' ? (timeFirst ? `[${t}:01, 18.03.22] ` : `[18.03.22, ${t}:01] `) : timeFirst ? `${t}, 18.03.22 - ` : `18.03.22, ${t} - `);
        const lines = layout === 'ios'
          ? [`${stamp('14:56')}Ana: ${LRM}${notice}.`, `${stamp('14:57')}Marko: zdravo`, `${stamp('14:58')}Ana: ćao`]
          : [`${stamp('14:56')}${notice}.`, `${stamp('14:57')}Marko: zdravo`, `${stamp('14:58')}Ana: ćao`];
        const rs = recs(await items(`${lines.join('\n')}\n`));
        const msgs = rs.filter((r): r is MessageRecord => r.type === 'message');
        const evs = rs.filter((r): r is EventRecord => r.type === 'event');
        expect(msgs.map((m) => m.body)).toEqual(['zdravo', 'ćao']);
        expect(evs).toHaveLength(1);
        expect(evs[0]!.text.startsWith(notice)).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it('an export in a language clew has no wording for: messages by line grammar, system lines as events, one LOCALE_UNKNOWN warning', async () => {
    const android = ['18.03.22, 14:56 - Jonas sukūrė grupę „Darbas“', '18.03.22, 14:57 - Jonas: Labas visiems, rytoj susitinkame prie uosto', '18.03.22, 14:58 - Petras išėjo iš grupės', '18.03.22, 14:59 - Petras: Gerai, būsiu aštuntą valandą'].join('\n');
    const its = await items(`${android}\n`);
    expect(recs(its).filter((r) => r.type === 'message').map((r) => (r as MessageRecord).from)).toEqual(['whatsapp:Jonas', 'whatsapp:Petras']);
    expect(recs(its).filter((r) => r.type === 'event')).toHaveLength(2);
    const w = its.filter((i) => i.kind === 'warning');
    expect(w.map((x) => x.kind === 'warning' && x.code)).toEqual(['LOCALE_UNKNOWN']);
    expect(w[0]!.kind === 'warning' && w[0]!.message).toMatch(/looks like lt|unidentified/);
    // a known language never warns
    const known = await items('18.03.22, 14:56 - Messages and calls are end-to-end encrypted.\n18.03.22, 14:57 - Ana: hi\n');
    expect(known.filter((i) => i.kind === 'warning')).toEqual([]);
  });
});
