// Digest subscriptions in PostgreSQL: one row per channel, shared by every replica. The same rules
// as the SQLite store (store/sqlite/subscriptions.ts): rows read back through the config checks
// (store/subscription-rows.ts), replacing a subscription clears its pause, and a config sync only
// touches the rows its own config file wrote. Replicas starting together sync one at a time, under
// a transaction-scoped advisory lock, so two of them never interleave their adds and removals.
import type { ChannelAddress } from '../../core/delivery/types.ts';
import { channelKey, type Subscription, type SubscriptionProblem, type SubscriptionSpec } from '../../core/delivery/subscription.ts';
import { LEGACY_SOURCE, subscriptionFromRow, weekdaysColumn, type SubscriptionRow } from '../subscription-rows.ts';
import type { ConfigSyncResult, SubscriptionRepository } from '../types.ts';
import { transaction, type PgMigration, type Pool, type Queryable } from './db.ts';

export const pgSubscriptionMigrations: PgMigration[] = [
  {
    module: 'subscriptions',
    version: 1,
    sql: `
      CREATE TABLE digest_subscriptions (
        id            BIGSERIAL PRIMARY KEY,
        platform      TEXT NOT NULL,
        workspace     TEXT NOT NULL,
        channel       TEXT NOT NULL,
        time          TEXT NOT NULL,
        timezone      TEXT NOT NULL,
        weekdays      TEXT NOT NULL,
        origin        TEXT NOT NULL DEFAULT 'command',
        config_source TEXT,
        created_by    TEXT,
        created_at    BIGINT NOT NULL,
        updated_at    BIGINT NOT NULL,
        paused_reason TEXT,
        paused_at     BIGINT,
        UNIQUE (platform, workspace, channel)
      );`,
  },
  {
    // Who to tell when a digest pauses (as SQLite's subscriptions v3).
    module: 'subscriptions',
    version: 2,
    sql: `ALTER TABLE digest_subscriptions ADD COLUMN subscribed_by TEXT;
          UPDATE digest_subscriptions SET subscribed_by = created_by WHERE origin = 'command';`,
  },
];

/** Advisory lock key for config syncs ('brf' + 'sub'). */
const SYNC_LOCK = 0x627266_737562;

const UPSERT = `
  INSERT INTO digest_subscriptions
    (platform, workspace, channel, time, timezone, weekdays, origin, config_source, created_by, subscribed_by, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $10)
  ON CONFLICT (platform, workspace, channel) DO UPDATE SET
    time = excluded.time, timezone = excluded.timezone, weekdays = excluded.weekdays,
    origin = excluded.origin, config_source = excluded.config_source, subscribed_by = excluded.subscribed_by,
    updated_at = excluded.updated_at, paused_reason = NULL, paused_at = NULL`;

export class PgSubscriptions implements SubscriptionRepository {
  constructor(private readonly pool: Pool) {}

  async list(): Promise<{ subscriptions: Subscription[]; problems: SubscriptionProblem[] }> {
    const { rows } = await this.pool.query<SubscriptionRow>('SELECT * FROM digest_subscriptions ORDER BY id');
    const subscriptions: Subscription[] = [];
    const problems: SubscriptionProblem[] = [];
    for (const row of rows) {
      const r = subscriptionFromRow(row);
      if ('message' in r) problems.push(r);
      else subscriptions.push(r);
    }
    return { subscriptions, problems };
  }

  async get(at: ChannelAddress): Promise<Subscription | SubscriptionProblem | null> {
    const row = await one(this.pool, at);
    return row ? subscriptionFromRow(row) : null;
  }

  async upsert(spec: SubscriptionSpec, origin: Subscription['origin'], createdBy: string | null, now: number, configSource: string | null = null): Promise<void> {
    await upsert(this.pool, spec, origin, createdBy, now, configSource);
  }

  async remove(at: ChannelAddress): Promise<boolean> {
    const res = await this.pool.query('DELETE FROM digest_subscriptions WHERE platform = $1 AND workspace = $2 AND channel = $3', [at.platform, at.workspace, at.channel]);
    return (res.rowCount ?? 0) > 0;
  }

  async pause(id: number, reason: string, now: number): Promise<boolean> {
    const res = await this.pool.query('UPDATE digest_subscriptions SET paused_reason = $1, paused_at = $2 WHERE id = $3 AND paused_reason IS NULL', [reason, now, id]);
    return (res.rowCount ?? 0) > 0;
  }

  async syncConfig(specs: readonly SubscriptionSpec[], now: number, source = 'default'): Promise<ConfigSyncResult> {
    return transaction(this.pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [SYNC_LOCK]);
      const kept: string[] = [];
      const otherConfig: { channel: string; source: string }[] = [];
      const removed: string[] = [];
      const wanted = new Set(specs.map(channelKey));
      const { rows } = await c.query<SubscriptionRow>('SELECT * FROM digest_subscriptions ORDER BY id');
      for (const row of rows) {
        const key = `${row.platform}:${row.workspace}:${row.channel}`;
        if (row.origin === 'config' && row.config_source === source && !wanted.has(key)) {
          await c.query('DELETE FROM digest_subscriptions WHERE id = $1', [row.id]);
          removed.push(key);
        }
      }
      for (const spec of specs) {
        const existing = await one(c, spec);
        if (existing && existing.origin !== 'config') {
          kept.push(channelKey(spec));
          continue;
        }
        if (existing && existing.config_source !== source && existing.config_source !== LEGACY_SOURCE) {
          otherConfig.push({ channel: channelKey(spec), source: existing.config_source ?? LEGACY_SOURCE });
          continue;
        }
        const sameSchedule = existing && existing.time === spec.time && existing.timezone === spec.timezone && existing.weekdays === weekdaysColumn(spec.weekdays);
        // Unchanged rows keep their pause: a channel that is gone stays paused across restarts.
        if (sameSchedule && existing.config_source === source) continue;
        if (sameSchedule) {
          // Only claiming a legacy row for this source: the schedule (and so activeFrom, and a pause) is unchanged.
          await c.query('UPDATE digest_subscriptions SET config_source = $1 WHERE id = $2', [source, existing.id]);
          continue;
        }
        await upsert(c, spec, 'config', null, now, source);
      }
      return { kept, otherConfig, removed };
    });
  }
}

async function one(q: Queryable, at: ChannelAddress): Promise<SubscriptionRow | null> {
  const { rows } = await q.query<SubscriptionRow>('SELECT * FROM digest_subscriptions WHERE platform = $1 AND workspace = $2 AND channel = $3', [at.platform, at.workspace, at.channel]);
  return rows[0] ?? null;
}

async function upsert(q: Queryable, spec: SubscriptionSpec, origin: Subscription['origin'], createdBy: string | null, now: number, configSource: string | null): Promise<void> {
  await q.query(UPSERT, [
    spec.platform, spec.workspace, spec.channel, spec.time, spec.timezone, weekdaysColumn(spec.weekdays),
    origin, origin === 'config' ? configSource ?? LEGACY_SOURCE : null, createdBy, now,
  ]);
}
