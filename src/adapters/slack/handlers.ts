// The listeners: `/brief` (ack first, then the answer through response_url), the "Share in
// channel" button, and @mentions (answered in a thread). Each answer goes through the core's
// `Briefing.run` once; failures are logged and, where the user can see it, explained.
import type { App, RespondArguments, RespondFn, webApi } from '@slack/bolt';
import type { Briefing, ChannelContext } from '../../core/commands/types.ts';
import type { Reply } from '../../core/reply/types.ts';
import { mask, type Logger } from '../../log.ts';
import { renderReply, SHARE_ACTION_ID, type SlackMessage } from './blocks.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { failedReply, fromSlackText, MAX_INPUT_CHARS, mentionToCommand, stripBotMention, tooLongReply } from './input.ts';
import { classify, platformCode } from './web-errors.ts';

export interface HandlerDeps {
  briefing: Briefing;
  logger: Logger;
  /** Tracks answers in flight so `stop()` can let them finish. */
  track: <T>(work: Promise<T>) => Promise<T>;
}

export function registerHandlers(app: App, deps: HandlerDeps): void {
  const { logger: log } = deps;

  // `input` is plain text: decoded from Slack's markup, or our own share button's value.
  const answer = async (input: string, ctx: ChannelContext): Promise<{ reply: Reply; input: string }> => {
    if (input.length > MAX_INPUT_CHARS) return { reply: tooLongReply(input.length), input };
    try {
      return { reply: await deps.briefing.run(input, ctx), input };
    } catch (err) {
      log.error('briefing failed', { error: errText(err), input: input.slice(0, 200) });
      return { reply: failedReply(), input };
    }
  };

  // Any slash command routed to this app is ours, whatever name the workspace installed it under.
  app.command(/^\/.+/, async ({ command, ack, respond, client }) => {
    await ack();
    await deps.track(
      (async () => {
        // Let requests already waiting on the socket be acked before this answer takes the CPU.
        await new Promise((r) => setImmediate(r));
        const ctx = { ...context(command.team_id, command.channel_id, command.user_id), checkDelivery: deliveryCheck(client, command.channel_id, log) };
        const { reply, input } = await answer(fromSlackText(command.text ?? ''), ctx);
        const message = renderReply(reply, { shareValue: input });
        await respondSafely(respond, { response_type: 'ephemeral', ...message }, log);
      })(),
    );
  });

  app.action(SHARE_ACTION_ID, async ({ ack, body, action, respond, client }) => {
    await ack();
    await deps.track(
      (async () => {
        if (body.type !== 'block_actions' || action.type !== 'button') return;
        const channel = body.channel?.id ?? body.container?.channel_id;
        const userId = body.user?.id;
        if (!channel || !userId) {
          log.warn('share click without a channel or user; ignored', { channel: channel ?? null });
          return;
        }
        // A share from a thread stays in the thread.
        const thread_ts = (body.container as { thread_ts?: string } | undefined)?.thread_ts ?? (body.message as { thread_ts?: string } | undefined)?.thread_ts;
        const ctx = context(body.team?.id ?? body.user.team_id ?? '', channel, userId);
        const { reply, input } = await answer(action.value ?? '', ctx);
        if (reply.tone === 'error') {
          // Errors stay with the asker, even when the answer they shared has since failed.
          await respondSafely(respond, { response_type: 'ephemeral', replace_original: false, ...renderReply(reply) }, log);
          return;
        }
        const message = renderReply(reply, { byline: byline(userId, input) });
        // Through the click's response_url, as /brief itself answers: it posts wherever /brief
        // works (channels the bot was not invited to, DMs), which chat.postMessage cannot.
        const shared = await respondChecked(respond, { response_type: 'in_channel', replace_original: false, ...(thread_ts ? { thread_ts } : {}), ...message });
        if (shared.ok) {
          await respondSafely(respond, { delete_original: true }, log);
          return;
        }
        log.warn('share failed', { channel, status: shared.status, detail: shared.detail });
        const text = explainShareFailure(shared.status, input);
        const told = await respondChecked(respond, { response_type: 'ephemeral', replace_original: false, text });
        if (!told.ok) {
          // The response_url itself is spent: say it where the user is, if the bot may.
          try {
            await client.chat.postEphemeral({ channel, user: userId, text, ...(thread_ts ? { thread_ts } : {}) });
          } catch (err) {
            log.warn('could not tell the user that the share failed', { channel, kind: classify(err).kind });
          }
        }
      })(),
    );
  });

  const seenMentions = new RecentKeys(1000);
  app.event('app_mention', async ({ event, context: boltContext, client }) => {
    // Slack redelivers an event it thinks was lost; one mention gets one answer.
    if (seenMentions.seen(`${event.channel}/${event.ts}`)) {
      log.debug('skipped a redelivered mention', { channel: event.channel, ts: event.ts, retry: boltContext.retryNum });
      return;
    }
    await deps.track(
      (async () => {
        const text = mentionToCommand(fromSlackText(stripBotMention(event.text, boltContext.botUserId)));
        const ctx = { ...context(boltContext.teamId ?? event.team ?? '', event.channel, event.user ?? ''), checkDelivery: deliveryCheck(client, event.channel, log) };
        const { reply } = await answer(text, ctx);
        const message = renderReply(reply);
        const thread_ts = event.thread_ts ?? event.ts;
        try {
          if (reply.tone === 'error' && event.user) {
            // Errors are shown only to the asker: an ephemeral message in the thread.
            await client.chat.postEphemeral({ channel: event.channel, user: event.user, thread_ts, ...message });
          } else {
            await client.chat.postMessage({ channel: event.channel, thread_ts, ...message, unfurl_links: false, unfurl_media: false });
          }
        } catch (err) {
          const failure = classify(err);
          log.warn('mention reply failed', { channel: event.channel, kind: failure.kind, detail: failure.detail });
        }
      })(),
    );
  });

  app.error(async (err) => {
    log.error('slack listener failed', { error: errText(err) });
  });
}

/** What to tell someone subscribing where a digest could never arrive (issue: paused silently at the first delivery). */
export const SLACK_DELIVERY_PROBLEMS = {
  notMember: 'I am not a member of this channel, so a digest could never arrive here. Invite me with /invite @briefing, then subscribe again.',
  cannotSee:
    'I cannot post in this conversation (a direct message between people, or a private channel I was not added to), so a digest could never arrive here. Subscribe in a channel after inviting me with /invite @briefing, or in a direct message with me.',
  archived: 'This channel is archived, so a digest could never arrive here. Subscribe in a channel that is in use.',
} as const;

/**
 * Whether the bot can post digests into `channel`, asked with conversations.info before a
 * subscription is stored. When Slack cannot say (a missing scope, an outage), the subscription
 * goes ahead and the reason is logged: the first delivery will tell.
 */
function deliveryCheck(client: webApi.WebClient, channel: string, log: Logger): () => Promise<string | null> {
  return async () => {
    try {
      const res = await client.conversations.info({ channel });
      const c = res.channel as { is_member?: boolean; is_im?: boolean; is_archived?: boolean } | undefined;
      if (c?.is_archived) return SLACK_DELIVERY_PROBLEMS.archived;
      // The bot's own direct message with the user: it can always post there.
      if (c?.is_im) return null;
      if (c?.is_member === false) return SLACK_DELIVERY_PROBLEMS.notMember;
      return null;
    } catch (err) {
      if (platformCode(err) === 'channel_not_found') return SLACK_DELIVERY_PROBLEMS.cannotSee;
      log.warn('could not check whether digests can be posted here; subscribing unchecked', { channel, detail: classify(err).detail });
      return null;
    }
  };
}

/** A bounded set of recently seen keys (oldest forgotten first). */
class RecentKeys {
  private readonly keys = new Set<string>();
  constructor(private readonly max: number) {}
  seen(key: string): boolean {
    if (this.keys.has(key)) return true;
    this.keys.add(key);
    if (this.keys.size > this.max) this.keys.delete(this.keys.values().next().value!);
    return false;
  }
}

function context(team: string, channel: string, user: string): ChannelContext {
  // Slack sends no role with a command; any member of a channel may manage its digest, as with
  // Slack's own channel integrations.
  return { platform: 'slack', workspace: team, channel, user, canManage: true };
}

function byline(userId: string, input: string): string {
  const who = /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : 'Someone';
  return `${who} shared \`/brief ${escapeMrkdwn(input.replace(/`/g, "'"))}\``;
}

/** A response_url post's outcome: one retry covers a passing 5xx; a 4xx is final. */
async function respondChecked(respond: RespondFn, message: RespondArguments | SlackMessage): Promise<{ ok: true } | { ok: false; status: number | null; detail: string }> {
  for (let attempt = 1; ; attempt++) {
    let status: number | null = null;
    let detail: string;
    try {
      await respond(message as RespondArguments);
      return { ok: true };
    } catch (err) {
      status = typeof (err as { statusCode?: unknown }).statusCode === 'number' ? (err as { statusCode: number }).statusCode : null;
      detail = errText(err);
    }
    if (attempt >= 2 || (status !== null && status < 500)) return { ok: false, status, detail };
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Why a share did not happen, truthfully, with what to do. */
export function explainShareFailure(status: number | null, input: string): string {
  const again = `\`/brief ${input.replace(/`/g, "'")}\``;
  if (status === 404 || status === 410) {
    return `This answer can no longer be shared: Slack lets an answer be shared for 30 minutes after it was given, at most 5 times. Run ${again} again and share the new answer.`;
  }
  if (status !== null && status < 500) return `Slack refused to post this answer here (HTTP ${status}); it has been logged. The answer above is still yours to read.`;
  return 'Slack did not accept the share just now (it may be having trouble). Please press Share in channel again in a minute.';
}

/** response_url accepts a few posts in 30 minutes; one retry covers a passing 5xx. */
async function respondSafely(respond: RespondFn, message: RespondArguments | SlackMessage, log: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await respond(message as RespondArguments);
      return;
    } catch (err) {
      if (attempt >= 2) {
        log.error('could not answer through response_url', { error: errText(err) });
        return;
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

function errText(err: unknown): string {
  return mask(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
}
