// Every subscription on one line each, for `briefing digest --list`: where, when, next, last.
import type { DigestStorage } from '../store/types.ts';
import { nextUndelivered } from './due.ts';
import { formatLocal } from './local-time.ts';
import { channelKey, formatWeekdays, type SubscriptionProblem } from '../core/delivery/subscription.ts';

export async function listSubscriptions(storage: DigestStorage, now: number): Promise<{ lines: string[]; problems: SubscriptionProblem[] }> {
  const ledger = storage.deliveries;
  const { subscriptions, problems } = await storage.subscriptions.list();
  const lines: string[] = [];
  for (const s of subscriptions) {
    const key = channelKey(s);
    const last = await ledger.latest(key);
    const next = s.pausedReason ? null : await nextUndelivered(s, now, ledger);
    lines.push([
      key,
      `${s.time} ${s.timezone} ${formatWeekdays(s.weekdays)}`,
      s.origin,
      s.pausedReason ? `PAUSED: ${s.pausedReason}` : `next ${next ? formatLocal(next.at, s.timezone) : 'none this week'}`,
      `last ${last ? `${last.localDate} ${last.status}${last.reason ? ` (${last.reason})` : ''}` : 'none'}`,
    ].join(' | '));
  }
  return { lines, problems };
}
