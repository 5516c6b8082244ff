// Leadership for work only one replica may do at a time (ingesting the content folder and the
// feeds): a lease row, measured on the database's clock. The holder renews it every ttl/3; if the
// holder dies, the row expires and another replica takes it within ttl + one renewal interval.
// Each new holder gets a higher fencing token, so work started under an old lease can be told apart.
//
// Why a row rather than pg_advisory_lock: an advisory lock belongs to one session, so it is lost
// silently when that connection drops (a server restart, a network blip, a pool recycling it)
// while the holder may still be working, and it needs a connection pinned for as long as it is
// held. The row's expiry is explicit, survives restarts, and every replica can see who holds it.
import { DB_NOW_MS, type PgMigration, type Pool } from './db.ts';

export const pgLeaseMigrations: PgMigration[] = [
  {
    module: 'leases',
    version: 1,
    sql: `
      CREATE TABLE leases (
        name        TEXT PRIMARY KEY,
        holder      TEXT NOT NULL,
        token       BIGINT NOT NULL,
        acquired_at BIGINT NOT NULL,
        expires_at  BIGINT NOT NULL
      );`,
  },
];

export interface LeaseState {
  holder: string;
  token: number;
  acquiredAt: number;
  expiresAt: number;
  /** The database's clock when read. */
  now: number;
}

/** Takes or renews the lease; the fencing token when `holder` has it, null when another does. */
export async function acquireLease(pool: Pool, name: string, holder: string, ttlMs: number): Promise<number | null> {
  const { rows } = await pool.query<{ token: number }>(
    `INSERT INTO leases AS l (name, holder, token, acquired_at, expires_at)
     VALUES ($1, $2, 1, ${DB_NOW_MS}, ${DB_NOW_MS} + $3::bigint)
     ON CONFLICT (name) DO UPDATE SET
       holder = excluded.holder,
       expires_at = excluded.expires_at,
       token = CASE WHEN l.holder = excluded.holder THEN l.token ELSE l.token + 1 END,
       acquired_at = CASE WHEN l.holder = excluded.holder THEN l.acquired_at ELSE excluded.acquired_at END
     WHERE l.holder = excluded.holder OR l.expires_at < ${DB_NOW_MS}
     RETURNING token`,
    [name, holder, Math.round(ttlMs)],
  );
  return rows[0]?.token ?? null;
}

/**
 * Gives the lease up at once (a clean stop), so another replica need not wait for it to expire.
 * The row stays, expired, so the next holder's fencing token is still higher than this one's.
 */
export async function releaseLease(pool: Pool, name: string, holder: string): Promise<void> {
  await pool.query(`UPDATE leases SET expires_at = ${DB_NOW_MS} - 1 WHERE name = $1 AND holder = $2`, [name, holder]);
}

export async function readLease(pool: Pool, name: string): Promise<LeaseState | null> {
  const { rows } = await pool.query<{ holder: string; token: number; acquired_at: number; expires_at: number; now: number }>(
    `SELECT holder, token, acquired_at, expires_at, ${DB_NOW_MS} AS now FROM leases WHERE name = $1`,
    [name],
  );
  const r = rows[0];
  return r ? { holder: r.holder, token: r.token, acquiredAt: r.acquired_at, expiresAt: r.expires_at, now: r.now } : null;
}

export interface LeaderOptions {
  pool: Pool;
  name: string;
  holder: string;
  ttlMs: number;
  /** Called when this replica becomes the holder, with its fencing token. */
  onLead: (token: number) => void | Promise<void>;
  /** Called when it stops being the holder (another took it, or renewals failed for a ttl). */
  onLose: (why: string) => void | Promise<void>;
  onError?: (err: unknown) => void;
}

export interface Leader {
  readonly leading: boolean;
  readonly token: number | null;
  stop(): Promise<void>;
}

/**
 * Tries for the lease every ttl/3 and keeps it renewed while held. When renewals fail or hang (the
 * database unreachable), the holder steps down on its own 2/3 of a ttl after it sent the last
 * renewal that succeeded, on its own monotonic clock: that is before the row can expire on the
 * database's clock, so two replicas never both believe they lead.
 */
export function runForLease(opts: LeaderOptions): Leader {
  const every = Math.max(50, Math.floor(opts.ttlMs / 3));
  let token: number | null = null;
  let lastRenewed = 0;
  let stopped = false;
  let ticking: Promise<void> = Promise.resolve();

  const lose = async (why: string) => {
    if (token === null) return;
    token = null;
    await opts.onLose(why);
  };

  const stepDownAfter = (opts.ttlMs * 2) / 3;
  const overdue = () => token !== null && performance.now() - lastRenewed > stepDownAfter;
  const tick = async () => {
    if (stopped) return;
    const sentAt = performance.now();
    try {
      const got = await acquireLease(opts.pool, opts.name, opts.holder, opts.ttlMs);
      if (stopped) return;
      if (got === null) {
        await lose('another replica holds the lease');
      } else {
        lastRenewed = sentAt;
        if (token !== got) {
          token = got;
          await opts.onLead(got);
        }
      }
    } catch (err) {
      opts.onError?.(err);
      if (overdue()) await lose('could not renew the lease within its ttl');
    }
  };
  const timer = setInterval(() => {
    // Checked here too, not only after a renewal returns: a renewal may hang.
    if (overdue()) void lose('could not renew the lease within its ttl');
    ticking = ticking.then(tick);
  }, every);
  timer.unref?.();
  ticking = ticking.then(tick);

  return {
    get leading() {
      return token !== null;
    },
    get token() {
      return token;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await ticking;
      if (token !== null) {
        token = null;
        await releaseLease(opts.pool, opts.name, opts.holder).catch((err) => opts.onError?.(err));
      }
    },
  };
}
