import { describe, expect, it } from 'vitest';
import { checkLinear } from './test-support/adversarial.js';
import { extractLexiconTags, lexiconSize, parseTerm } from './lexicon-tags.js';

function tags(s: string): [string, string, string][] {
  return extractLexiconTags(s).map((m) => [m.type, m.raw, m.value]);
}

describe('parseTerm', () => {
  it('reads the markers', () => {
    expect(parseTerm('~=sneg!')).toEqual({ surface: 'sneg', slang: true, strict: true, capitalised: false, inflect: false });
    expect(parseTerm('^Mercedes')).toMatchObject({ surface: 'Mercedes', capitalised: true, inflect: true });
  });
});

describe('extractLexiconTags', () => {
  it('has a substantial lexicon', () => {
    expect(lexiconSize()).toBeGreaterThan(600);
  });

  it('finds drugs in several languages, scripts and cases', () => {
    expect(tags('Stiglo 50 kila kokaina iz Ekvadora')).toContainEqual(['drug', 'kokaina', 'cocaine']);
    expect(tags('КОКАИН је стигао')).toContainEqual(['drug', 'КОКАИН', 'cocaine']);
    expect(tags('la cocaína llega mañana')).toContainEqual(['drug', 'cocaína', 'cocaine']);
    expect(tags('الكوكايين في الحاوية')).toContainEqual(['drug', 'الكوكايين', 'cocaine']);
    expect(tags('wiet en hasj')).toEqual([
      ['drug', 'wiet', 'cannabis'],
      ['drug', 'hasj', 'cannabis'],
    ]);
    expect(tags('kokainë e pastër')).toContainEqual(['drug', 'kokainë', 'cocaine']);
  });

  it('needs drug context for slang', () => {
    expect(tags('kupio sam bijelo auto')).toEqual([]);
    expect(tags('imam 5 kila bijelog')).toContainEqual(['drug', 'bijelog', 'cocaine']);
    expect(tags('it snowed, snow everywhere')).toEqual([]);
    expect(tags('300 cigli, bela kao sneg')).toEqual([['drug', 'bela', 'cocaine']]);
    expect(tags('12 po komadu')).toEqual([]);
  });

  it('finds weapons and explosives', () => {
    expect(tags('treba mi Glock i dva kalašnjikova')).toEqual([
      ['weapon', 'Glock', 'pistol'],
      ['weapon', 'kalašnjikova', 'assault rifle'],
    ]);
    expect(tags('AK-47 en handgranaten')).toEqual([
      ['weapon', 'AK-47', 'assault rifle'],
      ['explosive', 'handgranaten', 'grenade'],
    ]);
    expect(tags('imamo C4 i TNT')).toEqual([
      ['explosive', 'C4', 'explosive'],
      ['explosive', 'TNT', 'explosive'],
    ]);
  });

  it('keeps strict terms unfolded', () => {
    expect(tags('bir gün sonra')).toEqual([]);
    expect(tags('he has a gun')).toEqual([['weapon', 'gun', 'pistol']]);
  });

  it('finds watches with brand and model, longest first', () => {
    expect(tags('Rolex Daytona i Patek Philippe Nautilus, AP Royal Oak')).toEqual([
      ['watch', 'Rolex Daytona', 'Rolex Daytona'],
      ['watch', 'Patek Philippe Nautilus', 'Patek Philippe Nautilus'],
      ['watch', 'AP Royal Oak', 'Audemars Piguet Royal Oak'],
    ]);
    expect(tags('kupio Richard Mille')).toEqual([['watch', 'Richard Mille', 'Richard Mille']]);
  });

  it('finds vehicles: make, make + model, distinctive models', () => {
    expect(tags('BMW X5 i Mercedes G-klasa, Range Rover')).toEqual([
      ['vehicle', 'BMW X5', 'BMW X5'],
      ['vehicle', 'Mercedes G-klasa', 'Mercedes-Benz G-Class'],
      ['vehicle', 'Range Rover', 'Land Rover Range Rover'],
    ]);
    expect(tags('Audi RS6 u garaži, Toyota Land Cruiser')).toEqual([
      ['vehicle', 'Audi RS6', 'Audi RS6'],
      ['vehicle', 'Toyota Land Cruiser', 'Toyota Land Cruiser'],
    ]);
    expect(tags('take a seat, mercedes dijo')).toEqual([]);
    expect(tags('Omega-3 i Jaguar u zoo vrtu')).toEqual([]);
  });

  it('scales linearly on 1 MB adversarial inputs (repeated digits, separators, mixed scripts)', () => {
    expect(checkLinear((s) => extractLexiconTags(s), {}, ['kokain AK-47 ', 'аbсdеf ', '1', '- ', 'bijelo 5 ', 'Rolex Daytona ', undefined])).toEqual([]);
  });
});
