import { describe, expect, it } from 'vitest';
import type { AskAnswer, AskResult, PersonProfile } from '../../../src/core/ask/types.ts';
import { answerReply, profileReply } from '../../../src/core/commands/replies.ts';

const article = { id: 'a1', title: 'Talks open', published: '2025-02-17', url: null, source: null };
const result = (kind: AskResult['kind'], text: string, paragraph: number): AskResult => ({
  kind,
  text,
  speaker: kind === 'direct' ? { name: 'Jane Doe', role: 'Foreign Minister' } : null,
  article,
  paragraph,
  context: text,
  score: 1,
});

describe('answerReply', () => {
  it('puts a framing message before the results it introduces', () => {
    const answer: AskAnswer = {
      question: 'what did John Roe say',
      speaker: 'John Roe',
      topic: null,
      intent: 'said',
      results: [result('role', 'John Roe travelled to Geneva for talks.', 4)],
      message: 'No quotes from John Roe in the briefing. What the articles say about them:',
      more: 0,
    };
    const reply = answerReply(answer, answer.question, 'nothing');
    expect(reply.sections.map((s) => s.items.map((i) => i.type))).toEqual([['text'], ['fact']]);
    expect(reply.sections[0]!.items[0]).toEqual({ type: 'text', text: answer.message });
    expect(reply.notes).toEqual([]);
  });

  it('has no message section when the knowledge had nothing to say', () => {
    const answer: AskAnswer = { question: 'q', speaker: null, topic: 'talks', intent: 'said', results: [result('direct', 'We will talk.', 2)], message: null, more: 3 };
    const reply = answerReply(answer, 'q', 'nothing');
    expect(reply.sections).toHaveLength(1);
    expect(reply.more).toBe(3);
  });
});

describe('profileReply', () => {
  it('leaves out of "What the articles say" the paragraphs already shown as best quotes', () => {
    const profile: PersonProfile = {
      id: 'jane-doe',
      name: 'Jane Doe',
      roles: ['Foreign Minister'],
      aliases: ['Ms Doe'],
      mentions: 3,
      quotes: 1,
      articles: [{ id: 'a1', title: 'Talks open', published: '2025-02-17' }],
      articleCount: 1,
      topQuotes: [result('direct', 'We will talk.', 2)],
      about: [result('role', 'Ms Doe said: “We will talk.”', 2), result('role', 'Foreign Minister Jane Doe flew to Geneva.', 5)],
    };
    const reply = profileReply(profile, null);
    const about = reply.sections.find((s) => s.heading === 'What the articles say');
    expect(about?.items.map((i) => (i.type === 'fact' ? i.text : i.type))).toEqual(['Foreign Minister Jane Doe flew to Geneva.']);
  });
});
