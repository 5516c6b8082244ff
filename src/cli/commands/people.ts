// `briefing people [--json]`: who is who across content/, merged by name.
import type { Person } from '../../core/model.ts';
import type { CliCommand } from '../main.ts';
import { extractContent } from './_content.ts';
import { formatPerson } from './_format.ts';

export const command: CliCommand = {
  async run({ values }, io) {
    const json = values.json === true;
    const { extractions, failed } = extractContent(io);
    const merged = new Map<string, Person & { articles: string[] }>();
    for (const x of extractions) {
      for (const p of x.people) {
        const m = merged.get(p.id) ?? { ...p, roles: [], aliases: [], mentions: 0, quotes: 0, articles: [] };
        for (const r of p.roles) if (!m.roles.includes(r)) m.roles.push(r);
        for (const a of p.aliases) if (!m.aliases.includes(a)) m.aliases.push(a);
        m.mentions += p.mentions;
        m.quotes += p.quotes;
        m.articles.push(x.article.id);
        merged.set(p.id, m);
      }
    }
    const people = [...merged.values()].sort((a, b) => b.quotes - a.quotes || b.mentions - a.mentions);
    for (const p of people) io.out(json ? `${JSON.stringify(p)}\n` : formatPerson(p));
    return failed ? 1 : 0;
  },
};
