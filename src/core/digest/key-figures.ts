// Key figures: the statements carrying percentages, money and counts, each value shown once.
import type { Extraction, FactValue } from '../model.ts';
import { displayFigure } from '../text/fact-values.ts';
import { contentWords, overlap } from './sentences.ts';
import type { DigestFigure } from './types.ts';

const MAX_FIGURES = 4;
const TYPE_WEIGHT: Partial<Record<FactValue['type'], number>> = { money: 3, percent: 3, count: 1.5 };

export function chooseKeyFigures(extraction: Extraction): DigestFigure[] {
  const seen = new Set<string>();
  const headline = contentWords(extraction.article.title);
  const out: (DigestFigure & { score: number })[] = [];
  for (const f of extraction.facts) {
    if (f.kind !== 'figure') continue;
    // The headline restated as the first line of the text is not a figure of its own.
    if (overlap(contentWords(f.text), headline) > 0.8) continue;
    const values: string[] = [];
    let score = 0;
    for (const v of f.values) {
      const shown = displayFigure(v);
      // The same number restated ("2.5% of GDP", later "2.5%") is one figure.
      const identity = 'value' in v ? `${v.type}:${v.value}` : shown;
      if (!shown || seen.has(identity!)) continue;
      // Small counts ("two leaders") are wording, not figures.
      if (v.type === 'count' && v.value < 10) continue;
      seen.add(identity!);
      values.push(shown);
      score = Math.max(score, TYPE_WEIGHT[v.type] ?? 0);
    }
    if (values.length === 0) continue;
    out.push({ text: f.text, values, paragraph: f.paragraph, score: score - f.paragraph * 0.05 });
  }
  return out
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_FIGURES)
    .sort((a, b) => a.paragraph - b.paragraph)
    .map(({ text, values, paragraph }) => ({ text, values, paragraph }));
}

