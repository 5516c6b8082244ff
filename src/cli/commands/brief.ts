// `briefing brief "<command>" [--json]`: one command, answered as the bot would, for scripts.
// Prints the text answer (or the neutral Reply as JSON) and exits 1 when the reply is an error.
import { renderText } from '../../adapters/console/render.ts';
import { EXIT_CONFIG, loadConfigOrReport } from '../../app/boot.ts';
import { defaultHooks } from '../../app/hooks.ts';
import { openBriefing } from '../../app/open.ts';
import type { ChannelContext } from '../../core/commands/types.ts';
import { createLogger, type Level } from '../../log.ts';
import type { CliCommand } from '../main.ts';

const CONTEXT: ChannelContext = { platform: 'console', workspace: 'local', channel: 'console', user: 'cli', canManage: true };

export const command: CliCommand = {
  async run({ values, positionals: words }, io) {
    const json = values.json === true;
    const loaded = loadConfigOrReport(io);
    if (!loaded) return EXIT_CONFIG;
    // Progress is noise here; warnings and errors still go to stderr.
    const level: Level = loaded.config.logLevel === 'debug' ? 'debug' : loaded.config.logLevel === 'info' ? 'warn' : loaded.config.logLevel;
    const opened = await openBriefing(loaded.config, createLogger({ level }), defaultHooks);
    try {
      const reply = await opened.briefing.run(words.join(' '), CONTEXT);
      io.out(json ? `${JSON.stringify(reply, null, 2)}\n` : `${renderText(reply)}\n`);
      return reply.tone === 'error' ? 1 : 0;
    } finally {
      opened.close();
    }
  },
};
