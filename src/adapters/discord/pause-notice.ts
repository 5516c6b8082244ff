// The direct message that tells whoever subscribed a channel that its digest paused: what Discord
// said, in words, and what brings the digest back. Sent over REST in both modes: open (or find) the
// DM channel with the person (POST /users/@me/channels), then post in it.
import { Routes, type REST } from 'discord.js';
import { commandIn } from '../../core/commands/help.ts';
import type { NoticeOutcome, PauseNotice } from '../../core/delivery/types.ts';
import { classifyError } from './errors.ts';

/** The notice's text (Discord markdown; `<#id>` links the channel for anyone who can see it). */
export function discordPauseNotice(n: PauseNotice): string {
  const here = `<#${n.channel.channel}>`;
  const resume = `\`${commandIn(n.resume, 'options')}\``;
  // The posters' detail: `403 50001: Missing Access`, `404 10003: Unknown Channel`, or words.
  const m = /^(\d{3}) (\d+): (.*)$/.exec(n.outcome.detail);
  const code = m ? Number(m[2]) : null;
  const said = m ? `(Discord said ${m[2]} ${m[3]})` : `(${n.outcome.detail})`;
  const lead = `I can no longer post the daily digest in ${here}:`;
  const paused = 'The digest is paused.';
  const grant = (perms: string) => `give my role ${perms} in that channel (Edit Channel → Permissions), then run ${resume} there.`;
  if (n.outcome.kind === 'channel_gone')
    return `${lead} the channel was deleted ${said}. ${paused} To get the digest in another channel, run ${resume} there.`;
  if (code === 50001)
    return `${lead} I cannot see that channel any more ${said}. ${paused} To resume it, ${grant('View Channel, Send Messages and Embed Links')}`;
  if (code === 50013)
    return `${lead} I am missing a permission I need there ${said}. ${paused} To resume it, ${grant('Send Messages and Embed Links (Send Messages in Threads for a thread)')}`;
  return `${lead} Discord no longer lets me post there ${said}. ${paused} To resume it, ${grant('View Channel, Send Messages and Embed Links')}`;
}

/** Sends the notice as a direct message; Discord's refusal (50007: the person allows no DMs) comes back as words. */
export async function sendPauseNotice(rest: REST, notice: PauseNotice): Promise<NoticeOutcome> {
  try {
    const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: notice.user } })) as { id: string };
    await rest.post(Routes.channelMessages(dm.id), { body: { content: discordPauseNotice(notice), allowed_mentions: { parse: [] } } });
    return { ok: true };
  } catch (err) {
    const f = classifyError(err);
    return { ok: false, detail: `${f.kind}: ${f.detail}` };
  }
}
