// A digest subscription as both backends store it (one row per channel, weekdays as "1,2,3"), and
// the checks a row is read back through: the same as for config entries, so a row damaged by hand
// is reported as a problem (and skipped) instead of stopping the others.
import type { Weekday } from '../core/commands/types.ts';
import { specProblems, type Subscription, type SubscriptionProblem } from '../core/delivery/subscription.ts';

/** The source recorded for config rows written before sources were recorded. */
export const LEGACY_SOURCE = 'unrecorded';

export interface SubscriptionRow {
  id: number;
  platform: string;
  workspace: string;
  channel: string;
  time: string;
  timezone: string;
  weekdays: string;
  origin: string;
  config_source: string | null;
  created_by: string | null;
  /** Who last subscribed the channel in chat (subscriptions v3 / PostgreSQL v2). */
  subscribed_by: string | null;
  created_at: number;
  paused_reason: string | null;
  paused_at: number | null;
  updated_at: number;
}

/** The weekdays column: each day once, in order. */
export function weekdaysColumn(days: readonly number[]): string {
  return [...new Set(days)].sort().join(',');
}

export function subscriptionFromRow(row: SubscriptionRow): Subscription | SubscriptionProblem {
  const weekdays = /^\d(,\d)*$/.test(row.weekdays) ? row.weekdays.split(',').map(Number) : row.weekdays;
  const problems = specProblems({ ...row, weekdays });
  if (row.origin !== 'command' && row.origin !== 'config') problems.push(`unknown origin ${JSON.stringify(row.origin)}`);
  if (problems.length > 0) {
    return {
      where: `database row ${row.id} (digest_subscriptions)`,
      channel: `${String(row.platform)}:${String(row.workspace)}:${String(row.channel)}`,
      message: problems.join('; '),
    };
  }
  return {
    id: row.id,
    platform: row.platform as Subscription['platform'],
    workspace: row.workspace,
    channel: row.channel,
    time: row.time,
    timezone: row.timezone,
    weekdays: weekdays as Weekday[],
    origin: row.origin as Subscription['origin'],
    createdAt: row.created_at,
    activeFrom: row.updated_at,
    createdBy: row.created_by,
    subscribedBy: row.subscribed_by ?? null,
    pausedReason: row.paused_reason,
    pausedAt: row.paused_at,
  };
}
