// A channel's digest subscription and the checks every source of one (command, config, database
// row) goes through, so a bad entry is reported the same way wherever it came from.
import type { Weekday } from '../commands/types.ts';
import type { ChannelAddress } from './types.ts';
import { isIanaZone, parseHhmm } from '../util/clock.ts';
import { BoundedMemo } from '../util/memo.ts';

export type Platform = ChannelAddress['platform'];

export interface SubscriptionSpec extends ChannelAddress {
  /** Local time `HH:MM`. */
  time: string;
  /** IANA zone. */
  timezone: string;
  weekdays: Weekday[];
}

export interface Subscription extends SubscriptionSpec {
  id: number;
  /** `command` rows were made in chat; `config` rows mirror `digest.subscriptions`. */
  origin: 'command' | 'config';
  createdAt: number;
  /** When its schedule last changed: dates due before this are not owed. */
  activeFrom: number;
  createdBy: string | null;
  /** Who last subscribed the channel in chat (told when its digest pauses); null for config rows. */
  subscribedBy: string | null;
  pausedReason: string | null;
  pausedAt: number | null;
}

/** A subscription that cannot run, with what is wrong, naming where it came from. */
export interface SubscriptionProblem {
  /** `digest.subscriptions[2]` or `database row 17`. */
  where: string;
  /** `slack:T1:C42` when the address is readable. */
  channel: string | null;
  message: string;
}

/**
 * The channel id shape of each platform a subscription may name, by platform id, in the order
 * messages list them. The platform registry (config/platforms/) holds them; core knows no platform.
 */
export type ChannelShapes = Readonly<Record<string, RegExp>>;

export function channelKey(a: ChannelAddress): string {
  return `${a.platform}:${a.workspace}:${a.channel}`;
}

/** Parses `platform:workspace:channel` (the workspace defaults to `local`), for one of `platforms`. */
export function parseChannelKey(key: string, platforms: readonly string[]): ChannelAddress | null {
  const parts = key.split(':');
  const platform = parts[0] as Platform;
  if (!platforms.includes(platform)) return null;
  if (parts.length === 2 && parts[1]) return { platform, workspace: 'local', channel: parts[1] };
  if (parts.length === 3 && parts[1] && parts[2]) return { platform, workspace: parts[1], channel: parts[2] };
  return null;
}

/**
 * Everything wrong with a spec, as short phrases; empty when it is fine. With `channels` (the
 * platform registry's shapes) the platform must be one of them and the channel its shape; without
 * (a stored row, written after these checks), any platform id will do.
 */
export function specProblems(
  s: {
    platform: unknown;
    workspace: unknown;
    channel: unknown;
    time: unknown;
    timezone: unknown;
    weekdays: unknown;
  },
  channels?: ChannelShapes,
): string[] {
  const out: string[] = [];
  const known = channels ? Object.keys(channels) : null;
  const platformOk = typeof s.platform === 'string' && (known ? known.includes(s.platform) : s.platform.length > 0);
  if (!platformOk) out.push(`unknown platform ${JSON.stringify(s.platform)}${known?.length ? ` (${list(known)})` : ''}`);
  if (typeof s.workspace !== 'string' || s.workspace.length === 0) out.push('missing workspace');
  if (typeof s.channel !== 'string' || s.channel.length === 0) out.push('missing channel');
  else if (platformOk && channels && !channels[s.platform as Platform]?.test(s.channel))
    out.push(`channel ${JSON.stringify(s.channel)} is not a ${s.platform} channel id`);
  if (typeof s.time !== 'string' || !parseHhmm(s.time))
    out.push(`time ${JSON.stringify(s.time)} is not a 24-hour HH:MM time (00:00–23:59)`);
  if (typeof s.timezone !== 'string' || !knownZone(s.timezone))
    out.push(`timezone ${JSON.stringify(s.timezone)} is not an IANA timezone such as Europe/London`);
  if (
    !Array.isArray(s.weekdays) ||
    s.weekdays.length === 0 ||
    !s.weekdays.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)
  )
    out.push(`weekdays ${JSON.stringify(s.weekdays)} must be a non-empty list of 1 (Mon) … 7 (Sun)`);
  return out;
}

function list(ids: readonly string[]): string {
  return ids.length === 1 ? ids[0]! : `${ids.slice(0, -1).join(', ')} or ${ids.at(-1)}`;
}

// Checking a zone builds an ICU formatter (native memory); every tick re-checks every row, so
// remember the answers. Zones are few; the bound only guards against a table full of garbage.
const zoneChecks = new BoundedMemo<string, boolean>(1000);
function knownZone(tz: string): boolean {
  return zoneChecks.getOr(tz, isIanaZone);
}

/** A subscription's days as they are typed (`mon-fri`, `daily`), so a message's days can be typed back. */
export { formatWeekdays } from '../util/weekdays.ts';
