// `digest.subscriptions` from config: each entry checked on its own, so one broken entry (24:61,
// an unknown zone, a platform with no token) is reported by position and the others still run.
import { CHANNEL_SHAPES } from '../config/platforms/index.ts';
import type { Weekday } from '../core/commands/types.ts';
import { channelKey, specProblems, type Platform, type SubscriptionProblem, type SubscriptionSpec } from '../core/delivery/subscription.ts';

export interface ConfigDefaults {
  timezone: string;
  weekdays: readonly number[];
}

export function parseConfigSubscriptions(
  entries: readonly unknown[],
  defaults: ConfigDefaults,
  configuredPlatforms: ReadonlySet<Platform>,
): { specs: SubscriptionSpec[]; problems: SubscriptionProblem[] } {
  const specs: SubscriptionSpec[] = [];
  const problems: SubscriptionProblem[] = [];
  const seen = new Map<string, number>();
  entries.forEach((raw, i) => {
    const where = `digest.subscriptions[${i}]`;
    if (typeof raw !== 'object' || raw === null) {
      problems.push({ where, channel: null, message: 'expected an object with platform, channel and time' });
      return;
    }
    const e = raw as Record<string, unknown>;
    const spec = {
      platform: e.platform,
      workspace: e.workspace ?? 'local',
      channel: e.channel,
      time: e.time,
      timezone: e.timezone ?? defaults.timezone,
      weekdays: e.weekdays ?? [...defaults.weekdays],
    };
    const channel = typeof e.channel === 'string' ? `${String(e.platform)}:${String(spec.workspace)}:${e.channel}` : null;
    const issues = specProblems(spec, CHANNEL_SHAPES);
    if (issues.length > 0) {
      problems.push({ where, channel, message: issues.join('; ') });
      return;
    }
    const ok = spec as SubscriptionSpec & { weekdays: Weekday[] };
    const key = channelKey(ok);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({ where, channel, message: `same channel as digest.subscriptions[${earlier}]; one subscription per channel, this entry is ignored` });
      return;
    }
    seen.set(key, i);
    specs.push(ok);
    // Kept in the store all the same: a run without this platform's token must not forget it.
    if (!configuredPlatforms.has(ok.platform))
      problems.push({ where, channel, message: `platform ${ok.platform} is not configured (no token), so this channel cannot be posted to until it is` });
  });
  return { specs, problems };
}

export function describeProblem(p: SubscriptionProblem): string {
  return `${p.where}${p.channel ? ` (${p.channel})` : ''}: ${p.message}`;
}
