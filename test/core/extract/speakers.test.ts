// Speakers who are people: one small paragraph for each class of error seen on unseen news,
// including the paragraphs that must yield no quote or no person. Names are made up.
import { describe, expect, it } from 'vitest';
import { extract, quoteWith } from './helpers.ts';

const speakers = (body: string) => extract(body).quotes.filter((q) => q.kind !== 'indirect').map((q) => [q.text, q.speaker?.name ?? null]);

describe('a surname that is also an English word', () => {
  it('"Kelly said", "Will said" name the speaker (they are not adverbs or auxiliaries)', () => {
    expect(speakers('Retired astronaut Mark Kelly spoke first.\n\n"Elections matter," Kelly said. "Look at the records."')).toEqual([
      ['Elections matter,', 'Mark Kelly'],
      ['Look at the records.', 'Mark Kelly'],
    ]);
    expect(speakers('Columnist Dana Will was unimpressed. "It was a coarse effusion," Will said.')).toEqual([['It was a coarse effusion,', 'Dana Will']]);
  });

  it('"later said" still skips the adverb to reach the speaker', () => {
    expect(speakers('"We are done," Ana Reyes later said.')).toEqual([['We are done,', 'Ana Reyes']]);
  });
});

describe('a place, an outlet or a plain noun phrase is not the speaker', () => {
  it('a place in an opening clause or a dateline', () => {
    expect(speakers('Speaking at a rally in Dayton, Ohio, Senator Jane Roe called the plan "a farce".')).toEqual([['a farce', 'Jane Roe']]);
    expect(speakers('Speaking at a town hall in Salem, New Hampshire, Tom Hale went after his rival, calling him "a total stiff."')).toEqual([['a total stiff.', 'Tom Hale']]);
    expect(speakers('Washington (AFP) – Ana Reyes has taken a swipe at her rival, saying that "bombastic comments" do harm.')).toEqual([['bombastic comments', 'Ana Reyes']]);
    expect(speakers('WASHINGTON — Tom Hale thought the party was "fractured".')).toEqual([['fractured', 'Tom Hale']]);
  });

  it('the outlet of an interview', () => {
    expect(speakers('Ana Reyes said in an interview with Politico that "the plan is dead."')).toEqual([['the plan is dead.', 'Ana Reyes']]);
    expect(speakers('"We have no plan," Ana Reyes told Politico in an interview.')).toEqual([['We have no plan,', 'Ana Reyes']]);
  });

  it('a heading before a signed quotation: the name before the colon', () => {
    expect(speakers('Pollsters agree - Carl Bialik: "One of the biggest lessons was a simple one."')).toEqual([['One of the biggest lessons was a simple one.', 'Carl Bialik']]);
  });
});

describe('speech verbs that were missed, so the quote went to the last name seen', () => {
  it.each(['shot back', 'fired back', 'quipped', 'retorted', 'countered', 'conceded', 'answered', 'pressed'])('"…," Hale %s', (verb) => {
    expect(speakers(`Ana Reyes attacked the plan of Tom Hale on Monday.\n\n"It is a good plan," Hale ${verb}.`)).toEqual([['It is a good plan,', 'Tom Hale']]);
  });

  it('the retort before its quotation', () => {
    expect(speakers('Ana Reyes spoke first. Tom Hale fired back: "That is a lie."')).toEqual([['That is a lie.', 'Tom Hale']]);
  });
});

describe('nested reports', () => {
  it('"X said Y called it …" credits Y, who used the words', () => {
    expect(speakers('Tom Hale said Ana Reyes called it "a farce".')).toEqual([['a farce', 'Ana Reyes']]);
  });

  it('"X said that Y described it as …" and "X told reporters he thought Y had …" credit X, who is quoted', () => {
    expect(speakers('Tom Hale said at a rally that Ana Reyes once described the pact as "the gold standard" of trade deals.')).toEqual([['the gold standard', 'Tom Hale']]);
    expect(speakers('After the debate, Tom Hale told reporters he thought Ana Reyes had "made up the story."')).toEqual([['made up the story.', 'Tom Hale']]);
  });

  it('a clause break between the two verbs leaves the quote with the nearer speaker', () => {
    expect(speakers('Tom Hale said he was pleased, and Ana Reyes described the talks as "a great meeting."')).toEqual([['a great meeting.', 'Ana Reyes']]);
  });

  it('"X said Y would call it …" credits X: Y has not said it', () => {
    expect(speakers('Tom Hale told voters that Ana Reyes would call it "a disaster".')).toEqual([['a disaster', 'Tom Hale']]);
  });
});

describe('things that are not quotes', () => {
  it('not responding to a request for comment reports no speech', () => {
    expect(extract('Tom Hale did not respond to an email seeking comment.').quotes).toEqual([]);
    expect(extract('Ana Reyes declined to comment on the report on Monday evening.').quotes).toEqual([]);
  });

  it("an email's subject line is not the sender's speech", () => {
    expect(extract('Tom Hale sent an email with the subject line "Budget update" on Monday.').quotes).toEqual([]);
    expect(extract('Ana Reyes wrote to staff. Subject: "Friday drinks."').quotes.map((q) => q.speaker?.name ?? null)).not.toContain('Ana Reyes');
  });
});

describe('a title between two quotes of one speaker', () => {
  it('`said on ABC\'s "This Week." "…"`: the second quote is still theirs', () => {
    expect(speakers('"We are not winning," Ana Reyes said on ABC\'s "This Week" on Sunday. "I think that is what we will hear."')).toEqual([
      ['We are not winning,', 'Ana Reyes'],
      ['I think that is what we will hear.', 'Ana Reyes'],
    ]);
  });
});

describe('a quote the text has from an outlet\'s report', () => {
  it('`…," X said, according to the Ledger.` credits the outlet, and the follow-on quote too', () => {
    expect(speakers('"We will not protest," Tom Hale said, according to the Daily Ledger. "It is settled."')).toEqual([
      ['We will not protest,', 'the Daily Ledger'],
      ['It is settled.', 'the Daily Ledger'],
    ]);
  });

  it('`According to the Ledger, X said …` credits the outlet', () => {
    expect(speakers('According to the Daily Ledger, campaign spokesman Tom Hale said Friday that "she would sign the bill."')).toEqual([
      ['she would sign the bill.', 'the Daily Ledger'],
    ]);
  });

  it('an outlet the speaker talked to is only the hearer', () => {
    expect(speakers('"We have no plan," Ana Reyes told the Daily Ledger.')).toEqual([['We have no plan,', 'Ana Reyes']]);
  });
});

describe('a quote standing alone after a sentence about a person', () => {
  it('`Doe praised the plan. "…"` continues that person, in the same or the next paragraph', () => {
    expect(speakers('Tom Hale, a baker, spoke next.\n\nHale praised the governor and his record on storms.\n\n"We need someone who cuts through it."')).toEqual([
      ['We need someone who cuts through it.', 'Tom Hale'],
    ]);
    expect(speakers('Ana Reyes touted her record on the bill. "We need to protect workers who organize."')).toEqual([
      ['We need to protect workers who organize.', 'Ana Reyes'],
    ]);
  });

  it('an imperative or heading word is not a person', () => {
    expect(speakers('Show humility\nFill in the gaps in his plan.\n\n"It comes across as too loud."').map(([, s]) => s)).not.toContain('Fill');
  });
});

describe('a surname that is a word never read as a name', () => {
  it('`…," From said.` names someone the article has introduced', () => {
    expect(speakers('Party founder Al From looked back.\n\nThe party had lost three elections in a row.\n\n"We had no credibility," From said. "That changed."')).toEqual([
      ['We had no credibility,', 'Al From'],
      ['That changed.', 'Al From'],
    ]);
  });

  it('the same word with nobody of that name is no speaker', () => {
    expect(speakers('"We had no credibility," From said.').map(([, s]) => s)).not.toContain('From');
  });
});

describe('a short phrase in the words of the sentence\'s named subject', () => {
  it('`Doe decried "systemic racism"` is a partial quote of Doe', () => {
    expect(speakers('Senator Ana Reyes decried the issue of "systemic racism" on Monday.')).toEqual([['systemic racism', 'Ana Reyes']]);
  });

  it('a possessive name only owns the noun: `Doe\'s strategy of "massive resistance"` stays out', () => {
    expect(speakers('Ironically, Tom Hale\'s strategy of "massive resistance" failed.')).toEqual([]);
  });
});

describe('an -ing cue after a speech verb goes on with that verb\'s speaker', () => {
  it('`…, Doe said, adding, "…"` is Doe, not the subject of the reported clause', () => {
    const x = extract('Marta Quist and Leon Abara will meet next week, Pia Sandoval said, adding, "They need to sit down and talk."');
    expect(quoteWith(x, 'sit down and talk').speaker?.name).toBe('Pia Sandoval');
  });

  it('words between the verb and its comma (`said Tuesday in Paris, noting`) keep the speaker', () => {
    const x = extract('Leon Abara’s plan is dead, Pia Sandoval said Tuesday in Paris, noting the plan “would never pass.”');
    expect(quoteWith(x, 'would never pass').speaker?.name).toBe('Pia Sandoval');
  });

  it('a speech noun after an article is not a verb that goes on (`delivered a Abara-style retort, tweeting`)', () => {
    const x = extract('Pia Sandoval delivered a Abara-style retort on the mogul’s favourite platform, tweeting at him, "you are just a loser, and you know it."');
    expect(quoteWith(x, 'you are just a loser').speaker?.name).toBe('Pia Sandoval');
  });
});

describe('a place or a noun phrase that is not the speaker', () => {
  it('`Doe told reporters in Springfield last week, "…"`: the place after `in` is not the clause subject', () => {
    const x = extract('Polls show Roe gaining.\n\nRoe told reporters in Nashton last week, "I have said all along that I could feel things happening here."');
    expect(quoteWith(x, 'I could feel things').speaker?.name).toBe('Roe');
  });

  it('`Doe delivered a snappy retort: "…"`: the noun after `a` is not a speech verb with its own speaker', () => {
    const x = extract('Senator Jane Roe listened. Jane Roe delivered a snappy retort: "No one is tearing this up. We are going to go forward."');
    expect(quoteWith(x, 'No one is tearing').speaker?.name).toBe('Jane Roe');
  });
});
