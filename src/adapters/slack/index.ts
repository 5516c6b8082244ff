// The Slack adapter: a real @slack/bolt App over HTTP (Events API at /slack/events, default) or
// Socket Mode (when an app-level token is configured), the `/brief` listeners, and the digest poster.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, webApi, type Receiver } from '@slack/bolt';
import type { Config } from '../../config/schema.ts';
import type { Briefing } from '../../core/commands/types.ts';
import type { DigestPoster } from '../../core/delivery/types.ts';
import { mask, redact, type Level, type Logger } from '../../log.ts';
import { boltLogger } from './bolt-logger.ts';
import { registerHandlers } from './handlers.ts';
import { createHttpFetch } from './http-fetch.ts';
import { createSlackPoster, type PosterOptions } from './poster.ts';
import { botTokenFor, databaseInstallationStore, SLACK } from './installation-store.ts';
import type { Installations } from '../../store/installations.ts';
import { classify } from './web-errors.ts';

export { renderReply, LIMITS } from './blocks.ts';

export interface SlackAdapterOptions {
  config: Config['slack'];
  briefing: Briefing;
  logger: Logger;
  /** Interface for HTTP mode; all interfaces when unset (Slack must reach it). Tests use 127.0.0.1. */
  host?: string;
  /** Digest delivery tuning (tests shorten the per-channel spacing and backoff). */
  posting?: Omit<PosterOptions, 'client' | 'logger'>;
  /** Retries of the interactive Web API client (mention replies, share). */
  webRetries?: number;
  /** The level `logger` was made with (`config.logLevel`), so Bolt skips building lines it would drop. */
  logLevel?: Level;
  /** The database's installations: needed for OAuth installs (`slack.clientId` set). */
  installations?: Installations;
}

export interface SlackAdapter {
  start(): Promise<void>;
  stop(): Promise<void>;
  poster: DigestPoster;
  app: App;
  readonly mode: 'http' | 'socket';
  /** `oauth`: installed to many workspaces through /slack/install; `token`: one workspace's bot token. */
  readonly auth: 'oauth' | 'token';
  /** The bound port in HTTP mode once started (useful with port 0), else null. */
  readonly port: number | null;
}

export const EVENTS_PATH = '/slack/events';
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';
/** What the bot asks for when installed; the same as config/slack-manifest.yaml (a test checks). */
/** `*:read`: digest subscribe asks conversations.info whether a digest can arrive. */
export const BOT_SCOPES = ['commands', 'chat:write', 'app_mentions:read', 'channels:read', 'groups:read', 'im:read', 'mpim:read'];
/** How long a digest post waits for Slack's answer (Slack itself answers within seconds). */
export const DIGEST_POST_TIMEOUT_MS = 90_000;

export class SlackConfigError extends Error {
  override name = 'SlackConfigError';
}

export function createSlackAdapter(opts: SlackAdapterOptions): SlackAdapter {
  const { config } = opts;
  const log = opts.logger.child('slack');
  const mode = config.appToken ? 'socket' : 'http';
  const auth = config.clientId ? 'oauth' : 'token';
  if (auth === 'oauth') {
    if (config.botToken) throw new SlackConfigError('set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (installs to many workspaces through /slack/install), not both');
    if (mode === 'socket') throw new SlackConfigError('installing to many workspaces (SLACK_CLIENT_ID) needs HTTP mode, for /slack/install and the OAuth redirect: unset SLACK_APP_TOKEN');
    if (!config.clientSecret) throw new SlackConfigError('slack.clientSecret is missing: set SLACK_CLIENT_SECRET (Basic Information → App Credentials)');
    if (!config.stateSecret) throw new SlackConfigError('slack.stateSecret is missing: set SLACK_STATE_SECRET to a long random string, the same on every replica');
    if (!opts.installations) throw new SlackConfigError('installing to many workspaces needs the database and BRIEFING_ENCRYPTION_KEY (32 random bytes: openssl rand -base64 32)');
  } else if (!config.botToken) throw new SlackConfigError('slack.botToken is missing: set SLACK_BOT_TOKEN (xoxb-…) from the app’s OAuth & Permissions page, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to install to many workspaces');
  if (mode === 'http' && !config.signingSecret) throw new SlackConfigError('slack.signingSecret is missing: set SLACK_SIGNING_SECRET (Basic Information → App Credentials), or SLACK_APP_TOKEN for Socket Mode');
  redact(config.botToken);
  redact(config.signingSecret);
  redact(config.appToken);
  redact(config.clientSecret);
  redact(config.stateSecret);

  const logger = boltLogger(log, opts.logLevel);
  const httpFetch = createHttpFetch();
  const clientOptions: webApi.WebClientOptions = {
    fetch: httpFetch,
    ...(config.apiUrl ? { slackApiUrl: withSlash(config.apiUrl) } : {}),
    retryConfig: { retries: opts.webRetries ?? 2, factor: 2, minTimeout: 250, maxTimeout: 2000 },
    logger,
  };

  const receiver: Receiver =
    mode === 'socket'
      ? new SocketModeReceiver({
          appToken: config.appToken!,
          logger,
          // No retryConfig: the Socket Mode client's own (many quick retries) is what keeps reconnects alive.
          installerOptions: { clientOptions: { ...(config.apiUrl ? { slackApiUrl: withSlash(config.apiUrl) } : {}) } },
        })
      : refuseFutureDated(
          new HTTPReceiver({
            signingSecret: config.signingSecret!,
            endpoints: EVENTS_PATH,
            logger,
            ...(auth === 'oauth'
              ? {
                  clientId: config.clientId!,
                  clientSecret: config.clientSecret!,
                  // The state is signed with this secret, not kept in memory: the redirect may reach any replica.
                  stateSecret: config.stateSecret!,
                  scopes: BOT_SCOPES,
                  installationStore: databaseInstallationStore(opts.installations!),
                  ...(config.redirectUri ? { redirectUri: config.redirectUri } : {}),
                  installerOptions: {
                    installPath: INSTALL_PATH,
                    redirectUriPath: REDIRECT_PATH,
                    directInstall: true,
                    clientOptions: { ...(config.apiUrl ? { slackApiUrl: withSlash(config.apiUrl) } : {}) },
                  },
                }
              : {}),
            customRoutes: [{ path: '/healthz', method: ['GET'], handler: (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok') }],
          }),
          log,
        );

  // No conversation store: nothing here keeps per-conversation state, so it would only cost time per request.
  const app = new App({ receiver, ...(auth === 'token' ? { token: config.botToken } : {}), logger, logLevel: logger.getLevel(), clientOptions, deferInitialization: true, convoStore: false });

  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => undefined);
    return work;
  };
  registerHandlers(app, { briefing: opts.briefing, logger: log, track });
  acknowledgeMalformed(app, log);
  if (auth === 'oauth') {
    const installations = opts.installations!;
    const forget = async (teamId: string | undefined, enterpriseId: string | undefined, why: string) => {
      if (!teamId) return;
      await installations.delete(SLACK, { teamId, enterpriseId, enterpriseInstall: false });
      log.info('slack installation removed', { team: teamId, why });
    };
    app.event('app_uninstalled', async ({ context }) => forget(context.teamId, context.enterpriseId, 'app_uninstalled'));
    app.event('tokens_revoked', async ({ event, context }) => {
      if ((event.tokens.bot ?? []).length > 0) await forget(context.teamId, context.enterpriseId, 'tokens_revoked');
    });
  }

  // Digests get their own client: it must not retry on its own or pause the interactive one on 429.
  // A post Slack has not answered within DIGEST_POST_TIMEOUT_MS may have gone out; it is reported,
  // never resent (the scheduler's own post timeout is longer, so this answer comes first).
  const postFetch = createHttpFetch({ timeoutMs: DIGEST_POST_TIMEOUT_MS });
  const postClient = new webApi.WebClient(config.botToken, { ...clientOptions, fetch: postFetch, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  const poster = createSlackPoster({
    client: postClient,
    logger: log,
    ...(auth === 'oauth' ? { tokenFor: (workspace: string) => botTokenFor(opts.installations!, workspace) } : {}),
    ...opts.posting,
  });

  let port: number | null = null;
  let started = false;

  return {
    app,
    poster,
    mode,
    auth,
    get port() {
      return port;
    },
    async start() {
      try {
        await app.init(); // auth.test: a wrong token fails here, clearly, not on the first command
      } catch (err) {
        const f = classify(err);
        throw new SlackConfigError(
          f.kind === 'auth' ? `Slack refused the bot token (auth.test: ${f.detail}); check SLACK_BOT_TOKEN` : `Could not reach the Slack Web API (auth.test: ${f.detail}); check the network or SLACK_API_URL`,
          { cause: err },
        );
      }
      if (mode === 'http') {
        const listen = { port: config.port, ...(opts.host ? { host: opts.host } : {}) };
        let server: Server;
        try {
          server = (await app.start(listen)) as Server;
        } catch (err) {
          const code = (err as { code?: string }).code ?? (err instanceof Error ? err.message : String(err));
          throw new SlackConfigError(`Cannot listen on port ${config.port} (${code}); choose another with SLACK_PORT`, { cause: err });
        }
        port = (server.address() as AddressInfo).port;
        log.info('slack app listening', { mode, auth, port, path: EVENTS_PATH, ...(auth === 'oauth' ? { install: INSTALL_PATH, redirect: REDIRECT_PATH } : {}) });
      } else {
        try {
          await app.start();
        } catch (err) {
          throw new SlackConfigError(`Socket Mode could not connect (${mask(err instanceof Error ? err.message : String(err))}); check SLACK_APP_TOKEN (xapp-…, scope connections:write)`, { cause: err });
        }
        log.info('slack app connected', { mode });
      }
      started = true;
    },
    async stop() {
      if (started) {
        started = false;
        await app.stop().catch((err: unknown) => log.warn('slack stop failed', { error: mask(String(err)) }));
      }
      // Let answers already acknowledged reach their users.
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 5000).unref())]);
      httpFetch.close();
      postFetch.close();
      port = null;
    },
  };
}

/**
 * Bolt refuses requests signed more than 5 minutes ago but not ones dated in the future; Slack's
 * rule is "no more than 5 minutes either way", which also bounds how long a captured request stays
 * replayable.
 */
function refuseFutureDated(receiver: HTTPReceiver, log: Logger): HTTPReceiver {
  const inner = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const ts = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(ts) && ts > Date.now() / 1000 + MAX_CLOCK_SKEW_S) {
      log.warn('refused a request dated in the future', { timestamp: ts });
      res.writeHead(401).end();
      return;
    }
    inner(req, res);
  };
  return receiver;
}

const MAX_CLOCK_SKEW_S = 5 * 60;

/** Interactive payloads Bolt reads `user.id` from before any listener runs. */
const NEEDS_USER = new Set(['block_actions', 'block_suggestion', 'interactive_message', 'dialog_submission', 'shortcut', 'message_action', 'view_submission', 'view_closed']);

/**
 * A signed interactive payload without a `user` made Bolt throw while building its context, and
 * the receiver answered 500 (Slack then retries it). Such a payload is acknowledged with 200, logged
 * and dropped: there is nobody to answer.
 */
function acknowledgeMalformed(app: App, log: Logger): void {
  const process = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    const body = event.body as { type?: unknown; user?: { id?: unknown } } | undefined;
    if (body && typeof body.type === 'string' && NEEDS_USER.has(body.type) && typeof body.user?.id !== 'string') {
      log.warn('ignored an interactive payload without a user', { type: body.type });
      await event.ack();
      return;
    }
    return process(event);
  };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : url + '/';
}
