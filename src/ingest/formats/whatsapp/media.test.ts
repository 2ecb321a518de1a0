import { describe, expect, it } from 'vitest';
import { detectMedia, mimeFromName } from './media.js';

describe('detectMedia', () => {
  it('recognises placeholders and file references', () => {
    expect(detectMedia('<Media omitted>')).toEqual({ placeholder: '<Media omitted>' });
    expect(detectMedia('<Medien ausgeschlossen>')).toEqual({ placeholder: '<Medien ausgeschlossen>' });
    expect(detectMedia('\u200eimage omitted')).toEqual({ placeholder: 'image omitted', mediaKind: 'image' });
    expect(detectMedia('\u200e<attached: 00000012-PHOTO-2021-03-01-10-22-33.jpg>')).toEqual({ filename: '00000012-PHOTO-2021-03-01-10-22-33.jpg' });
    expect(detectMedia('IMG-20210301-WA0001.jpg (file attached)')).toEqual({ filename: 'IMG-20210301-WA0001.jpg' });
    expect(detectMedia('PTT-20210301-WA0002.opus (Datei angehängt)')).toEqual({ filename: 'PTT-20210301-WA0002.opus' });
  });
  it('leaves ordinary text and unsafe names alone', () => {
    expect(detectMedia('<Ana: hi>')).toBeNull();
    expect(detectMedia('see photo.jpg (later)')).toBeNull();
    expect(detectMedia('<attached: ../../etc/passwd.txt>')).toBeNull();
    expect(detectMedia('x'.repeat(1000))).toBeNull();
  });
  it('mime from extension', () => {
    expect(mimeFromName('a.JPG')).toBe('image/jpeg');
    expect(mimeFromName('a.opus')).toBe('audio/ogg');
    expect(mimeFromName('noext')).toBeUndefined();
  });
});
