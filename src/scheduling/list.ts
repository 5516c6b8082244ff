// Every subscription on one line each, for `briefing digest --list`: where, when, next, last.
import type { Db } from '../store/sqlite/db.ts';
import { migrateDigestTables } from './scheduler.ts';
import { DeliveryLedger } from '../store/sqlite/deliveries.ts';
import { SubscriptionStore } from '../store/sqlite/subscriptions.ts';
import { nextDue } from './due.ts';
import { formatLocal } from './local-time.ts';
import { channelKey, formatWeekdays, type SubscriptionProblem } from '../core/delivery/subscription.ts';

export function listSubscriptions(db: Db, now: number): { lines: string[]; problems: SubscriptionProblem[] } {
  migrateDigestTables(db);
  const ledger = new DeliveryLedger(db);
  const { subscriptions, problems } = new SubscriptionStore(db).list();
  const lines = subscriptions.map((s) => {
    const key = channelKey(s);
    const last = ledger.latest(key);
    const next = s.pausedReason ? null : nextDue(s, now, (d) => ledger.get(key, d) !== null);
    return [
      key,
      `${s.time} ${s.timezone} ${formatWeekdays(s.weekdays)}`,
      s.origin,
      s.pausedReason ? `PAUSED: ${s.pausedReason}` : `next ${next ? formatLocal(next.at, s.timezone) : 'none this week'}`,
      `last ${last ? `${last.localDate} ${last.status}${last.reason ? ` (${last.reason})` : ''}` : 'none'}`,
    ].join(' | ');
  });
  return { lines, problems };
}
