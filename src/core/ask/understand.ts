// Reading a question: its intent (said / who / facts / when / summary), the words that name a
// speaker when the question has a slot for one ("what did X say about Y", "quotes from X on Y"),
// and the rest, which is the topic.
import type { Intent } from './types.ts';
import { STOPWORDS, words } from './words.ts';

export interface ParsedQuestion {
  intent: Intent;
  /** Text in a speaker slot, as asked; null when the question has none. */
  speakerSlot: string | null;
  /** What is left for the topic (still with stopwords; expansion drops them). */
  topicText: string;
}

const SAY = String.raw`(?:say|said|says|saying|telling|warning|claiming|arguing|think|thinks|thought|tell|told|warn|warned|claim|claimed|argue|argued|mean|meant|feel|feels|believe|believes|reveal|revealed|state|stated|suggest|suggested|insist|insisted|announce|announced|comment|commented|mention|mentioned|talk|talked|speak|spoke)`;
const TOPIC = String.raw`(?:\s+(?:about|on|regarding|concerning|over|of|re|with regard to|in relation to)\b)?\s*(.*)`;

interface Rule {
  re: RegExp;
  intent: Intent;
  slot?: number;
  topic?: number;
}

// Order matters: the first rule that matches decides.
const RULES: Rule[] = [
  { re: /^(?:give me (?:a |the )?)?(?:summary|summarise|summarize|sum up|brief me|briefing|overview|tl;?dr|catch me up|what(?:'s| is) (?:the )?(?:news|latest|happening))\b(?:\s+(?:of|on|about|for))?\s*(.*)$/i, intent: 'summary', topic: 1 },
  { re: /^who\s+(?:said|says|warned|claimed|argued|stated|insisted|thinks|thought|believes)\b\s*(.*)$/i, intent: 'said', topic: 1 },
  { re: /^(?:who(?:'s|’s| is| was| are| were)|tell me about|profile(?: of)?|who)\s+(.+)$/i, intent: 'who', slot: 1 },
  { re: /^when\b\s*(.*)$/i, intent: 'when', topic: 1 },
  { re: /^(?:what|which)\s+(?:dates?|day|time)\b\s*(.*)$/i, intent: 'when', topic: 1 },
  {
    re: /^(?:how\s+(?:much|many|big|large|long|far|high|fast)|what\s+(?:are\s+the\s+|were\s+the\s+)?(?:figures?|numbers?|facts?|stats?|statistics|percentages?|amounts?|costs?|sums?)|(?:key\s+)?(?:figures?|numbers?|facts?|stats?|statistics))\b(?:\s+(?:about|on|for|of|regarding|in))?\s*(.*)$/i,
    intent: 'facts',
    topic: 1,
  },
  { re: new RegExp(String.raw`^(?:what|how)\s+(?:did|does|do|has|have|had|is|was|would|will)\s+(.+?)\s+(?:been\s+|have\s+|be\s+)?${SAY}\b${TOPIC}$`, 'i'), intent: 'said', slot: 1, topic: 2 },
  { re: new RegExp(String.raw`^(?:did|does|has|have|had)\s+(.+?)\s+(?:ever\s+)?${SAY}\b(?:\s+anything)?${TOPIC}$`, 'i'), intent: 'said', slot: 1, topic: 2 },
  { re: new RegExp(String.raw`^(?:what\s+(?:is|was|are|were)\s+)?(.+?)(?:'s|’s)\s+(?:views?|comments?|quotes?|remarks?|words|position|stance|opinions?|take|line|statements?)${TOPIC}$`, 'i'), intent: 'said', slot: 1, topic: 2 },
  { re: /^(?:show\s+(?:me\s+)?|list\s+|give\s+me\s+|any\s+)?(?:all\s+)?(?:the\s+)?(?:quotes?|quotations?|statements?|comments?|remarks?|words)\s+(?:from|by|of)\s+(.+?)(?:\s+(?:about|on|regarding|concerning|over)\s+(.+))?$/i, intent: 'said', slot: 1, topic: 2 },
  { re: /^(?:show\s+(?:me\s+)?|list\s+|give\s+me\s+|any\s+)?(?:all\s+)?(?:the\s+)?(?:quotes?|quotations?|statements?|comments?|remarks?)\s+(?:about|on|regarding|concerning|over)\s+(.+)$/i, intent: 'said', topic: 1 },
];

export function parseQuestion(question: string): ParsedQuestion {
  const q = question
    .trim()
    .replace(/[?!.。]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (const r of RULES) {
    const m = r.re.exec(q);
    if (!m) continue;
    const slot = r.slot ? cleanSlot(m[r.slot] ?? '') : null;
    const topic = r.topic ? (m[r.topic] ?? '').trim() : '';
    return { intent: r.intent, speakerSlot: slot || null, topicText: topic };
  }
  return { intent: 'said', speakerSlot: null, topicText: q };
}

function cleanSlot(s: string): string {
  const slot = s
    .trim()
    .replace(/^(?:about|of|on)\s+/i, '')
    .replace(/['’]s$/, '')
    .trim();
  // "who is" with nothing after: "is" is no name.
  return words(slot).every((w) => STOPWORDS.has(w)) ? '' : slot;
}
