// Digest subscriptions in SQLite: one row per channel. Rows are read back through the same checks
// as config entries, so a row damaged by hand is reported (and skipped) instead of stopping others.
import { writeDurably, type Db, type Migration } from './db.ts';
import type { ConfigSyncResult } from '../types.ts';
import { LEGACY_SOURCE, subscriptionFromRow as fromRow, weekdaysColumn, type SubscriptionRow } from '../subscription-rows.ts';
import type { ChannelAddress } from '../../core/delivery/types.ts';
import { channelKey, type Subscription, type SubscriptionProblem, type SubscriptionSpec } from '../../core/delivery/subscription.ts';

export { LEGACY_SOURCE };

export const subscriptionMigrations: Migration[] = [
  {
    module: 'subscriptions',
    version: 1,
    sql: `
      CREATE TABLE digest_subscriptions (
        id            INTEGER PRIMARY KEY,
        platform      TEXT NOT NULL,
        workspace     TEXT NOT NULL,
        channel       TEXT NOT NULL,
        time          TEXT NOT NULL,
        timezone      TEXT NOT NULL,
        weekdays      TEXT NOT NULL,
        origin        TEXT NOT NULL DEFAULT 'command',
        created_by    TEXT,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL,
        paused_reason TEXT,
        paused_at     INTEGER,
        UNIQUE (platform, workspace, channel)
      );`,
  },
  {
    // Config rows remember which config wrote them, so a run with another config (a cron job without
    // BRIEFING_CONFIG, a second deployment) never deletes them. Rows from before are the default's.
    module: 'subscriptions',
    version: 2,
    sql: `ALTER TABLE digest_subscriptions ADD COLUMN config_source TEXT;
          UPDATE digest_subscriptions SET config_source = '${LEGACY_SOURCE}' WHERE origin = 'config';`,
  },
  {
    // Who to tell when a digest pauses: whoever last subscribed the channel in chat (created_by
    // keeps the first). Rows from before have only their creator.
    module: 'subscriptions',
    version: 3,
    sql: `ALTER TABLE digest_subscriptions ADD COLUMN subscribed_by TEXT;
          UPDATE digest_subscriptions SET subscribed_by = created_by WHERE origin = 'command';`,
  },
];

type Row = SubscriptionRow;

export interface SubscriptionList {
  subscriptions: Subscription[];
  problems: SubscriptionProblem[];
}

export class SubscriptionStore {
  private readonly all;
  private readonly one;
  private readonly upsertStmt;
  private readonly removeStmt;
  private readonly pauseStmt;
  private readonly claimSourceStmt;

  constructor(private readonly db: Db) {
    this.all = db.prepare<[], Row>('SELECT * FROM digest_subscriptions ORDER BY id');
    this.one = db.prepare<[string, string, string], Row>(
      'SELECT * FROM digest_subscriptions WHERE platform = ? AND workspace = ? AND channel = ?',
    );
    this.upsertStmt = db.prepare(`
      INSERT INTO digest_subscriptions
        (platform, workspace, channel, time, timezone, weekdays, origin, config_source, created_by, subscribed_by, created_at, updated_at)
      VALUES (@platform, @workspace, @channel, @time, @timezone, @weekdays, @origin, @configSource, @createdBy, @createdBy, @now, @now)
      ON CONFLICT (platform, workspace, channel) DO UPDATE SET
        time = excluded.time, timezone = excluded.timezone, weekdays = excluded.weekdays,
        origin = excluded.origin, config_source = excluded.config_source, subscribed_by = excluded.subscribed_by,
        updated_at = excluded.updated_at, paused_reason = NULL, paused_at = NULL`);
    this.removeStmt = db.prepare('DELETE FROM digest_subscriptions WHERE platform = ? AND workspace = ? AND channel = ?');
    this.pauseStmt = db.prepare('UPDATE digest_subscriptions SET paused_reason = ?, paused_at = ? WHERE id = ? AND paused_reason IS NULL');
    this.claimSourceStmt = db.prepare('UPDATE digest_subscriptions SET config_source = ? WHERE id = ?');
  }

  /** Every subscription that reads back whole, and a problem for each row that does not. */
  list(): SubscriptionList {
    const subscriptions: Subscription[] = [];
    const problems: SubscriptionProblem[] = [];
    for (const row of this.all.iterate()) {
      const r = fromRow(row);
      if ('message' in r) problems.push(r);
      else subscriptions.push(r);
    }
    return { subscriptions, problems };
  }

  get(at: ChannelAddress): Subscription | SubscriptionProblem | null {
    const row = this.one.get(at.platform, at.workspace, at.channel);
    return row ? fromRow(row) : null;
  }

  /** Creates or replaces the channel's subscription; replacing clears a pause. */
  upsert(spec: SubscriptionSpec, origin: Subscription['origin'], createdBy: string | null, now: number, configSource: string | null = null): void {
    // Content cannot rebuild a subscription: durable even if the crash takes the -wal file.
    writeDurably(this.db, () => this.upsertStmt.run({
      platform: spec.platform,
      workspace: spec.workspace,
      channel: spec.channel,
      time: spec.time,
      timezone: spec.timezone,
      weekdays: weekdaysColumn(spec.weekdays),
      origin,
      configSource: origin === 'config' ? configSource ?? LEGACY_SOURCE : null,
      createdBy,
      now,
    }));
  }

  remove(at: ChannelAddress): boolean {
    return writeDurably(this.db, () => this.removeStmt.run(at.platform, at.workspace, at.channel).changes > 0);
  }

  /** Pauses a running subscription; false when it was paused already (or is gone). */
  pause(id: number, reason: string, now: number): boolean {
    return writeDurably(this.db, () => this.pauseStmt.run(reason, now, id).changes > 0);
  }

  /**
   * Mirrors the subscriptions of the config at `source` (its file): adds or updates that config's
   * rows, and drops the rows that config wrote and no longer lists. Rows another config wrote are
   * never touched (`otherConfig`), nor channels someone subscribed in chat (`kept`). Rows written
   * before sources were recorded count as this config's when it lists them, and are otherwise left.
   */
  syncConfig(specs: readonly SubscriptionSpec[], now: number, source = 'default'): ConfigSyncResult {
    const kept: string[] = [];
    const otherConfig: { channel: string; source: string }[] = [];
    const removed: string[] = [];
    this.db.transaction(() => {
      const wanted = new Set(specs.map(channelKey));
      for (const row of this.all.all()) {
        const key = `${row.platform}:${row.workspace}:${row.channel}`;
        if (row.origin === 'config' && row.config_source === source && !wanted.has(key)) {
          this.removeStmt.run(row.platform, row.workspace, row.channel);
          removed.push(key);
        }
      }
      for (const spec of specs) {
        const existing = this.one.get(spec.platform, spec.workspace, spec.channel);
        if (existing && existing.origin !== 'config') {
          kept.push(channelKey(spec));
          continue;
        }
        if (existing && existing.config_source !== source && existing.config_source !== LEGACY_SOURCE) {
          otherConfig.push({ channel: channelKey(spec), source: existing.config_source ?? LEGACY_SOURCE });
          continue;
        }
        const same =
          existing &&
          existing.config_source === source &&
          existing.time === spec.time &&
          existing.timezone === spec.timezone &&
          existing.weekdays === weekdaysColumn(spec.weekdays);
        // Unchanged rows keep their pause: a channel that is gone stays paused across restarts.
        if (same) continue;
        if (existing && existing.time === spec.time && existing.timezone === spec.timezone && existing.weekdays === weekdaysColumn(spec.weekdays)) {
          // Only claiming a legacy row for this source: the schedule (and so activeFrom, and a pause) is unchanged.
          this.claimSourceStmt.run(source, existing.id);
          continue;
        }
        this.upsert(spec, 'config', null, now, source);
      }
    })();
    return { kept, otherConfig, removed };
  }
}
