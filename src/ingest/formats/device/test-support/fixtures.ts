/** The device-dump fixture, built from code (fixtures.test.ts keeps the committed file equal). */
import { makeJpegWithExif } from '../../../../text/exif/test-support/jpeg-exif.js';

export const PHOTO = makeJpegWithExif({ lat: 44.8125, lon: 20.4612, dateTimeOriginal: '2021:02:03 10:20:00', offsetTimeOriginal: '+01:00' });

export function skyeccDump(): unknown {
  return {
    format: 'clew-device-dump',
    version: 1,
    extraction: { tool: 'hand-made fixture', notes: { nested: { ignored: [1, 2, { deeper: true }] } } },
    device: {
      platform: 'skyecc',
      pin: '4F2A9C',
      imei: ['356938035643809', '356938035643817'],
      model: 'BlackBerry KEYone',
      owner: '4F2A9C',
    },
    contacts: [
      { handle: '7B1D22', nickname: 'Kum Beograd', added: '2020-11-02T10:00:00+01:00' },
      { handle: '9C0E11', nickname: '  Ćale  ' },
      { handle: 'A1B2C3', nickname: 'Zoki 🚤 Bo\u0007ss' },
      { handle: 'FFFFFF' },
    ],
    conversations: [
      {
        id: 'c-17',
        participants: ['4F2A9C', '7B1D22'],
        messages: [
          { id: 'm-1', from: '4F2A9C', to: ['7B1D22'], ts: '2021-02-03T10:15:00+01:00', body: 'Kontejner MSCU1234566 stiže u Antwerpen u petak', deleted: false },
          { id: 'm-2', from: '7B1D22', ts: '2021-02-03T10:16:10+01:00', body: 'ok brate', reply_to: 'm-1' },
          { id: 'm-3', from: '4F2A9C', ts: 1612343820, body: 'obriši ovo', deleted: true },
          {
            id: 'm-4',
            from: '7B1D22',
            ts: '2021-02-03T10:21:00+01:00',
            body: '',
            attachments: [
              { id: 'a-1', filename: 'IMG_0042.jpg', mime: 'image/jpeg', content_base64: PHOTO.toString('base64') },
              { id: 'a-2', filename: 'voice.opus', mime: 'audio/ogg', size: 48213, sha256: 'AB'.repeat(32) },
            ],
          },
          { id: 'm-5', from: '4F2A9C', ts: '2021-02-30T10:00:00+01:00', body: 'impossible date' },
        ],
      },
      {
        messages: [{ id: 'x-1', from: '9C0E11', to: '4F2A9C', ts: '2021-02-04 08:00:00', body: 'local time, ids before the header' }],
        id: 'g-1',
        title: 'posao',
        participants: ['4F2A9C', '9C0E11', 'A1B2C3'],
      },
      {
        id: 'g-2',
        title: 'grupa',
        participants: ['4F2A9C', '9C0E11', 'A1B2C3'],
        messages: [
          { id: 'g2-1', from: 'A1B2C3', ts: '2021-02-05T09:00:00Z', body: 'svima' },
          { id: 'g2-2', ts: '2021-02-05T09:01:00Z', body: 'no sender' },
        ],
      },
    ],
  };
}

export function skyeccDumpBytes(): Buffer {
  return Buffer.from(`${JSON.stringify(skyeccDump(), null, 1)}\n`);
}
