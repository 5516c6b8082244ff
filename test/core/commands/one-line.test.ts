// Every command, one line each, over a small real briefing (test/helpers/brief.ts): what a user
// types after /brief, and what they read back.
import { describe, expect, it } from 'vitest';
import { brief } from '../../helpers/brief.ts';

describe('commands, one line each', () => {
  it('quotes by a speaker', async () => expect(await brief('quotes Keir Starmer')).toContain('— Keir Starmer, Prime Minister'));
  it('quotes on a topic', async () => expect(await brief('quotes about troops')).toContain('British servicemen and women'));
  it('quotes by a speaker about a topic', async () => expect(await brief('quotes Starmer about troops')).toMatch(/^Quotes from Keir Starmer about troops/));
  it('who, by another name', async () => expect(await brief('who the PM')).toContain('Keir Starmer: Prime Minister'));
  it('who, not in the briefing', async () => expect(await brief('who Nobody Atall')).toContain('Nobody Atall does not appear in the briefing.'));
  it('facts on a topic', async () => expect(await brief('facts tax credits')).toContain('$ 170 billion'));
  it('ask, as a question on its own', async () => expect(await brief('what did Starmer say about troops')).toContain('Keir Starmer'));
  it('a misspelt command', async () => expect(await brief('quotse Starmer')).toContain("did you mean 'quotes'?"));
  it('help for one command', async () => expect(await brief('help quotes')).toMatch(/^\/brief quotes \[speaker\] \[about <topic>\]/));
  it('digest without a scheduler', async () => expect(await brief('digest status')).toContain('Digests are not enabled here'));
  it('add without the web module', async () => expect(await brief('add https://www.example.com/news/story')).toContain('Adding from the web is not enabled here'));
});
