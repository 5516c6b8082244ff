import { describe, expect, it } from 'vitest';
import { buildGazetteer, gazetteer } from '../../../../src/core/extract/facts/gazetteer.ts';
import { findPlaces } from '../../../../src/core/extract/facts/places.ts';
import { words } from '../../../../src/core/extract/facts/words.ts';

const places = (s: string) => findPlaces(words(s), gazetteer()).map((p) => p.name);

describe('gazetteer (config/places.yaml)', () => {
  it('covers countries, capitals, US states, regions and blocs', () => {
    const g = gazetteer();
    const count = (kind: string) => [...g.kinds.values()].filter((k) => k === kind).length;
    expect(count('countries')).toBeGreaterThanOrEqual(195);
    expect(count('cities')).toBeGreaterThanOrEqual(150);
    expect(count('us_states')).toBeGreaterThanOrEqual(49);
    expect(count('continents')).toBe(7);
    expect(count('blocs')).toBeGreaterThan(5);
  });

  it('maps aliases and initialisms to one canonical name', () => {
    expect(places('The U.S. and the UK met in Washington, D.C. with the EU.')).toEqual([
      'United States', 'United Kingdom', 'Washington DC', 'European Union',
    ]);
    expect(places('Britain and America')).toEqual(['United Kingdom', 'United States']);
  });

  it('prefers the longest name and keeps possessives', () => {
    expect(places("Saudi Arabia's capital and South Africa, not Africa.")).toEqual(['Saudi Arabia', 'South Africa', 'Africa']);
    expect(places('Kyiv’s mayor visited New York City.')).toEqual(['Kyiv', 'New York']);
  });

  it('is case-sensitive so common words are not places', () => {
    expect(places('We ate turkey and saw a chad in the china cabinet.')).toEqual([]);
  });

  it('extends from another file and reports bad data with the file name', () => {
    const g = buildGazetteer([
      { path: 'a.yaml', text: 'cities:\n  Springfield: [Springfield Ill.]\n' },
      { path: 'b.yaml', text: 'regions:\n  Middle Earth: []\n' },
    ]);
    expect(findPlaces(words('From Springfield to Middle Earth.'), g).map((p) => p.name)).toEqual(['Springfield', 'Middle Earth']);
    expect(() => buildGazetteer([{ path: 'bad.yaml', text: 'cities: [Paris]' }])).toThrow(/bad\.yaml: section 'cities'/);
    expect(() => buildGazetteer([{ path: 'bad.yaml', text: 'cities:\n  Paris: 3\n' }])).toThrow(/bad\.yaml: cities\.Paris/);
    expect(() => buildGazetteer([{ path: 'bad.yaml', text: 'cities: {' }])).toThrow(/bad\.yaml: not valid YAML/);
  });
});

describe('BRIEFING_PLACES', () => {
  it('adds the places of an extra file on top of config/places.yaml', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { resetGazetteer } = await import('../../../../src/core/extract/facts/gazetteer.ts');
    const dir = mkdtempSync(join(tmpdir(), 'places-'));
    const extra = join(dir, 'extra.yaml');
    writeFileSync(extra, 'cities:\n  Springfield: []\n');
    const saved = process.env.BRIEFING_PLACES;
    try {
      process.env.BRIEFING_PLACES = extra;
      resetGazetteer();
      expect(places('From Springfield to Paris.')).toEqual(['Springfield', 'Paris']);
    } finally {
      if (saved === undefined) delete process.env.BRIEFING_PLACES;
      else process.env.BRIEFING_PLACES = saved;
      resetGazetteer();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(places('From Springfield to Paris.')).toEqual(['Paris']);
  });
});
