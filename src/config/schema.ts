// The shape of the configuration. Defaults live in config/default.yaml; .env and the environment
// override them (see .env.example). load.ts validates everything at start-up. Objects are strict so
// a misspelt key in the YAML is reported rather than silently ignored.
import { z } from 'zod';
import { isIanaZone, parseTime, TIME_OF_DAY } from '../core/util/clock.ts';
import { platformSchemas } from './platforms/index.ts';

export { isIanaZone };

// 8:30 and 08:30 both, stored as 08:30: the same rule as `/brief digest subscribe`.
const hhmm = z.string().regex(TIME_OF_DAY, 'a 24-hour time HH:MM (e.g. 08:30)').transform((t) => parseTime(t)!);
const timezone = z.string().refine(isIanaZone, 'an IANA timezone (e.g. Europe/London)');
const weekday = z.number().int().min(1).max(7);

export const configSchema = z.strictObject({
  contentDir: z.string().min(1).default('content'),
  databasePath: z.string().min(1).default('data/briefing.db'),
  timezone: timezone.default('Europe/London'),
  /**
   * postgres://… puts the state replicas share in PostgreSQL: Slack installations, the replay keys
   * of Discord interactions, digest subscriptions and the delivery ledger (knowledge follows).
   */
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional(),
  /**
   * With databaseUrl: the ingest lease (content sync and feed polling run on one replica at a time);
   * a replica that dies is replaced within this and a third of it.
   */
  ingestLeaseMs: z.number().int().min(300).max(600_000).default(15_000),
  /** Seals secrets stored in the database (installed workspaces' bot tokens): 32 bytes, base64 or hex. */
  encryptionKey: z.string().optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Pick up articles added to contentDir while running. */
  watchContent: z.boolean().default(true),
  /**
   * Worker threads answering questions while `briefing start` runs, so acknowledging commands never
   * waits on an answer. `auto`: one per core beyond the first, at most 4. 0 answers on the main thread.
   */
  answerWorkers: z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v), z.union([z.literal('auto'), z.number().int().min(0).max(16)], { error: 'auto or a whole number from 0 to 16' })).default('auto'),
  digest: z
    .strictObject({
      time: hhmm.default('08:00'),
      weekdays: z.array(weekday).min(1).default([1, 2, 3, 4, 5]),
      graceMinutes: z.number().int().min(0).max(24 * 60).default(120),
      whenNothingNew: z.enum(['skip', 'notice', 'repost']).default('skip'),
      // Entries are checked one by one when the scheduler starts (scheduling/config-subscriptions.ts),
      // so one broken entry is reported by position and the others still run.
      subscriptions: z.array(z.unknown()).default([]),
    })
    .prefault({}),
  web: z
    .strictObject({
      /** Hosts (intranet.example.com, *.corp.example) and ranges (10.2.0.0/16) fetched despite the default block. */
      allow: z
        .array(
          z
            .string()
            .regex(
              /^(?:\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$|^[0-9a-f:.]+(?:\/\d{1,3})?$/i,
              'a host name (intranet.example.com, *.corp.example) or an address or range (10.2.0.0/16)',
            ),
        )
        .default([]),
      maxBytes: z.number().int().min(10_000).max(100_000_000).default(5_000_000),
      connectTimeoutMs: z.number().int().min(100).max(60_000).default(5_000),
      timeoutMs: z.number().int().min(500).max(300_000).default(20_000),
      perHostPerSecond: z.number().positive().max(100).default(1),
      userAgent: z.string().min(1).optional(),
      addsPerUserPerMinute: z.number().int().min(1).max(1000).default(5),
      feeds: z
        .strictObject({
          pollMinutes: z.number().min(1).max(24 * 60).default(15),
          pauseAfterFailures: z.number().int().min(1).max(1000).default(10),
          /** Feeds followed from config: a URL, or { url, platform?, workspace?, channel? } (everybody's without a workspace). */
          list: z.array(z.unknown()).default([]),
          /** An OPML file whose feeds are followed too. */
          opml: z.string().min(1).optional(),
        })
        .prefault({}),
    })
    .prefault({}),
  // slack, discord…: each platform's own slice (config/platforms/).
  ...platformSchemas,
});

export type Config = z.infer<typeof configSchema>;
