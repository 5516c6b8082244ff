// One person under one name: which stored spellings merge and which stay apart.
import { describe, expect, it } from 'vitest';
import { Identities, Nicknames, parseName } from '../../../src/core/ask/identity.ts';
import type { Person } from '../../../src/core/model.ts';

const nick = new Nicknames([
  ['robert', 'bob'],
  ['william', 'bill'],
  ['joseph', 'joe'],
]);
const common = new Set(['several', 'department', 'speech', 'whether', 'festival', 'chamber']);
function person(name: string, quotes = 1, mentions = 1, roles: string[] = []): Person {
  return { id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), name, roles, aliases: [], mentions, quotes };
}
function groups(people: Person[]): string[][] {
  const ids = new Identities(people, { nicknames: nick, isDictionaryWord: (w) => common.has(w) });
  return ids.list.map((i) => i.members.map((m) => m.name)).filter((g) => g.length > 1).map((g) => g.sort());
}

describe('identity', () => {
  it('reads names: labels, middle initials and suffixes', () => {
    expect(parseName('Democrat Jane Roe')).toMatchObject({ first: 'jane', last: 'roe', middle: '', display: 'Jane Roe' });
    expect(parseName('former Gov. Roe')).toMatchObject({ first: null, last: 'roe' });
    expect(parseName('Robert S. Mueller III')).toMatchObject({ first: 'robert', middle: 's', last: 'mueller', suffix: null });
    expect(parseName('John Doe Jr.')).toMatchObject({ first: 'john', last: 'doe', suffix: 'jr' });
    expect(parseName('George H.W. Bush')).toMatchObject({ middle: 'hw' });
    expect(parseName('Martin O’Malley')).toMatchObject({ last: "o'malley" });
  });

  it('merges middle initials, numeral suffixes, nicknames, labels and a bare surname', () => {
    expect(groups([person('Robert S. Mueller III', 5), person('Robert Mueller'), person('Mueller'), person('Bob Mueller')])).toEqual([
      ['Bob Mueller', 'Mueller', 'Robert Mueller', 'Robert S. Mueller III'],
    ]);
    expect(groups([person('Bill Roe', 3), person('William Roe'), person('Sen. Roe'), person('Democrat Bill Roe')])).toEqual([
      ['Bill Roe', 'Democrat Bill Roe', 'Sen. Roe', 'William Roe'],
    ]);
  });

  it('keeps apart Jr., other first names and other middle initials', () => {
    expect(groups([person('John Doe', 4), person('John Doe Jr.', 2)])).toEqual([]);
    expect(groups([person('Joe Biden', 4), person('Hunter Biden', 2)])).toEqual([]);
    expect(groups([person('George W. Bush', 4), person('George H.W. Bush', 2)])).toEqual([]);
  });

  it('gives a bare surname to the person whose role it shares, else the most quoted', () => {
    const ids = new Identities([person('Jane Poe', 9, 9, ['Senator']), person('Mark Poe', 1, 1, ['Mayor']), person('Poe', 2, 2, ['Mayor'])], {
      nicknames: nick,
      isDictionaryWord: () => false,
    });
    expect(ids.of('poe')!.name).toBe('Mark Poe');
    const ids2 = new Identities([person('Jane Poe', 9), person('Mark Poe', 1), person('Poe', 2)], { nicknames: nick, isDictionaryWord: () => false });
    expect(ids2.of('poe')!.name).toBe('Jane Poe');
  });

  it('sets aside organisations, events and stray words, and reads glued words as the surname', () => {
    const ids = new Identities(
      [person('Ted Roe', 5), person('Several Roe'), person('Roe Speech'), person('Aspen Ideas Festival'), person('U.S. Chamber'), person('Department')],
      { nicknames: nick, isDictionaryWord: (w) => common.has(w) },
    );
    expect(ids.list.map((i) => i.name)).toEqual(['Ted Roe']);
    expect(ids.of('several-roe')!.name).toBe('Ted Roe');
    expect(ids.notPeople.map((p) => p.name).sort()).toEqual(['Aspen Ideas Festival', 'Department', 'U.S. Chamber']);
  });

  it('counts quotes and mentions over the merged spellings', () => {
    const ids = new Identities([person('Loretta E. Lynch', 20, 15), person('Loretta Lynch', 2, 2)], { nicknames: nick, isDictionaryWord: () => false });
    expect(ids.list).toHaveLength(1);
    expect(ids.list[0]).toMatchObject({ name: 'Loretta Lynch', quotes: 22, mentions: 17 });
  });

  it('reports a bad nicknames file with its path and line', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'nick-'));
    writeFileSync(join(dir, 'n.yaml'), 'groups:\n  - [bill, william]\n  - bob\n');
    expect(() => Nicknames.load(join(dir, 'n.yaml'))).toThrow(/n\.yaml:3: group 2 must be a list/);
    expect(Nicknames.load(join(dir, 'missing.yaml')).compatible('bill', 'william')).toBe(false);
  });
});

describe('identity sources', () => {
  it('gives a source worded as a name to that person', () => {
    const ids = new Identities([person('Jane Roe', 5), person('Mark Roe', 1), person('Ann Poe', 2)], { nicknames: nick, isDictionaryWord: () => false }, [
      'Roe',
      'Mark Roe',
      'officials',
      '-- Poe',
      'a Poe supporter',
    ]);
    expect(ids.of('jane-roe')!.sources).toEqual(['Roe']);
    expect(ids.of('mark-roe')!.sources).toEqual(['Mark Roe']);
    expect(ids.of('ann-poe')!.sources).toEqual(['-- Poe']);
  });
});
