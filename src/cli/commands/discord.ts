// `briefing discord register`: makes Discord's copy of `/brief` match the definition (guild-scoped
// when DISCORD_GUILD_ID is set, global otherwise); PUTs only when something changed.
// Settings come from the usual configuration (config/default.yaml, .env, the environment).
import { REST } from 'discord.js';
import { alsoGlobalWarning, registerCommands } from '../../adapters/discord/register.ts';
import { ConfigError, loadConfig, type LoadConfigOptions } from '../../config/load.ts';
import { mask, redact } from '../../log.ts';
import type { CliCommand, CliIo } from '../main.ts';

const USAGE = `usage: briefing discord register [--remove-global]

Registers the /brief command with Discord, or leaves it alone when it is up to date.
Environment:
  DISCORD_TOKEN           bot token (required)
  DISCORD_APPLICATION_ID  application id (required)
  DISCORD_GUILD_ID        register in this server only (appears at once); global otherwise
  DISCORD_API_URL         REST base URL (tests and proxies only)
Global registration removes the server-scoped copies a DISCORD_GUILD_ID left behind; a server
registration reports a global copy (/brief listed twice) and removes it with --remove-global.
`;

export const command: CliCommand = {
  run: ({ positionals }, io) => runDiscord(positionals, io),
};

/** The command with its configuration sources passed in (tests point it at the fake Discord). */
export async function runDiscord(args: string[], io: CliIo, sources: LoadConfigOptions = {}): Promise<number> {
  const [action, ...rest] = args;
  const removeGlobal = rest.includes('--remove-global');
  const extra = rest.filter((a) => a !== '--remove-global');
  if (action !== 'register' || extra.length) {
    io.err(action !== 'register' ? (action ? `briefing discord: unknown action '${action}'\n\n${USAGE}` : USAGE) : `briefing discord register: unexpected argument '${extra[0]}'\n\n${USAGE}`);
    return 2;
  }
  let discord;
  try {
    discord = loadConfig(sources).config.discord;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(`briefing discord register: the configuration has problems:\n${err.problems.map((p) => `  ${p}\n`).join('')}`);
    return 2;
  }
  const token = discord.token?.trim();
  const applicationId = discord.applicationId?.trim();
  const guildId = discord.guildId?.trim() || undefined;
  const apiUrl = discord.apiUrl?.trim() || undefined;
  const missing = [!token && 'DISCORD_TOKEN', !applicationId && 'DISCORD_APPLICATION_ID'].filter(Boolean);
  if (missing.length) {
    io.err(`briefing discord register: set ${missing.join(' and ')} in the environment\n`);
    return 2;
  }
  for (const [name, value] of [['DISCORD_APPLICATION_ID', applicationId], ['DISCORD_GUILD_ID', guildId]] as const) {
    if (value && !/^\d{17,20}$/.test(value)) {
      io.err(`briefing discord register: ${name} must be a Discord id (17-20 digits), got '${value}'\n`);
      return 2;
    }
  }
  redact(token);
  const restClient = new REST({ ...(apiUrl ? { api: apiUrl } : {}), retries: 1 }).setToken(token!);
  try {
    const result = await registerCommands({ rest: restClient, applicationId: applicationId!, guildId, removeGlobal });
    const where = result.scope === 'guild' ? `server ${guildId}` : 'all servers (global; may take up to an hour to appear)';
    io.out(result.changed ? `Registered /brief for ${where}.\n` : `/brief is already up to date for ${where}; nothing changed.\n`);
    if (result.removedFrom?.length) io.out(`Removed the server-scoped copy left in ${result.removedFrom.join(', ')} (it listed /brief twice).\n`);
    if (result.alsoGlobal) io.err(`briefing discord register: ${alsoGlobalWarning(guildId!)}\n`);
    return 0;
  } catch (err) {
    const e = err as { status?: number; message?: string };
    const hint = e.status === 401 ? ' (is DISCORD_TOKEN right?)' : e.status === 403 || e.status === 404 ? ' (is DISCORD_APPLICATION_ID right, and is the bot in that server?)' : '';
    io.err(`briefing discord register: Discord answered ${e.status ?? 'with an error'}: ${mask(e.message ?? String(err))}${hint}\n`);
    return 1;
  }
}
