// Test doubles for digest scheduling: an in-memory article source and a recording poster whose
// outcomes a test scripts per channel.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DigestEntry } from '../../src/core/digest/types.ts';
import type { ChannelAddress, DeliveryOutcome, DigestPoster } from '../../src/core/delivery/types.ts';
import type { Extraction } from '../../src/core/model.ts';
import type { Reply } from '../../src/core/reply/types.ts';
import type { DigestSettings } from '../../src/scheduling/scheduler.ts';
import type { DigestArticles } from '../../src/store/types.ts';

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'digest-test-')), 'briefing.db');
}

export function entry(id: string, addedAt: number, title = `Article ${id}`): DigestEntry {
  const extraction: Extraction = {
    article: { id, path: `content/${id}.md`, title, published: '2025-02-17', publishedInferred: false, source: 'Test Outlet', url: `https://example.test/${id}`, tags: [] },
    quotes: [],
    people: [],
    facts: [],
  };
  return {
    extraction,
    addedAt,
    body: `${title} opened with a statement about the budget on Monday.\nOfficials said the plan would cost 2.5% of GDP over five years.\nThe talks are set to continue in the capital next week.`,
  };
}

export class MemorySource implements DigestArticles {
  constructor(public entries: DigestEntry[] = []) {}
  async articlesAddedSince(since: number): Promise<DigestEntry[]> {
    return this.entries.filter((e) => e.addedAt > since);
  }
  async latestArticles(limit: number): Promise<DigestEntry[]> {
    return [...this.entries].sort((a, b) => b.addedAt - a.addedAt).slice(0, limit);
  }
}

export interface RecordedPost {
  to: ChannelAddress;
  reply: Reply;
  at: number;
}

/** Records every post; `script` gives the outcomes for a channel in order (then success). */
export class RecordingPoster implements DigestPoster {
  readonly posts: RecordedPost[] = [];
  readonly attempts: RecordedPost[] = [];
  readonly script = new Map<string, (DeliveryOutcome | 'hang' | 'throw')[]>();
  private n = 0;

  constructor(
    readonly platform: ChannelAddress['platform'] = 'console',
    private readonly now: () => number = Date.now,
  ) {}

  async post(to: ChannelAddress, reply: Reply): Promise<DeliveryOutcome> {
    const rec = { to, reply, at: this.now() };
    this.attempts.push(rec);
    const next = this.script.get(to.channel)?.shift();
    if (next === 'hang') {
      // The message went out, then the process "died" before hearing back.
      this.posts.push(rec);
      return new Promise<DeliveryOutcome>(() => {});
    }
    if (next === 'throw') throw new Error('socket hang up');
    if (next) return next;
    this.posts.push(rec);
    return { ok: true, messageId: `m${++this.n}` };
  }

  postsTo(channel: string): RecordedPost[] {
    return this.posts.filter((p) => p.to.channel === channel);
  }
}

export function settings(over: Partial<DigestSettings['digest']> = {}, timezone = 'Europe/London'): DigestSettings {
  return {
    timezone,
    digest: { time: '08:00', weekdays: [1, 2, 3, 4, 5, 6, 7], graceMinutes: 120, whenNothingNew: 'skip', subscriptions: [], ...over },
  };
}

export function ctx(channel: string, platform: ChannelAddress['platform'] = 'console', workspace = 'local') {
  return { platform, workspace, channel, user: 'U1', canManage: true };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
