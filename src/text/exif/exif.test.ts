import { describe, expect, it } from 'vitest';
import { readExif, takenAtOf, takenAtText, validTakenAt } from './exif.js';
import { makeJpegWithExif } from './test-support/jpeg-exif.js';

describe('readExif', () => {
  it('reads GPS position and capture time with offset', async () => {
    const jpeg = makeJpegWithExif({ lat: 44.8125, lon: -20.4612, dateTimeOriginal: '2021:02:03 10:15:00', offsetTimeOriginal: '+01:00' });
    expect(jpeg.length).toBeLessThan(400);
    const info = await readExif(jpeg);
    expect(info?.lat).toBeCloseTo(44.8125, 5);
    expect(info?.lon).toBeCloseTo(-20.4612, 5);
    expect(info?.takenAt).toBe('2021-02-03T10:15:00');
    expect(info?.takenAtOffset).toBe(60);
  });

  it('reads a capture time without GPS and without offset', async () => {
    expect(await readExif(makeJpegWithExif({ dateTimeOriginal: '2020:12:31 23:59:58' }))).toEqual({
      takenAt: '2020-12-31T23:59:58',
      takenAtOffset: null,
    });
  });

  it('reads southern/western coordinates', async () => {
    const info = await readExif(makeJpegWithExif({ lat: -33.9249, lon: 18.4241 }));
    expect(info?.lat).toBeCloseTo(-33.9249, 5);
    expect(info?.lon).toBeCloseTo(18.4241, 5);
    expect(info?.takenAt).toBeUndefined();
  });

  it('returns undefined for broken or EXIF-less bytes', async () => {
    expect(await readExif(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, 10, 1, 2, 3]))).toBeUndefined();
    expect(await readExif(Buffer.from('%PDF-1.4 hello'))).toBeUndefined();
    expect(await readExif(Buffer.alloc(0))).toBeUndefined();
  });

  it('gives the capture time as an attachment stores it: the camera clock, its offset when recorded', async () => {
    expect(takenAtText({ takenAt: '2021-02-03T10:15:00', takenAtOffset: 60 })).toBe('2021-02-03T10:15:00+01:00');
    expect(takenAtText({ takenAt: '2021-02-03T10:15:00', takenAtOffset: -570 })).toBe('2021-02-03T10:15:00-09:30');
    expect(takenAtText({ takenAt: '2021-02-03T10:15:00', takenAtOffset: 0 })).toBe('2021-02-03T10:15:00+00:00');
    expect(takenAtText({ takenAt: '2021-02-03T10:15:00', takenAtOffset: null })).toBe('2021-02-03T10:15:00');
    expect(takenAtText({ lat: 1, lon: 2 })).toBeUndefined();
    expect(await takenAtOf(makeJpegWithExif({ dateTimeOriginal: '2021:02:03 10:15:00', offsetTimeOriginal: '-03:30' }))).toBe('2021-02-03T10:15:00-03:30');
    expect(await takenAtOf(makeJpegWithExif({ lat: 1, lon: 2 }))).toBeNull();
    expect(await takenAtOf(new TextEncoder().encode('<script>'))).toBeNull();
    for (const ok of ['2021-02-03T10:15:00', '2021-02-03T10:15:00+01:00']) expect(validTakenAt(ok)).toBe(ok);
    for (const bad of ['2021-02-03 10:15:00', '2021-02-03T10:15:00Z', '<b>2021-02-03T10:15:00</b>', 5, null, undefined]) expect(validTakenAt(bad)).toBeNull();
  });
});
