// `/brief feeds add <url>` and `feeds remove <url>`: the link may be a feed or a site's page (its
// feed is found through <link rel="alternate">). Adding checks the feed reads before following it,
// then polls it in the background so the command is answered at once.
import type { ChannelContext } from '../../core/commands/types.ts';
import { COMMAND_HELP } from '../../core/commands/usage.ts';
import { errorReply, infoReply } from '../../core/reply/make.ts';
import type { Reply } from '../../core/reply/types.ts';
import { scopeOf, type WebStore } from '../../store/web.ts';
import type { FoundFeedResult, WebReader } from '../reader.ts';
import type { FeedPoller } from './poller.ts';

export interface FeedSubscriberOptions {
  reader: WebReader;
  store: WebStore;
  poller: FeedPoller;
  intervalMs: number;
  now?: () => number;
}

export type { FoundFeedResult } from '../reader.ts';

export class FeedSubscriber {
  constructor(private readonly o: FeedSubscriberOptions) {}

  /** The feed at `link`, or the first feed its page links to. */
  find(link: string): Promise<FoundFeedResult> {
    return this.o.reader.findFeed(link);
  }

  async add(ctx: ChannelContext, link: string): Promise<Reply> {
    const found = await this.find(link);
    if (!found.ok) return errorReply(`Not followed: ${found.message}`, COMMAND_HELP.feeds.usage);
    const scope = scopeOf(ctx.platform, ctx.workspace);
    const channel = { platform: ctx.platform, workspace: ctx.workspace, channel: ctx.channel };
    const { feed, created, resumed, followed } = await this.o.store.addFeed(scope, found.url, { title: found.feed.title, channel, origin: 'command', now: (this.o.now ?? Date.now)() });
    const name = feed.title ?? found.feed.title ?? found.url;
    if (created || resumed) void this.o.poller.poll(feed.id);
    const every = `checked every ${Math.round(this.o.intervalMs / 60_000)} min`;
    const n = found.feed.entries.length;
    const entries = `${n} ${n === 1 ? 'entry' : 'entries'} now`;
    if (resumed) return infoReply(`Resumed: ${name}`, [`${found.url} is polled again (${every}); its failures are forgiven.`]);
    if (!followed && !created) return infoReply(`Already following: ${name}`, [`${found.url} (${every}). See ${COMMAND_HELP.feeds.usage.split(' | ')[0]!.replace(' add <url>', ' list')}.`]);
    return infoReply(`Following: ${name}`, [`${found.url}: ${entries}; new articles are added to the briefing as they appear (${every}) and go into this channel's digest.`]);
  }

  async remove(ctx: ChannelContext, link: string): Promise<Reply> {
    const scope = scopeOf(ctx.platform, ctx.workspace);
    const channel = { platform: ctx.platform, workspace: ctx.workspace, channel: ctx.channel };
    let url = link.trim();
    try {
      url = new URL(url).href;
    } catch {
      return errorReply(`'${link}' is not a URL; give the feed's address as feeds list shows it`, COMMAND_HELP.feeds.usage);
    }
    const { removed, feedGone } = await this.o.store.removeFeed(scope, url, channel);
    if (!removed) return errorReply(`this channel does not follow ${url} (see /brief feeds list)`, COMMAND_HELP.feeds.usage);
    return infoReply(`Stopped following: ${url}`, [feedGone ? 'No channel follows it any more, so it is no longer polled. Articles already added stay in the briefing.' : 'Other channels still follow it. Articles already added stay in the briefing.']);
  }
}
