// People with their roles: "NATO chief Jane Doe", "Health Secretary John Roe",
// "President Ivan Petrov's aide, Pavel Orlov", "Jane Doe, the NATO secretary general,".
import type { PeopleIndex } from './people.ts';
import { stripTitle } from './people.ts';
import { CAP_STOP, HEADS, TITLE } from './role-heads.ts';
import { adjacent, isCapitalised, type Word } from './words.ts';

export interface RoleHit {
  start: number;
  end: number;
  role: string;
  /** Canonical name of the role holder. */
  person: string;
  nameStart: number;
  nameEnd: number;
}

// Lower-case words that may stand inside a role before its head ("special envoy", "former chief").
const MODIFIERS = new Set(
  `former special senior deputy acting interim chief top foreign defence defense health home state
  national security press prime vice assistant associate executive military army navy opposition
  shadow junior lead economic finance trade justice energy interior education transport treasury
  intelligence armed forces cabinet government party campaign communications policy political
  regional local federal supreme high`.split(/\s+/),
);
const PARTICLES = new Set(['bin', 'al', 'el', 'de', 'del', 'da', 'dos', 'van', 'von', 'der', 'le', 'la', 'du', 'ibn']);

function isHead(w: Word): boolean {
  return HEADS.has(w.lower);
}

// Names have lower-case letters: all-capital words are acronyms or headline shouting ("BOSS THINKS").
const NAME_SHAPE = /\p{Ll}|^\p{Lu}\.?$/u;

function isNameWord(w: Word): boolean {
  return isCapitalised(w) && !CAP_STOP.has(w.norm) && !isHead(w) && NAME_SHAPE.test(w.raw);
}

/** A person's name starting at word i: optional title, capitalised words, particles inside. */
function nameAt(text: string, ws: Word[], i: number): { from: number; to: number; titled: boolean } | null {
  let k = i;
  let titled = false;
  if (k < ws.length && TITLE.has(ws[k]!.norm) && k + 1 < ws.length && adjacent(text, ws[k]!, ws[k + 1]!)) {
    titled = true;
    k++;
  }
  const first = k;
  while (k < ws.length && (k === first || adjacent(text, ws[k - 1]!, ws[k]!))) {
    const w = ws[k]!;
    if (PARTICLES.has(w.norm) && k + 1 < ws.length && k > first && isNameWord(ws[k + 1]!)) {
      k++;
      continue;
    }
    if (!isNameWord(w)) break;
    k++;
    if (w.possessive || k - first >= 4) break;
  }
  if (k === first) return null;
  return { from: titled ? first - 1 : first, to: k - 1, titled };
}

function nameText(text: string, ws: Word[], from: number, to: number): string {
  return text.slice(ws[from]!.start, ws[to]!.end).replace(/['’]s$/, '');
}

/** True when the words [from, to] are credible as a name: two words, a title, or a known person. */
function credibleName(name: string, words: number, titled: boolean, people: PeopleIndex): boolean {
  return words >= 2 || titled || people.knows(name);
}

export function findRoles(text: string, ws: Word[], people: PeopleIndex): RoleHit[] {
  const hits: RoleHit[] = [];
  for (let i = 0; i < ws.length; i++) {
    const head = ws[i]!;
    if (!isHead(head) || head.possessive) continue;
    // Use the last head of a run: "secretary general", "chief executive".
    if (i + 1 < ws.length && adjacent(text, head, ws[i + 1]!) && isHead(ws[i + 1]!) && !ws[i + 1]!.possessive) continue;
    // Lower-case heads inside running prose need a modifier or an owner to count as a title.
    let from = i;
    while (from > 0 && i - from < 5) {
      const p = ws[from - 1]!;
      if (!adjacent(text, p, ws[from]!) || p.possessive) break;
      const cap = isCapitalised(p);
      if (cap ? CAP_STOP.has(p.norm) && p.norm !== 'Former' : !MODIFIERS.has(p.norm) && !isHead(p)) break;
      from--;
    }
    // Complement: "Secretary of State", "Minister for Health".
    let roleEnd = i;
    const next = ws[i + 1];
    if (next && adjacent(text, head, next) && (next.raw === 'of' || next.raw === 'for')) {
      let k = i + 2;
      const run: number[] = [];
      while (k < ws.length && adjacent(text, ws[k - 1]!, ws[k]!) && run.length < 6) {
        const w = ws[k]!;
        if (!isCapitalised(w) && !/^(?:state|and|the|of|for|defence|defense|health|affairs)$/.test(w.raw)) break;
        run.push(k);
        k++;
        if (w.possessive) break;
      }
      let capTail = 0;
      while (capTail < run.length && isNameWord(ws[run[run.length - 1 - capTail]!]!)) capTail++;
      // "editor for the Roe Political Report": a complement with an article names an organisation,
      // all of it; a person's name there would follow a comma.
      const organisation = run.some((k) => ws[k]!.raw === 'the');
      // A name is the last two words, three with a middle initial ("John F. Doe").
      const initial = run.length >= 3 && /^\p{Lu}\.?$/u.test(ws[run[run.length - 2]!]!.raw) ? 1 : 0;
      const nameWords = organisation ? 0 : Math.min(capTail, 2 + initial, run.length - 1);
      if (run.length === 0) continue;
      roleEnd = run[run.length - 1 - nameWords]!;
    }
    // The name, if any, starts right after the role: inside the complement's capitalised tail
    // ("Secretary of State Jane Roe") or after it ("the president's secretary of state, Jane Roe").
    const nameStart = roleEnd + 1;
    const roleText = text.slice(ws[from]!.start, ws[roleEnd]!.end);
    const bareHeadOnly = from === i && roleEnd === i && !isCapitalised(head);

    // Owner: "President Ivan Petrov's aide, Pavel Orlov" -> aide to Ivan Petrov.
    const before = ws[from - 1];
    let owner: string | null = null;
    let ownerStart = from;
    if (before && before.possessive && isCapitalised(before) && adjacent(text, before, ws[from]!)) {
      let o = from - 1;
      while (o > 0 && adjacent(text, ws[o - 1]!, ws[o]!) && isNameWord(ws[o - 1]!) && from - o < 4) o--;
      owner = people.canonical(nameText(text, ws, o, from - 1));
      ownerStart = o;
    }

    // Forward: the name follows the role (a comma is allowed after an owner's role).
    if (nameStart < ws.length && (!bareHeadOnly || owner !== null)) {
      const n = ws[nameStart]!;
      const joined = adjacent(text, ws[roleEnd]!, n) || (owner !== null && /^,\s$/.test(text.slice(ws[roleEnd]!.end, n.start)));
      const nm = joined ? nameAt(text, ws, nameStart) : null;
      if (nm) {
        const written = nameText(text, ws, nm.from, nm.to);
        const words = nm.to - nm.from + 1 - (nm.titled ? 1 : 0);
        if (credibleName(written, words, nm.titled, people)) {
          hits.push({
            start: ws[ownerStart]!.start,
            end: ws[nm.to]!.end,
            role: owner ? `${roleText} to ${owner}` : roleText,
            person: people.canonical(stripTitle(written)),
            nameStart: ws[nm.from]!.start,
            nameEnd: ws[nm.to]!.end,
          });
          i = nm.to;
          continue;
        }
      }
    }

    // Apposition: "Jane Doe, the NATO secretary general," / "John Roe, the Prime Minister."
    if (bareHeadOnly && !owner) continue;
    let a = from - 1;
    if (a >= 0 && /^(?:the|a|an)$/i.test(ws[a]!.raw) && adjacent(text, ws[a]!, ws[from]!)) a--;
    const comma = a >= 0 ? text.slice(ws[a]!.end, ws[a + 1]!.start) : '';
    const after = text.slice(ws[roleEnd]!.end, ws[roleEnd]!.end + 2);
    if (a < 0 || !/^,\s+$/.test(comma) || !/^(?:[,.;:)]|$)/.test(after)) continue;
    let s = a;
    while (s > 0 && adjacent(text, ws[s - 1]!, ws[s]!) && (isNameWord(ws[s - 1]!) || TITLE.has(ws[s - 1]!.norm)) && a - s < 4) s--;
    if (!isNameWord(ws[a]!) || ws[a]!.possessive) continue;
    const written = nameText(text, ws, s, a);
    const titled = TITLE.has(ws[s]!.norm);
    if (!credibleName(written, a - s + 1 - (titled ? 1 : 0), titled, people)) continue;
    hits.push({
      start: ws[s]!.start,
      end: ws[roleEnd]!.end,
      role: owner ? `${roleText} to ${owner}` : roleText,
      person: people.canonical(stripTitle(written)),
      nameStart: ws[s]!.start,
      nameEnd: ws[a]!.end,
    });
  }
  return hits;
}
