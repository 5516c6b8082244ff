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
import { renderReply, type DiscordMessage } from './embeds.ts';

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

/** What answering needs from an interaction, from discord.js (gateway) or from raw JSON (HTTP). */
export interface CommandRequest {
  id: string;
  commandName: string;
  options: readonly RawOption[];
  guildId: string | null;
  channelId: string;
  userId: string;
  canManage: boolean;
  /** The interaction's `app_permissions`: what the bot may do in this channel; null outside a guild. */
  appPermissions: bigint | null;
  /** Whether the channel is a thread (posting there needs Send Messages in Threads). */
  inThread: boolean;
}

/** What a digest needs in a guild channel, with the name Discord's settings show. */
const DIGEST_NEEDS: { bit: bigint; name: string; thread?: boolean }[] = [
  { bit: PermissionFlagsBits.ViewChannel, name: 'View Channel' },
  { bit: PermissionFlagsBits.SendMessages, name: 'Send Messages' },
  { bit: PermissionFlagsBits.SendMessagesInThreads, name: 'Send Messages in Threads', thread: true },
  { bit: PermissionFlagsBits.EmbedLinks, name: 'Embed Links' },
];

/**
 * Whether digests can be posted where this interaction came from, from its `app_permissions`:
 * null when they can, else what is missing and where to grant it.
 */
export function digestDeliveryProblem(r: Pick<CommandRequest, 'appPermissions' | 'inThread'>): string | null {
  if (r.appPermissions === null) return null;
  const perms = r.appPermissions;
  if ((perms & PermissionFlagsBits.Administrator) !== 0n) return null;
  const missing = DIGEST_NEEDS.filter((n) => (r.inThread ? n.bit !== PermissionFlagsBits.SendMessages : !n.thread) && (perms & n.bit) === 0n).map((n) => n.name);
  if (!missing.length) return null;
  const list = missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
  const where = r.inThread ? 'this thread' : 'this channel';
  return `I cannot post digests in ${where}: I am missing the ${list} permission${missing.length > 1 ? 's' : ''} here. Give my role ${list} in ${r.inThread ? "the thread's channel" : 'this channel'} (Edit Channel → Permissions), then subscribe again.`;
}

/** How an answer reaches Discord: the gateway's interaction methods, or the HTTP response and webhooks. */
export interface Responder {
  reply(message: DiscordMessage, ephemeral: boolean): Promise<void>;
  defer(): Promise<void>;
  editReply(message: DiscordMessage): Promise<void>;
  deleteReply(): Promise<void>;
  followUp(message: DiscordMessage, ephemeral: boolean): Promise<void>;
  /** Whether something was already sent (a reply or a deferral). */
  readonly answered: boolean;
}

/** Announcement, public and private thread channel types. */
export const THREAD_TYPES: ReadonlySet<number> = new Set([10, 11, 12]);

export async function handleCommand(interaction: ChatInputCommandInteraction, deps: InteractionDeps, channelType?: number): Promise<void> {
  const request: CommandRequest = {
    id: interaction.id,
    commandName: interaction.commandName,
    options: interaction.options.data as readonly RawOption[],
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    canManage: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
    appPermissions: interaction.inGuild() ? interaction.appPermissions.bitfield : null,
    inThread: interaction.channel?.isThread() ?? (channelType !== undefined && THREAD_TYPES.has(channelType)),
  };
  await answerCommand(request, gatewayResponder(interaction), deps);
}

function gatewayResponder(interaction: ChatInputCommandInteraction): Responder {
  return {
    reply: async (message, ephemeral) => void (await interaction.reply({ ...message, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) })),
    defer: async () => void (await interaction.deferReply()),
    editReply: async (message) => void (await interaction.editReply(message)),
    deleteReply: () => interaction.deleteReply(),
    followUp: async (message, ephemeral) => void (await interaction.followUp({ ...message, ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) })),
    get answered() {
      return interaction.deferred || interaction.replied;
    },
  };
}

/** The one answering path of both modes. Nothing here throws: a failed reply is logged. */
export async function answerCommand(interaction: CommandRequest, responder: Responder, deps: InteractionDeps): Promise<void> {
  const started = Date.now();
  try {
    if (interaction.commandName !== COMMAND_NAME) {
      await send(responder, errorReply(`/${interaction.commandName} is not a command of this bot any more. Try /brief help.`, '/brief help'), false);
      return;
    }
    const inv = toCommandText(interaction.options);
    if (!inv.ok) {
      await send(responder, errorReply(inv.error, inv.usage), false);
      return;
    }
    const canManage = interaction.canManage;
    if (inv.needsManage && !canManage) {
      await send(responder, errorReply(MANAGE_NEEDED), false);
      return;
    }
    const ctx: ChannelContext = {
      platform: 'discord',
      workspace: interaction.guildId ?? 'dm',
      channel: interaction.channelId,
      user: interaction.userId,
      canManage,
      checkDelivery: async () => digestDeliveryProblem(interaction),
      // Help and usage in Discord's grammar: `/brief quotes speaker:… about:…`.
      commandForm: 'options',
    };
    const answer = deps.briefing.run(inv.text, ctx).catch((err: unknown) => {
      deps.logger.error('briefing failed', { command: inv.sub, err });
      return errorReply('Something went wrong answering that. It has been logged; please try again.');
    });
    const early = await within(answer, deps.deferAfterMs);
    if (early) {
      await send(responder, early, false);
    } else {
      await responder.defer();
      await send(responder, await answer, true);
    }
    deps.logger.debug('interaction answered', { command: inv.sub, deferred: !early, ms: Date.now() - started });
  } catch (err) {
    deps.logger.warn('interaction reply failed', { id: interaction.id, err });
    await lastResort(interaction.id, responder, deps.logger);
  }
}

/** Sends the reply: errors ephemeral; after a deferral, edits the placeholder. */
async function send(responder: Responder, reply: Reply, deferred: boolean): Promise<void> {
  const message = renderReply(reply, 1)[0]!;
  const ephemeral = reply.tone === 'error';
  if (!deferred) {
    await responder.reply(message, ephemeral);
  } else if (ephemeral) {
    // A deferred placeholder is public; replace it with a private message.
    await responder.deleteReply();
    await responder.followUp(message, true);
  } else {
    await responder.editReply(message);
  }
}

/** After a failed reply, tries once to tell the user privately; failures here are only logged. */
async function lastResort(id: string, responder: Responder, logger: Logger): Promise<void> {
  const message = renderReply(errorReply('Discord did not accept the answer just now. Please try again in a moment.'))[0]!;
  try {
    if (responder.answered) await responder.followUp(message, true);
    else await responder.reply(message, true);
  } catch (err) {
    logger.warn('could not tell the user about a failed reply', { id, err });
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
