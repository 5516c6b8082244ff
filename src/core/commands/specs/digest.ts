// `digest preview | subscribe <HH:MM> [timezone] [days] | unsubscribe | status`: this channel's
// daily digest. The schedule itself is the scheduling module's (DigestCommands).
import { canonicalZone, parseTime } from '../../util/clock.ts';
import { errorReply, infoReply } from '../../reply/make.ts';
import { defineCommand } from '../spec.ts';
import { clipWord, fail, OPTION_LENGTH, PREFIX } from '../grammar.ts';
import type { Command, CommandError, DigestAction, DigestCommands, Weekday } from '../types.ts';
import { formatWeekdays, parseWeekdays } from '../../util/weekdays.ts';

export type DigestCommand = { name: 'digest' } & DigestAction;

declare module '../types.ts' {
  interface CommandTypes {
    digest: DigestCommand;
  }
}

const usage = `${PREFIX} digest preview | subscribe <HH:MM> [timezone] [days] | unsubscribe | status`;
const ACTIONS = ['preview', 'subscribe', 'unsubscribe', 'status'] as const;
const bad = (error: string) => fail(error, usage, 'digest');

function parse(rest: string): Command | CommandError {
  const args = rest ? rest.split(' ') : [];
  const action = args.shift()?.toLowerCase();
  if (!action) return bad('digest needs an action: preview, subscribe, unsubscribe or status');
  if (!(ACTIONS as readonly string[]).includes(action)) {
    return bad(`unknown digest action '${clipWord(action)}' (use preview, subscribe, unsubscribe or status)`);
  }
  if (action !== 'subscribe') {
    if (args.length) return bad(`digest ${action} takes no arguments (got '${clipWord(args.join(' '))}')`);
    return { name: 'digest', action: action as 'preview' | 'unsubscribe' | 'status' };
  }
  const timeArg = args.shift();
  if (!timeArg) return bad('digest subscribe needs a time, e.g. digest subscribe 08:30 Europe/London mon-fri');
  const time = parseTime(timeArg);
  if (!time) return bad(`'${clipWord(timeArg)}' is not a time of day; use 24-hour HH:MM, e.g. 08:30`);
  if (args.length > 2) return bad(`too many arguments after the time: '${clipWord(args.join(' '))}'`);
  let timezone: string | undefined;
  let weekdays: Weekday[] | undefined;
  for (const arg of args) {
    const days = parseWeekdays(arg);
    if (days) {
      if (weekdays) return bad(`the days are given twice ('${clipWord(arg)}')`);
      weekdays = days;
      continue;
    }
    const zone = canonicalZone(arg);
    if (zone) {
      if (timezone) return bad(`the timezone is given twice ('${clipWord(arg)}')`);
      timezone = zone;
      continue;
    }
    if (arg.includes('/') || /^[A-Z]{2,5}$/.test(arg) || /^(?:utc|gmt)[+-]/i.test(arg)) {
      return bad(`'${clipWord(arg)}' is not an IANA timezone (e.g. Europe/London, America/New_York)`);
    }
    return bad(`'${clipWord(arg)}' is neither a timezone (e.g. Europe/London) nor days (e.g. mon-fri, weekends, daily)`);
  }
  const cmd: DigestCommand = { name: 'digest', action: 'subscribe', time };
  if (timezone) cmd.timezone = timezone;
  if (weekdays) cmd.weekdays = weekdays;
  return cmd;
}

function format(cmd: DigestCommand): string {
  if (cmd.action !== 'subscribe') return `digest ${cmd.action}`;
  const parts = ['digest', 'subscribe', cmd.time];
  if (cmd.timezone) parts.push(cmd.timezone);
  if (cmd.weekdays) parts.push(formatWeekdays(cmd.weekdays));
  return parts.join(' ');
}

export default defineCommand<DigestCommand>({
  name: 'digest',
  aliases: ['digests'],
  usage,
  short: 'digest preview|subscribe|unsubscribe|status',
  summary: "This channel's daily digest: preview it, subscribe at a local time, stop it, or see its schedule.",
  examples: ['digest preview', 'digest subscribe 08:30 Europe/London mon-fri', 'digest status', 'digest unsubscribe'],
  pooled: false,
  suggest: true,
  parse,
  format,
  async execute(cmd, ctx, deps) {
    const digests = deps.digests;
    if (!digests) {
      return infoReply('Digests are not enabled here', ['This briefing runs without a digest scheduler, so there is nothing to preview or subscribe to.']);
    }
    if ((cmd.action === 'subscribe' || cmd.action === 'unsubscribe') && !ctx.canManage) {
      return errorReply(`you need permission to manage this channel to ${cmd.action} its digest`, usage);
    }
    switch (cmd.action) {
      case 'preview':
        return digests.preview(ctx);
      case 'status':
        return digests.status(ctx);
      case 'unsubscribe':
        return digests.unsubscribe(ctx);
      case 'subscribe': {
        // A subscription that can never be delivered is refused now, with the fix, rather than
        // accepted and paused silently at its first delivery.
        const problem = await ctx.checkDelivery?.();
        if (problem) return errorReply(problem, usage);
        const spec: Parameters<DigestCommands['subscribe']>[1] = { time: cmd.time };
        if (cmd.timezone) spec.timezone = cmd.timezone;
        if (cmd.weekdays) spec.weekdays = cmd.weekdays;
        return digests.subscribe(ctx, spec);
      }
    }
  },
  options: {
    description: "This channel's daily digest",
    actions: [
      { name: 'preview', description: 'Show what the next digest would contain' },
      {
        name: 'subscribe',
        description: 'Post a daily digest here (needs Manage Channels)',
        manages: true,
        options: [
          { name: 'time', description: 'Local time HH:MM, e.g. 08:00', required: true, minLength: 4, maxLength: OPTION_LENGTH.time },
          { name: 'timezone', description: 'IANA timezone, e.g. Europe/London', autocomplete: true, maxLength: OPTION_LENGTH.timezone },
          { name: 'days', description: 'e.g. mon-fri or mon,wed,fri (default: weekdays)', maxLength: OPTION_LENGTH.days },
        ],
      },
      { name: 'unsubscribe', description: 'Stop the daily digest here (needs Manage Channels)', manages: true },
      { name: 'status', description: "Show this channel's digest schedule" },
    ],
    // Time and days stay raw text: the grammar validates them and answers with its own usage.
    toText(v, action) {
      if (action !== 'subscribe') return `digest ${action ?? ''}`.trim();
      // Days typed as `mon, wed` or `mon - fri` are one argument to the grammar.
      const days = v.get('days')?.replace(/\s*([,-])\s*/g, '$1');
      return ['digest subscribe', v.get('time'), v.get('timezone'), days].filter(Boolean).join(' ');
    },
    fromCommand(cmd) {
      if (cmd.action !== 'subscribe') return { action: cmd.action, values: [] };
      const values: [string, string][] = [['time', cmd.time]];
      if (cmd.timezone) values.push(['timezone', cmd.timezone]);
      if (cmd.weekdays) values.push(['days', formatWeekdays(cmd.weekdays)]);
      return { action: 'subscribe', values };
    },
  },
});
