// The delivery ledger: one row per channel per local date, claimed before posting. The UNIQUE key
// makes "exactly once per channel per day" a database fact rather than a scheduler habit: whichever
// instance inserts the row owns that day's digest, everyone else sees it and moves on.
import type { ClaimArgs, ClaimResult, Delivery, DeliveryStatus, FinalStatus } from '../ledger.ts';
import type { Db, Migration } from './db.ts';

export const deliveryMigrations: Migration[] = [
  {
    module: 'deliveries',
    version: 1,
    sql: `
      CREATE TABLE digest_deliveries (
        id              INTEGER PRIMARY KEY,
        channel_key     TEXT NOT NULL,
        subscription_id INTEGER,
        local_date      TEXT NOT NULL,
        due_at          INTEGER NOT NULL,
        status          TEXT NOT NULL,
        owner           TEXT,
        lease_until     INTEGER,
        in_flight       INTEGER NOT NULL DEFAULT 0,
        attempts        INTEGER NOT NULL DEFAULT 0,
        message_id      TEXT,
        reason          TEXT,
        covered_until   INTEGER,
        claimed_at      INTEGER,
        updated_at      INTEGER NOT NULL,
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
  in_flight: number;
  attempts: number;
  message_id: string | null;
  reason: string | null;
  covered_until: number | null;
  updated_at: number;
}

export class DeliveryLedger {
  private readonly insert;
  private readonly byKey;
  private readonly takeOver;
  private readonly toUnknown;
  private readonly begin;
  private readonly between;
  private readonly sent;
  private readonly finish;
  private readonly since;
  private readonly lastSentStmt;
  private readonly latestStmt;
  private readonly claimTx;

  constructor(db: Db) {
    this.insert = db.prepare(`
      INSERT INTO digest_deliveries
        (channel_key, subscription_id, local_date, due_at, status, owner, lease_until, reason, claimed_at, updated_at)
      VALUES (@key, @subscriptionId, @date, @dueAt, @status, @owner, @leaseUntil, @reason, @now, @now)
      ON CONFLICT (channel_key, local_date) DO NOTHING`);
    this.byKey = db.prepare<[string, string], Row>(
      'SELECT * FROM digest_deliveries WHERE channel_key = ? AND local_date = ?',
    );
    this.takeOver = db.prepare(`
      UPDATE digest_deliveries SET owner = @owner, lease_until = @leaseUntil, updated_at = @now,
        reason = 'taken over from ' || coalesce(owner, '?') || @why
      WHERE id = @id AND status = 'claimed' AND in_flight = 0 AND owner = @was`);
    this.toUnknown = db.prepare(`
      UPDATE digest_deliveries SET status = 'unknown', updated_at = @now, reason = @reason
      WHERE id = @id AND status = 'claimed' AND owner = @was`);
    this.begin = db.prepare(`
      UPDATE digest_deliveries SET in_flight = 1, attempts = attempts + 1, lease_until = @leaseUntil, updated_at = @now
      WHERE id = @id AND owner = @owner AND status = 'claimed'`);
    this.between = db.prepare(`
      UPDATE digest_deliveries SET in_flight = 0, lease_until = @leaseUntil, reason = @reason, updated_at = @now
      WHERE id = @id AND owner = @owner AND status = 'claimed'`);
    this.sent = db.prepare(`
      UPDATE digest_deliveries SET status = 'sent', in_flight = 0, message_id = @messageId,
        covered_until = @coveredUntil, reason = NULL, updated_at = @now
      WHERE id = @id AND owner = @owner AND status = 'claimed'`);
    this.finish = db.prepare(`
      UPDATE digest_deliveries SET status = @status, in_flight = 0, reason = @reason,
        covered_until = coalesce(@coveredUntil, covered_until), updated_at = @now
      WHERE id = @id AND owner = @owner AND status = 'claimed'`);
    this.since = db.prepare<[string], Row>('SELECT * FROM digest_deliveries WHERE local_date >= ?');
    this.lastSentStmt = db.prepare<[string], Row>(
      `SELECT * FROM digest_deliveries WHERE channel_key = ? AND status = 'sent' ORDER BY due_at DESC LIMIT 1`,
    );
    this.latestStmt = db.prepare<[string], Row>(
      'SELECT * FROM digest_deliveries WHERE channel_key = ? ORDER BY due_at DESC, id DESC LIMIT 1',
    );
    // IMMEDIATE takes the write lock up front, so two instances cannot both read "no row" and insert.
    this.claimTx = db.transaction(
      (a: ClaimArgs): ClaimResult => {
        const inserted = this.insert.run({
          key: a.key,
          subscriptionId: a.subscriptionId,
          date: a.date,
          dueAt: a.dueAt,
          status: 'claimed',
          owner: a.owner,
          leaseUntil: a.now + a.leaseMs,
          reason: null,
          now: a.now,
        });
        const row = this.byKey.get(a.key, a.date);
        if (!row) throw new Error(`delivery row for ${a.key} ${a.date} vanished inside its transaction`);
        if (inserted.changes === 1) return { claimed: true, delivery: fromRow(row), tookOver: false };
        const expired = row.status === 'claimed' && row.lease_until !== null && row.lease_until < a.now;
        // An owner on this host whose process has exited needs no lease to run out (a supervisor's SIGKILL, a crash).
        const gone = row.status === 'claimed' && !expired && row.owner !== null && row.owner !== a.owner && (a.ownerGone?.(row.owner) ?? false);
        if (expired || gone) {
          if (row.in_flight === 0) {
            // The owner vanished with nothing in flight (between attempts, or before posting): posting now is safe.
            const why = expired ? ' after its lease expired with nothing in flight' : ', whose process has exited, with nothing in flight';
            this.takeOver.run({ id: row.id, owner: a.owner, leaseUntil: a.now + a.leaseMs, now: a.now, was: row.owner, why });
            return { claimed: true, delivery: fromRow(this.byKey.get(a.key, a.date)!), tookOver: true };
          }
          this.toUnknown.run({
            id: row.id,
            now: a.now,
            was: row.owner,
            reason:
              `${row.owner ?? 'an instance'} stopped while posting (${expired ? `lease expired ${new Date(row.lease_until!).toISOString()}` : 'its process has exited'}); ` +
              'the digest may or may not have reached the channel, so it is not posted again',
          });
          return { claimed: false, delivery: fromRow(this.byKey.get(a.key, a.date)!) };
        }
        return { claimed: false, delivery: fromRow(row) };
      },
    );
  }

  /** Claims the channel's digest for `date`, or reports who already has it. */
  claim(a: ClaimArgs): ClaimResult {
    return this.claimTx.immediate(a);
  }

  /** Records a day missed beyond the grace window; a no-op when the day already has a row. */
  recordSkipped(a: { key: string; subscriptionId: number; date: string; dueAt: number; reason: string; now: number }): boolean {
    return (
      this.insert.run({ ...a, status: 'skipped', owner: null, leaseUntil: null }).changes === 1
    );
  }

  /** Marks a post as in flight; false when this owner no longer holds the claim. */
  beginAttempt(id: number, owner: string, now: number, leaseUntil: number): boolean {
    return this.begin.run({ id, owner, now, leaseUntil }).changes === 1;
  }

  /** After a temporary failure: nothing is in flight until `leaseUntil` (the next attempt). */
  betweenAttempts(id: number, owner: string, now: number, leaseUntil: number, reason: string): boolean {
    return this.between.run({ id, owner, now, leaseUntil, reason }).changes === 1;
  }

  markSent(id: number, owner: string, now: number, messageId: string, coveredUntil: number): boolean {
    return this.sent.run({ id, owner, now, messageId, coveredUntil }).changes === 1;
  }

  finishAs(id: number, owner: string, now: number, status: FinalStatus, reason: string, coveredUntil: number | null = null): boolean {
    return this.finish.run({ id, owner, now, status, reason, coveredUntil }).changes === 1;
  }

  /** Rows for dates on or after `date`, for the scheduler's per-tick view. */
  rowsSince(date: string): Delivery[] {
    return this.since.all(date).map(fromRow);
  }

  get(key: string, date: string): Delivery | null {
    const row = this.byKey.get(key, date);
    return row ? fromRow(row) : null;
  }

  lastSent(key: string): Delivery | null {
    const row = this.lastSentStmt.get(key);
    return row ? fromRow(row) : null;
  }

  latest(key: string): Delivery | null {
    const row = this.latestStmt.get(key);
    return row ? fromRow(row) : null;
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
    inFlight: r.in_flight === 1,
    attempts: r.attempts,
    messageId: r.message_id,
    reason: r.reason,
    coveredUntil: r.covered_until,
    updatedAt: r.updated_at,
  };
}
