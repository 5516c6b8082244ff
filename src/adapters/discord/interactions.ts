// Answers `/brief` interactions: options -> grammar text -> Briefing.run -> embeds. Discord drops
// an interaction not answered within 3 s, so a slow answer is deferred first and edited in later.
// Errors are ephemeral. Nothing here throws: a failed reply is logged and the client keeps serving.
import {
  MessageFlags,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { Briefing, ChannelContext } from '../../core/commands/types.ts';
import type { Reply } from '../../core/reply/types.ts';
import type { Logger } from '../../log.ts';
import { toCommandText, type RawOption } from './command-text.ts';
import { COMMAND_NAME } from './definition.ts';
import { renderReply } from './embeds.ts';

export interface InteractionDeps {
  briefing: Briefing;
  logger: Logger;
  /** Answers ready within this many ms are sent directly; slower ones are deferred first. */
  deferAfterMs: number;
}

export function errorReply(message: string, usage?: string): Reply {
  return { tone: 'error', title: 'Cannot do that', sections: [{ items: [{ type: 'text', text: message }] }], notes: [], more: 0, ...(usage ? { usage } : {}) };
}

const MANAGE_NEEDED =
  "Changing this channel's digest needs the Manage Channels permission. Ask someone who has it, or see the schedule with /brief digest status.";

export async function handleCommand(interaction: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  const started = Date.now();
  try {
    if (interaction.commandName !== COMMAND_NAME) {
      await send(interaction, errorReply(`/${interaction.commandName} is not a command of this bot any more. Try /brief help.`, '/brief help'), false);
      return;
    }
    const inv = toCommandText(interaction.options.data as readonly RawOption[]);
    if (!inv.ok) {
      await send(interaction, errorReply(inv.error, inv.usage), false);
      return;
    }
    const canManage = interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false;
    if (inv.needsManage && !canManage) {
      await send(interaction, errorReply(MANAGE_NEEDED), false);
      return;
    }
    const ctx: ChannelContext = {
      platform: 'discord',
      workspace: interaction.guildId ?? 'dm',
      channel: interaction.channelId,
      user: interaction.user.id,
      canManage,
    };
    const answer = deps.briefing.run(inv.text, ctx).catch((err: unknown) => {
      deps.logger.error('briefing failed', { command: inv.sub, err });
      return errorReply('Something went wrong answering that. It has been logged; please try again.');
    });
    const early = await within(answer, deps.deferAfterMs);
    if (early) {
      await send(interaction, early, false);
    } else {
      await interaction.deferReply();
      await send(interaction, await answer, true);
    }
    deps.logger.debug('interaction answered', { command: inv.sub, deferred: !early, ms: Date.now() - started });
  } catch (err) {
    deps.logger.warn('interaction reply failed', { id: interaction.id, err });
    await lastResort(interaction, deps.logger);
  }
}

/** Sends the reply: errors ephemeral; after a deferral, edits the placeholder. */
async function send(interaction: ChatInputCommandInteraction, reply: Reply, deferred: boolean): Promise<void> {
  const message = renderReply(reply, 1)[0]!;
  const ephemeral = reply.tone === 'error';
  if (!deferred) {
    await interaction.reply({ ...message, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  } else if (ephemeral) {
    // A deferred placeholder is public; replace it with a private message.
    await interaction.deleteReply();
    await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
  } else {
    await interaction.editReply(message);
  }
}

/** After a failed reply, tries once to tell the user privately; failures here are only logged. */
async function lastResort(interaction: ChatInputCommandInteraction, logger: Logger): Promise<void> {
  const message = { ...renderReply(errorReply('Discord did not accept the answer just now. Please try again in a moment.'))[0]!, flags: MessageFlags.Ephemeral as const };
  try {
    if (interaction.deferred || interaction.replied) await interaction.followUp(message);
    else await interaction.reply(message);
  } catch (err) {
    logger.warn('could not tell the user about a failed reply', { id: interaction.id, err });
  }
}

/** The promise's value if it settles within `ms`, else undefined (the promise keeps running). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
