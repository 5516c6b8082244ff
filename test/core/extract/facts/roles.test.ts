import { describe, expect, it } from 'vitest';
import { facts, person } from './helpers.ts';

const roles = (s: string, people = [] as ReturnType<typeof person>[]) =>
  facts(s, '2025-02-17', people).flatMap((f) => f.values.flatMap((v) => (v.type === 'role' ? [[v.role, v.person]] : [])));

describe('roles', () => {
  it.each([
    ['NATO chief Anna Berg urged members to spend more.', 'NATO chief', 'Anna Berg'],
    ['Health Secretary Tom Hale refused to comment.', 'Health Secretary', 'Tom Hale'],
    ['Kremlin spokesman Ivan Sokolov said the talks would go ahead.', 'Kremlin spokesman', 'Ivan Sokolov'],
    ['Russian Foreign Minister Oleg Petrov arrived.', 'Russian Foreign Minister', 'Oleg Petrov'],
    ['Later, US Secretary of State Jane Roe travelled to Cairo.', 'US Secretary of State', 'Jane Roe'],
    ['Envoys including secretary of state Jane Roe met them.', 'secretary of state', 'Jane Roe'],
    ['He spoke to special envoy Sam Wise.', 'special envoy', 'Sam Wise'],
    ['National Security Adviser Kim Lee attended.', 'National Security Adviser', 'Kim Lee'],
  ])('%s', (sentence, role, who) => {
    expect(roles(sentence)).toEqual([[role, who]]);
  });

  it('strips a title from the name and keeps "Former" in the role', () => {
    expect(roles('Former British Army chief Lord Richard Vane questioned the plan.')).toEqual([
      ['Former British Army chief', 'Richard Vane'],
    ]);
  });

  it("reads a possessive role: the aide is the person after the comma", () => {
    expect(roles('President Ivan Grozny’s aide, Yuri Orlov, flew out.')).toEqual([
      ['President', 'Ivan Grozny'],
      ['aide to Ivan Grozny', 'Yuri Orlov'],
    ]);
  });

  it('reads an apposition after the name', () => {
    expect(roles('Anna Berg, the NATO secretary general, said allies must spend more.')).toEqual([
      ['NATO secretary general', 'Anna Berg'],
    ]);
  });

  it('maps a name to the canonical person', () => {
    const people = [person('Richard Vane', { aliases: ['Lord Vane'] })];
    expect(roles('Former Army chief Lord Vane spoke.', people)).toEqual([['Former Army chief', 'Richard Vane']]);
  });

  it('needs a credible name: one bare word only when it is a known person', () => {
    expect(roles('The Prime Minister said the talks were vital.')).toEqual([]);
    expect(roles('President Grozny spoke.')).toEqual([]);
    expect(roles('President Grozny spoke.', [person('Ivan Grozny')])).toEqual([['President', 'Ivan Grozny']]);
  });

  it('states a role once per article', () => {
    const f = facts('French President Marc Dupont called the summit. Later French President Marc Dupont left.');
    expect(f.filter((x) => x.kind === 'role')).toHaveLength(1);
  });
});

describe('role complements', () => {
  it('keeps an organisation named with "the" in the role, not as a person', () => {
    expect(roles('"It is close," said Dana Wolfe, House editor for the Cook Political Report.')).toEqual([
      ['House editor for the Cook Political Report', 'Dana Wolfe'],
    ]);
  });
});

describe('a possessive role whose complement ends the phrase', () => {
  // Both once crashed the extractor: no name after the complement, and an owner before the role.
  it.each([
    "Berg, who served as Hale's secretary of state, and Wolfe are locked in a tight race.",
    "Dana Wolfe, Hale's director of state campaigns and political engagement, said the campaign was ready.",
  ])('%s', (sentence) => {
    expect(() => roles(sentence)).not.toThrow();
    expect(roles(sentence).filter(([, who]) => who === 'and' || who === '')).toEqual([]);
  });

  it('still finds the holder named after the comma', () => {
    expect(roles("Tom Hale's secretary of state, Jane Roe, resigned.")).toContainEqual(['secretary of state to Tom Hale', 'Jane Roe']);
  });
});

describe('roles stated again', () => {
  it('adds no fact for a shorter form of a role already seen', () => {
    const f = facts('US Secretary of State Jane Roe flew in. Later, secretary of state Jane Roe spoke.');
    expect(f.filter((x) => x.kind === 'role').flatMap((x) => x.values)).toEqual([
      { type: 'role', text: 'US Secretary of State Jane Roe', person: 'Jane Roe', role: 'US Secretary of State' },
    ]);
  });
});

describe('names in roles', () => {
  it('keeps a middle initial and ignores headline capitals', () => {
    expect(roles('Secretary of State John F. Kerry said the council would act.')).toEqual([['Secretary of State', 'John F. Kerry']]);
    expect(roles('House Speaker Paul D. Ryan said so.')).toEqual([['House Speaker', 'Paul D. Ryan']]);
    expect(roles('EVEN HIS BOSS THINKS HE IS WRONG')).toEqual([]);
  });
});

describe('roles from the people input', () => {
  it('states a role the extract helper resolved, on the first statement naming it and the person', () => {
    const pm = person('Ann Lake', { roles: ['Prime Minister'], aliases: ['the Prime Minister', 'Ms Lake'] });
    const text = 'Officials met at noon. The Prime Minister said the plan would work. The Prime Minister left.';
    const f = facts(text, '2025-02-17', [pm]).filter((x) => x.kind === 'role');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ text: 'The Prime Minister said the plan would work.', people: ['Ann Lake'] });
    expect(f[0]!.values).toEqual([{ type: 'role', text: 'Prime Minister', person: 'Ann Lake', role: 'Prime Minister' }]);
  });

  it('ignores roles that are not role phrases and roles already stated by a pattern', () => {
    const a = person('Ann Lake', { roles: ['Senior', 'Health Secretary'], aliases: ['Ms Lake'] });
    const f = facts('Health Secretary Ann Lake spoke. Ms Lake, the Health Secretary, left. Senior staff stayed.', '2025-02-17', [a]);
    expect(f.filter((x) => x.kind === 'role').flatMap((x) => x.values.map((v) => (v.type === 'role' ? v.role : '')))).toEqual(['Health Secretary']);
  });
});
