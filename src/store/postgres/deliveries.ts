// The delivery ledger in PostgreSQL: one row per channel per local date, claimed before posting,
// so across any number of replicas each channel gets one digest a day. The same rules as the
// SQLite ledger (store/sqlite/deliveries.ts), with leases on the database's clock:
// - the claim is `INSERT … ON CONFLICT DO NOTHING`: the replica whose row went in owns the day;
// - a claim whose lease expired with nothing in flight is taken over by a guarded UPDATE;
// - a claim whose lease expired while a post was in flight becomes `unknown` and is never posted
//   again (it may have reached the channel).
// Every change is one statement whose WHERE re-checks the state, so two replicas racing on a row
// are serialised by its row lock and the loser's WHERE no longer matches.
// Callers pass their own `now` (the scheduler's clock, faketime in tests) for what is due and for
// the times the rows record (claimed, updated: what status shows, as on SQLite); a lease's length
// is `leaseUntil - now`, counted from the database's clock.
import type { ClaimArgs, ClaimResult, Delivery, DeliveryStatus, FinalStatus } from '../ledger.ts';
import { DB_NOW_MS, type PgMigration, type Pool } from './db.ts';

export const pgDeliveryMigrations: PgMigration[] = [
  {
    module: 'deliveries',
    version: 1,
    sql: `
      CREATE TABLE digest_deliveries (
        id              BIGSERIAL PRIMARY KEY,
        channel_key     TEXT NOT NULL,
        subscription_id BIGINT,
        local_date      TEXT NOT NULL,
        due_at          BIGINT NOT NULL,
        status          TEXT NOT NULL,
        owner           TEXT,
        lease_until     BIGINT,
        in_flight       BOOLEAN NOT NULL DEFAULT false,
        attempts        INTEGER NOT NULL DEFAULT 0,
        message_id      TEXT,
        reason          TEXT,
        covered_until   BIGINT,
        claimed_at      BIGINT,
        updated_at      BIGINT NOT NULL,
        UNIQUE (channel_key, local_date)
      );
      CREATE INDEX digest_deliveries_by_date ON digest_deliveries (local_date);
      CREATE INDEX digest_deliveries_by_channel ON digest_deliveries (channel_key, due_at);`,
  },
];

interface Row {
  id: number;
  channel_key: string;
  subscription_id: number | null;
  local_date: string;
  due_at: number;
  status: string;
  owner: string | null;
  lease_until: number | null;
  in_flight: boolean;
  attempts: number;
  message_id: string | null;
  reason: string | null;
  covered_until: number | null;
  updated_at: number;
}

const NOW = DB_NOW_MS;

export class PgDeliveryLedger {
  constructor(private readonly pool: Pool) {}

  /** Claims the channel's digest for `date`, or reports who already has it. */
  async claim(a: ClaimArgs): Promise<ClaimResult> {
    const inserted = await this.pool.query<Row>(
      `INSERT INTO digest_deliveries (channel_key, subscription_id, local_date, due_at, status, owner, lease_until, claimed_at, updated_at)
       VALUES ($1, $2, $3, $4, 'claimed', $5, ${NOW} + $6::bigint, $7, $7)
       ON CONFLICT (channel_key, local_date) DO NOTHING RETURNING *`,
      [a.key, a.subscriptionId, a.date, a.dueAt, a.owner, a.leaseMs, a.now],
    );
    if (inserted.rows[0]) return { claimed: true, delivery: fromRow(inserted.rows[0]), tookOver: false };

    // The owner vanished between attempts: nothing was in flight, so posting now is safe.
    const taken = await this.pool.query<Row>(
      `UPDATE digest_deliveries SET owner = $3, lease_until = ${NOW} + $4::bigint, updated_at = $5,
         reason = 'taken over from ' || coalesce(owner, '?') || ' after its lease expired between attempts'
       WHERE channel_key = $1 AND local_date = $2 AND status = 'claimed' AND NOT in_flight AND lease_until < ${NOW}
       RETURNING *`,
      [a.key, a.date, a.owner, a.leaseMs, a.now],
    );
    if (taken.rows[0]) return { claimed: true, delivery: fromRow(taken.rows[0]), tookOver: true };

    const unknown = await this.pool.query<Row>(
      `UPDATE digest_deliveries SET status = 'unknown', updated_at = $3,
         reason = coalesce(owner, 'an instance') || ' stopped while posting (lease expired ' ||
           to_char(to_timestamp(lease_until / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') ||
           '); the digest may or may not have reached the channel, so it is not posted again'
       WHERE channel_key = $1 AND local_date = $2 AND status = 'claimed' AND in_flight AND lease_until < ${NOW}
       RETURNING *`,
      [a.key, a.date, a.now],
    );
    if (unknown.rows[0]) return { claimed: false, delivery: fromRow(unknown.rows[0]) };
    const row = await this.get(a.key, a.date);
    if (!row) throw new Error(`delivery row for ${a.key} ${a.date} vanished`);
    // An owner on this host whose process has exited needs no lease to run out (a supervisor's
    // SIGKILL, a crash), as on SQLite. Guarded on the owner read, so one replica takes it.
    if (row.status === 'claimed' && row.owner !== null && row.owner !== a.owner && (a.ownerGone?.(row.owner) ?? false)) {
      const gone = row.inFlight
        ? await this.pool.query<Row>(
            `UPDATE digest_deliveries SET status = 'unknown', updated_at = $3,
               reason = owner || ' stopped while posting (its process has exited); the digest may or may not have reached the channel, so it is not posted again'
             WHERE id = $1 AND owner = $2 AND status = 'claimed' AND in_flight RETURNING *`,
            [row.id, row.owner, a.now],
          )
        : await this.pool.query<Row>(
            `UPDATE digest_deliveries SET owner = $3, lease_until = ${NOW} + $4::bigint, updated_at = $5,
               reason = 'taken over from ' || owner || ', whose process has exited, with nothing in flight'
             WHERE id = $1 AND owner = $2 AND status = 'claimed' AND NOT in_flight RETURNING *`,
            [row.id, row.owner, a.owner, a.leaseMs, a.now],
          );
      const r = gone.rows[0];
      if (r) return r.status === 'claimed' ? { claimed: true, delivery: fromRow(r), tookOver: true } : { claimed: false, delivery: fromRow(r) };
      const now = await this.get(a.key, a.date);
      return { claimed: false, delivery: now ?? row };
    }
    return { claimed: false, delivery: row };
  }

  /** Records a day missed beyond the grace window; a no-op when the day already has a row. */
  async recordSkipped(a: { key: string; subscriptionId: number; date: string; dueAt: number; reason: string; now: number }): Promise<boolean> {
    const res = await this.pool.query(
      `INSERT INTO digest_deliveries (channel_key, subscription_id, local_date, due_at, status, reason, updated_at)
       VALUES ($1, $2, $3, $4, 'skipped', $5, $6) ON CONFLICT (channel_key, local_date) DO NOTHING`,
      [a.key, a.subscriptionId, a.date, a.dueAt, a.reason, a.now],
    );
    return res.rowCount === 1;
  }

  /** Marks a post as in flight; false when this owner no longer holds the claim. */
  async beginAttempt(id: number, owner: string, now: number, leaseUntil: number): Promise<boolean> {
    return this.change(
      `in_flight = true, attempts = attempts + 1, lease_until = ${NOW} + $3::bigint, updated_at = $4`,
      [id, owner, Math.max(0, leaseUntil - now), now],
    );
  }

  /** After a temporary failure: nothing is in flight until the next attempt. */
  async betweenAttempts(id: number, owner: string, now: number, leaseUntil: number, reason: string): Promise<boolean> {
    return this.change(`in_flight = false, lease_until = ${NOW} + $3::bigint, reason = $4, updated_at = $5`, [id, owner, Math.max(0, leaseUntil - now), reason, now]);
  }

  async markSent(id: number, owner: string, now: number, messageId: string, coveredUntil: number): Promise<boolean> {
    return this.change(`status = 'sent', in_flight = false, message_id = $3, covered_until = $4, reason = NULL, updated_at = $5`, [id, owner, messageId, coveredUntil, now]);
  }

  async finishAs(id: number, owner: string, now: number, status: FinalStatus, reason: string, coveredUntil: number | null = null): Promise<boolean> {
    return this.change(`status = $3, in_flight = false, reason = $4, covered_until = coalesce($5, covered_until), updated_at = $6`, [id, owner, status, reason, coveredUntil, now]);
  }

  async rowsSince(date: string): Promise<Delivery[]> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM digest_deliveries WHERE local_date >= $1', [date]);
    return rows.map(fromRow);
  }

  async get(key: string, date: string): Promise<Delivery | null> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM digest_deliveries WHERE channel_key = $1 AND local_date = $2', [key, date]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async lastSent(key: string): Promise<Delivery | null> {
    const { rows } = await this.pool.query<Row>(`SELECT * FROM digest_deliveries WHERE channel_key = $1 AND status = 'sent' ORDER BY due_at DESC LIMIT 1`, [key]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async latest(key: string): Promise<Delivery | null> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM digest_deliveries WHERE channel_key = $1 ORDER BY due_at DESC, id DESC LIMIT 1', [key]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  private async change(set: string, params: unknown[]): Promise<boolean> {
    const res = await this.pool.query(`UPDATE digest_deliveries SET ${set} WHERE id = $1 AND owner = $2 AND status = 'claimed'`, params);
    return res.rowCount === 1;
  }
}

function fromRow(r: Row): Delivery {
  return {
    id: r.id,
    channelKey: r.channel_key,
    subscriptionId: r.subscription_id,
    localDate: r.local_date,
    dueAt: r.due_at,
    status: r.status as DeliveryStatus,
    owner: r.owner,
    leaseUntil: r.lease_until,
    inFlight: r.in_flight,
    attempts: r.attempts,
    messageId: r.message_id,
    reason: r.reason,
    coveredUntil: r.covered_until,
    updatedAt: r.updated_at,
  };
}
