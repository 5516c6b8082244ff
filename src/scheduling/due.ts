// Which digests a subscription owes at an instant: today's and yesterday's local dates (yesterday
// matters for late-evening times after downtime), each due once at its local time.
import type { Delivery, DeliveryLedgerPort } from '../store/types.ts';
import { addDays, dueInstant, localDateAt, weekdayOf, type LocalDate } from './local-time.ts';
import { channelKey, type Subscription } from '../core/delivery/subscription.ts';

export type DueAction =
  | { kind: 'post'; date: LocalDate; dueAt: number }
  | { kind: 'skip'; date: LocalDate; dueAt: number; lateByMs: number };

/** Caches local-time arithmetic shared by many subscriptions in one tick. */
export class LocalTimeCache {
  private readonly dates = new Map<string, LocalDate>();

  constructor(readonly now: number) {}

  today(zone: string): LocalDate {
    let d = this.dates.get(zone);
    if (d === undefined) this.dates.set(zone, (d = localDateAt(this.now, zone)));
    return d;
  }

  due(date: LocalDate, time: string, zone: string): number {
    return dueInstant(date, time, zone);
  }
}

/**
 * What to do for `sub` now. `rows` are its ledger rows by local date. A date with a row is done,
 * except a claim whose lease has expired or whose owner has exited, which is offered again so the
 * claim step can resolve it.
 */
export function dueActions(
  sub: Subscription,
  now: number,
  graceMs: number,
  rows: ReadonlyMap<LocalDate, Delivery> | undefined,
  cache: LocalTimeCache,
  /** Whether a claim's owner is known to have exited (so its claim is resolved without waiting for the lease). */
  ownerGone: (owner: string) => boolean = () => false,
): DueAction[] {
  if (sub.pausedReason) return [];
  const today = cache.today(sub.timezone);
  const out: DueAction[] = [];
  for (const date of [addDays(today, -1), today]) {
    if (!sub.weekdays.includes(weekdayOf(date))) continue;
    const dueAt = cache.due(date, sub.time, sub.timezone);
    if (dueAt > now || dueAt < sub.activeFrom) continue;
    const row = rows?.get(date);
    if (row) {
      if (row.status === 'claimed' && ((row.leaseUntil !== null && row.leaseUntil < now) || (row.owner !== null && ownerGone(row.owner)))) out.push({ kind: 'post', date, dueAt });
      continue;
    }
    const late = now - dueAt;
    out.push(late <= graceMs ? { kind: 'post', date, dueAt } : { kind: 'skip', date, dueAt, lateByMs: late });
  }
  return out;
}

/** How many days ahead nextDue looks (a week, and a day either side for zones). */
const NEXT_DUE_DAYS = 8;

/** The next instant after `now` at which `sub` is due and not yet delivered, within a week. */
export function nextDue(sub: Subscription, now: number, delivered: (date: LocalDate) => boolean): { date: LocalDate; at: number } | null {
  const today = localDateAt(now, sub.timezone);
  for (let i = 0; i <= NEXT_DUE_DAYS; i++) {
    const date = addDays(today, i);
    if (!sub.weekdays.includes(weekdayOf(date)) || delivered(date)) continue;
    const at = dueInstant(date, sub.time, sub.timezone);
    if (at >= now) return { date, at };
  }
  return null;
}

/** nextDue with the ledger as the record of what was delivered: the channel's rows for the coming days, read at once. */
export async function nextUndelivered(
  sub: Subscription,
  now: number,
  ledger: Pick<DeliveryLedgerPort, 'get'>,
): Promise<{ date: LocalDate; at: number } | null> {
  const today = localDateAt(now, sub.timezone);
  const key = channelKey(sub);
  const dates = Array.from({ length: NEXT_DUE_DAYS + 1 }, (_, i) => addDays(today, i));
  const rows = await Promise.all(dates.map((d) => ledger.get(key, d)));
  const delivered = new Set(dates.filter((_, i) => rows[i] !== null));
  return nextDue(sub, now, (d) => delivered.has(d));
}
