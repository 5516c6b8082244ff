import { describe, expect, it } from 'vitest';
import { clip, fitCount } from '../../../src/core/reply/fit.ts';

describe('clip', () => {
  it('keeps short text whole', () => {
    expect(clip('Short.', 10)).toBe('Short.');
  });
  it('cuts at the last sentence end that fits', () => {
    const text = 'First sentence here. Second sentence is longer than the room.';
    expect(clip(text, 40)).toBe('First sentence here. …');
  });
  it('falls back to a word boundary', () => {
    expect(clip('alpha beta gamma delta epsilon', 20)).toBe('alpha beta gamma…');
  });
  it('never exceeds the limit', () => {
    for (let max = 0; max < 60; max++) expect(clip('x'.repeat(30) + ' ' + 'y'.repeat(30), max).length).toBeLessThanOrEqual(max);
  });
});

describe('fitCount', () => {
  it('takes whole items within the budget and the item cap', () => {
    expect(fitCount([10, 10, 10], 25)).toBe(2);
    expect(fitCount([10, 10, 10], 100, 1)).toBe(1);
    expect(fitCount([50], 10)).toBe(0);
  });
});
