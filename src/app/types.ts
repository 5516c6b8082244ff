// What the composition root starts and stops. Platform adapters and the scheduler implement
// `Adapter`; platform adapters also hand the scheduler their digest poster.
import type { Config } from '../config/schema.ts';
import type { Briefing, DigestCommands } from '../core/commands/types.ts';
import type { WebModule } from '../web/index.ts';
import type { DigestPoster } from '../core/delivery/types.ts';
import type { Db } from '../store/sqlite/db.ts';
import type { BriefingStore } from './knowledge.ts';
import type { Logger } from '../log.ts';
import type { OpenedWebStorage } from './web-storage.ts';

export interface Adapter {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Settles with the reason when the adapter can never work again without an operator (Discord
   * closed the gateway with 4004 because the token was reset, say). The app then stops and the
   * process exits non-zero, so a supervisor sees it, instead of staying up and offline.
   */
  readonly fatal?: Promise<Error>;
}

export interface PlatformAdapter extends Adapter {
  readonly poster: DigestPoster;
}

/** What every hook receives. */
export interface AppDeps {
  config: Config;
  /** The knowledge store: the SQLite file, or the PostgreSQL the replicas share (BRIEFING_DATABASE_URL). */
  store: BriefingStore;
  /** The database for modules other than the knowledge store (subscriptions, deliveries); opened on first use. */
  db: () => Db;
  logger: Logger;
  /** The links and feeds and the visibility rules over them (SQLite file or PostgreSQL); opened on first use. */
  webStorage: () => OpenedWebStorage;
  /** The config file (`LoadedConfig.source`) that config digest subscriptions are keyed by. */
  configSource?: string;
}

export type PlatformFactory = (deps: AppDeps & { briefing: Briefing }) => PlatformAdapter | Promise<PlatformAdapter>;

/**
 * The hook points where the platform and digest modules plug in (see src/app/hooks.ts).
 * Each is optional: without `digests`, `/brief digest …` says digests are not enabled;
 * a platform configured without its factory stops the start with a clear message.
 */
export interface AppHooks {
  /**
   * Each chat platform's factory under its id (`slack`, `discord`, the ids of config/platforms/).
   * May be async, so a platform's library is imported only when it is configured.
   */
  platforms?: Readonly<Record<string, PlatformFactory>>;
  /** Called with the configured platforms before the briefing opens, so their modules load meanwhile. */
  prepare?: (platforms: readonly string[]) => void;
  digests?: (deps: AppDeps) => DigestCommands;
  /** Links and feeds (`/brief add`, `/brief feeds`); the poller runs while the app does. */
  web?: (deps: AppDeps) => WebModule;
  scheduler?: (deps: AppDeps & { posters: DigestPoster[] }) => Adapter;
}
