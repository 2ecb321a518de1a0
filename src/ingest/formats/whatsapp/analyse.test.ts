import { describe, expect, it } from 'vitest';
import { analyseWhatsApp, WhatsAppAnalyser } from './analyse.js';

describe('WhatsApp analysis', () => {
  it('layout by majority, senders, participants, group and title', () => {
    const a = analyseWhatsApp(
      '\ufeff31.12.21, 22:00 - Marko Test created group "Posao"\r\n31.12.21, 22:00 - Marko Test added Ana Primer\n31.12.21, 22:01 - Ana Primer: hi\n[01.01.22, 10:00:00] pasted: ios line\n31.12.21, 22:02 - Marko Test: ok\n',
    );
    expect(a).toMatchObject({ layout: 'android', dateOrder: 'dmy', ambiguous: false, headers: 4, senders: ['Ana Primer', 'Marko Test'], participants: ['Marko Test', 'Ana Primer'], group: true, title: 'Posao' });
  });
  it('collects media names only when asked', () => {
    const an = new WhatsAppAnalyser(true);
    an.line('[01.03.21, 10:22:40] Ana Primer: \u200e<attached: 00000003-PHOTO-2021-03-01-10-22-40.jpg>');
    expect(an.result().mediaFiles).toEqual(['00000003-PHOTO-2021-03-01-10-22-40.jpg']);
    const off = new WhatsAppAnalyser();
    off.line('[01.03.21, 10:22:40] Ana Primer: \u200e<attached: x.jpg>');
    expect(off.result().mediaFiles).toEqual([]);
  });
});
