// The direct message that tells whoever subscribed a channel that its digest paused: what Slack
// said, in words, and the two steps that bring the digest back. Sent with chat.postMessage to the
// user's id, which Slack delivers in the app's direct message with them (chat:write is enough).
import { commandIn } from '../../core/commands/help.ts';
import type { PauseNotice } from '../../core/delivery/types.ts';

const INVITE = '`/invite @briefing`';

/** The notice's mrkdwn text. */
export function slackPauseNotice(n: PauseNotice): string {
  const here = `<#${n.channel.channel}>`;
  const code = n.outcome.detail.split(' ')[0] ?? n.outcome.detail;
  const resume = `\`${commandIn(n.resume, 'text')}\``;
  const said = `(Slack said ${code})`;
  const lead = `I can no longer post the daily digest in ${here}:`;
  const paused = 'The digest is paused.';
  if (code === 'not_in_channel')
    return `${lead} I am not a member of that channel any more ${said}. ${paused} To resume it, invite me with ${INVITE} in ${here}, then run ${resume} there.`;
  if (code.startsWith('restricted_action'))
    return `${lead} the channel’s posting permissions no longer let me post there ${said}. ${paused} To resume it, let me post in ${here} (its posting permissions), then run ${resume} there.`;
  if (code === 'is_archived')
    return `${lead} the channel was archived ${said}. ${paused} If it is unarchived, invite me with ${INVITE} there, then run ${resume} in it; or run that command in another channel.`;
  if (code === 'channel_not_found')
    return `${lead} Slack cannot find that channel for me ${said}: it was deleted, or it is a private channel I was removed from. ${paused} If it still exists, invite me with ${INVITE} there, then run ${resume} in it; or run that command in another channel.`;
  return `${lead} Slack no longer lets me post there ${said}. ${paused} To resume it, make sure I am in ${here} (${INVITE}) and may post there, then run ${resume} there.`;
}
