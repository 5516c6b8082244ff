// Keeping whole items within a platform's limits and counting the rest. Every renderer measures
// items its own way (characters, blocks, embed fields) and passes the measure in, so Slack,
// Discord and the console all cut the same way: never mid-item, and they say how many were left out.
import type { Reply, ReplyItem } from './types.ts';
import { fitCount } from './fit.ts';

export interface FitLimits {
  /** Room for the sections (whatever unit `measure` returns). */
  budget: number;
  /** Most items shown in total. */
  maxItems: number;
}

export interface Measure {
  item(item: ReplyItem): number;
  /** What a section heading costs; 0 when headings are free. */
  heading(heading: string): number;
}

/**
 * Keeps the leading items of `reply` (in order, across sections) that fit `limits`, and adds the
 * number left out to `more`. A section whose items are all left out is dropped with its heading.
 */
export function fitReply(reply: Reply, limits: FitLimits, measure: Measure): Reply {
  const sizes: number[] = [];
  for (const section of reply.sections) {
    section.items.forEach((item, i) => {
      // The heading travels with the section's first item.
      const head = i === 0 && section.heading ? measure.heading(section.heading) : 0;
      sizes.push(head + measure.item(item));
    });
  }
  const keep = fitCount(sizes, limits.budget, limits.maxItems);
  if (keep === sizes.length) return reply;
  let left = keep;
  const sections = [];
  for (const section of reply.sections) {
    if (left <= 0) break;
    const items = section.items.slice(0, left);
    left -= items.length;
    if (items.length) sections.push({ ...section, items });
  }
  return { ...reply, sections, more: reply.more + (sizes.length - keep) };
}

/** The line renderers add when results were left out: "… and 4 more results". */
export function moreNote(more: number): string {
  return `… and ${more.toLocaleString('en-GB')} more result${more === 1 ? '' : 's'}`;
}
