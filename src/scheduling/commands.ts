// `/brief digest subscribe|unsubscribe|status|preview`: the DigestCommands the command executor
// calls, over the same store and ledger the scheduler uses.
import { nothingNewDigest } from '../core/digest/compose.ts';
import type { ChannelVisibilityFor } from '../core/commands/visibility.ts';
import { digestToReply } from '../core/digest/reply.ts';
import type { ChannelContext, DigestCommands, Weekday } from '../core/commands/types.ts';
import type { Reply, TextItem } from '../core/reply/types.ts';
import type { Delivery, DigestArticles, DigestStorage } from '../store/types.ts';
import { systemClock, type Clock } from './clock.ts';
import { nextUndelivered } from './due.ts';
import { formatLocal } from './local-time.ts';
import type { DigestSettings } from './scheduler.ts';
import { digestFromStore } from './window.ts';
import { channelKey, formatWeekdays, specProblems, type Subscription } from '../core/delivery/subscription.ts';

const SUBSCRIBE_USAGE = '/brief digest subscribe HH:MM [timezone] [weekdays]';

export interface DigestCommandOptions {
  /** The subscriptions and the delivery ledger, as the scheduler sees them. */
  storage: DigestStorage;
  source: DigestArticles;
  /** Whose articles the preview may include. */
  visibility?: ChannelVisibilityFor;
  config: DigestSettings;
  clock?: Clock;
}

export function createDigestCommands(opts: DigestCommandOptions): DigestCommands {
  const { subscriptions: store, deliveries: ledger } = opts.storage;
  const clock = opts.clock ?? systemClock;

  const readSub = async (ctx: ChannelContext): Promise<Subscription | Reply | null> => {
    const found = await store.get(ctx);
    if (found && 'message' in found)
      return error('This channel’s digest subscription is damaged', `${found.where}: ${found.message}. Subscribe again to replace it.`, SUBSCRIBE_USAGE);
    return found;
  };

  return {
    async subscribe(ctx, spec) {
      if (!ctx.canManage)
        return error('You cannot change this channel’s digest', 'Only people who can manage the channel can subscribe it to the daily digest.', SUBSCRIBE_USAGE);
      const existing = await store.get(ctx);
      const current = existing && !('message' in existing) ? existing : null;
      const full = {
        platform: ctx.platform,
        workspace: ctx.workspace,
        channel: ctx.channel,
        time: spec.time,
        timezone: spec.timezone ?? current?.timezone ?? opts.config.timezone,
        weekdays: spec.weekdays ?? current?.weekdays ?? (opts.config.digest.weekdays as Weekday[]),
      };
      // The platform gave us the channel; only what the user typed can be wrong.
      const problems = specProblems(full).filter((p) => !p.startsWith('channel '));
      if (problems.length > 0) return error('Cannot subscribe this channel', problems.join('; '), SUBSCRIBE_USAGE);
      const now = clock.now();
      await store.upsert(full, 'command', ctx.user, now);
      const sub = (await store.get(ctx)) as Subscription;
      const next = await nextUndelivered(sub, now, ledger);
      const items: TextItem[] = [
        { type: 'text', text: `Daily digest at ${sub.time} ${sub.timezone}, ${formatWeekdays(sub.weekdays)}.` },
        { type: 'text', text: next ? `Next: ${formatLocal(next.at, sub.timezone)}.` : 'No digest is due in the coming week.' },
      ];
      if (current?.pausedReason) items.push({ type: 'text', text: `Resumed (it was paused: ${current.pausedReason}).` });
      return info(current ? 'Digest subscription updated' : 'Digest subscribed', items);
    },

    async unsubscribe(ctx) {
      if (!ctx.canManage)
        return error('You cannot change this channel’s digest', 'Only people who can manage the channel can unsubscribe it.', '/brief digest unsubscribe');
      const existing = await store.get(ctx);
      if (existing && !('message' in existing) && existing.origin === 'config')
        return error(
          'This channel’s digest is set in the config',
          'Remove it from digest.subscriptions in the config; a restart would bring it back otherwise.',
          '/brief digest unsubscribe',
        );
      const removed = await store.remove(ctx);
      return info(removed ? 'Digest unsubscribed' : 'No digest here', [
        { type: 'text', text: removed ? 'This channel will no longer get the daily digest.' : 'This channel has no digest subscription.' },
      ]);
    },

    async status(ctx) {
      const sub = await readSub(ctx);
      if (sub && 'tone' in sub) return sub;
      if (!sub)
        return info('No digest here', [{ type: 'text', text: `This channel has no digest subscription. Subscribe with ${SUBSCRIBE_USAGE}.` }]);
      const now = clock.now();
      const key = channelKey(sub);
      const items: TextItem[] = [
        { type: 'text', text: `Time: ${sub.time} ${sub.timezone}, ${formatWeekdays(sub.weekdays)}${sub.origin === 'config' ? ' (from config)' : ''}.` },
      ];
      if (sub.pausedReason) {
        items.push({
          type: 'text',
          text: `Paused since ${formatLocal(sub.pausedAt ?? now, sub.timezone)}: ${sub.pausedReason}. Subscribe again to resume.`,
        });
      } else {
        const next = await nextUndelivered(sub, now, ledger);
        items.push({ type: 'text', text: next ? `Next digest: ${formatLocal(next.at, sub.timezone)}.` : 'No digest is due in the coming week.' });
      }
      const last = await ledger.latest(key);
      items.push({ type: 'text', text: last ? `Last delivery: ${describeDelivery(last, sub.timezone)}.` : 'Last delivery: none yet.' });
      return info('Digest status', items);
    },

    async preview(ctx) {
      const sub = await readSub(ctx);
      if (sub && 'tone' in sub) return sub;
      const zone = sub?.timezone ?? opts.config.timezone;
      const now = clock.now();
      const since = (await ledger.lastSent(channelKey(ctx)))?.coveredUntil ?? null;
      const policy = opts.config.digest.whenNothingNew;
      const digest = await digestFromStore(opts.source, opts.visibility?.(ctx) ?? null, { since, now, zone, whenNothingNew: policy });
      if (digest) return digestToReply(digest, { zone });
      const reply = digestToReply(nothingNewDigest(now, since), { zone });
      reply.notes.push('With whenNothingNew: skip, no digest would be posted.');
      return reply;
    },
  };
}

function describeDelivery(d: Delivery, zone: string): string {
  const when = formatLocal(d.updatedAt, zone);
  switch (d.status) {
    case 'sent':
      return `posted ${when}`;
    case 'nothing_new':
      return `${d.localDate}, nothing new to post`;
    case 'claimed':
      return `${d.localDate}, in progress${d.reason ? ` (${d.reason})` : ''}`;
    default:
      return `${d.localDate}, ${d.status}${d.reason ? `: ${d.reason}` : ''}`;
  }
}

function info(title: string, items: TextItem[]): Reply {
  return { tone: 'info', title, sections: [{ items }], notes: [], more: 0 };
}

function error(title: string, detail: string, usage: string): Reply {
  return { tone: 'error', title, sections: [{ items: [{ type: 'text', text: detail }] }], notes: [], more: 0, usage };
}
