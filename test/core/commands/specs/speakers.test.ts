import { describe, expect, it } from 'vitest';
import { renderText } from '../../../../src/adapters/console/render.ts';
import { brief, CONSOLE, openBriefing } from '../../../helpers/brief.ts';

describe('speakers', () => {
  it('ranks everyone quoted', async () => expect(await brief('speakers')).toMatch(/^Speakers\n\nKeir Starmer, Prime Minister: 27 quotes\n/));
  it('on a topic, from its best quotes', async () => expect(await brief('speakers troops')).toContain('Keir Starmer, Prime Minister: 4 quotes\nRichard Dannatt, Former British Army chief: 2 quotes'));
  it('`about` reads as the topic', async () => expect(await brief('speakers about troops')).toBe(await brief('speakers troops')));
  it('a topic nobody is quoted on', async () => expect(await brief('speakers zzqx')).toContain('Nobody in the briefing is quoted on zzqx.'));
  it('a topic word alone', async () => expect(await brief('speakers about')).toContain('speakers about needs a topic'));
  it('a misspelling', async () => expect(await brief('speakrs')).toContain("did you mean 'speakers'?"));

  it("names nobody quoted only in articles this channel may not see", async () => {
    // The launch article is hidden from this channel, as another workspace's link would be.
    const hidden = (id: string) => id.includes('starmer');
    const b = openBriefing({ visibility: () => (id) => !hidden(id) });
    const all = renderText(await b.run('speakers', CONSOLE));
    expect(all).not.toContain('Keir Starmer');
    expect(all).toContain('Donald Trump');
    expect(renderText(await b.run('speakers troops', CONSOLE))).not.toContain('Keir Starmer');
  });
});
