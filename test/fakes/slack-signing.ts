// Sends requests to the app the way Slack does: form or JSON bodies signed with HMAC-SHA256 over
// `v0:<timestamp>:<body>` with the signing secret. Options make unsigned, stale or tampered ones.
import { createHmac } from 'node:crypto';

export interface SignOptions {
  secret: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Leave the signature headers out. */
  unsigned?: boolean;
  /** Sign this body but send `body` (a tampered request). */
  signedBody?: string;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
}

export interface SentRequest {
  status: number;
  text: string;
  /** Milliseconds until the response (the ack) arrived. */
  ms: number;
}

export async function sendSigned(url: string, body: string, contentType: string, opts: SignOptions): Promise<SentRequest> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': contentType };
  if (!opts.unsigned) {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = sign(opts.secret, timestamp, opts.signedBody ?? body);
  }
  const t0 = performance.now();
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - t0 };
}

export interface SlashCommandFields {
  text: string;
  response_url: string;
  team_id?: string;
  channel_id?: string;
  user_id?: string;
  command?: string;
}

export function slashCommandPayload(f: SlashCommandFields): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: f.team_id ?? 'T0FAKE01',
    team_domain: 'fake',
    channel_id: f.channel_id ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: f.user_id ?? 'U0ASKER1',
    user_name: 'asker',
    command: f.command ?? '/brief',
    text: f.text,
    api_app_id: 'AFAKE',
    is_enterprise_install: 'false',
    response_url: f.response_url,
    trigger_id: '1.2.3',
  };
}

export function slashCommandBody(f: SlashCommandFields): string {
  return new URLSearchParams(slashCommandPayload(f)).toString();
}

export function sendSlashCommand(appUrl: string, f: SlashCommandFields, opts: SignOptions): Promise<SentRequest> {
  return sendSigned(appUrl, slashCommandBody(f), 'application/x-www-form-urlencoded', opts);
}

export function mentionEvent(f: { text: string; channel?: string; user?: string; ts?: string; thread_ts?: string; team?: string }): Record<string, unknown> {
  const event: Record<string, unknown> = {
    type: 'app_mention',
    user: f.user ?? 'U0ASKER1',
    text: f.text,
    ts: f.ts ?? '1700000100.000200',
    channel: f.channel ?? 'C0GENERAL',
    event_ts: f.ts ?? '1700000100.000200',
  };
  if (f.thread_ts) event.thread_ts = f.thread_ts;
  return {
    token: 'legacy-verification-token',
    team_id: f.team ?? 'T0FAKE01',
    api_app_id: 'AFAKE',
    event,
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2, 10)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: f.team ?? 'T0FAKE01', user_id: 'UBOTFAKE1', is_bot: true }],
  };
}

export function sendEvent(appUrl: string, body: Record<string, unknown>, opts: SignOptions): Promise<SentRequest> {
  return sendSigned(appUrl, JSON.stringify(body), 'application/json', opts);
}

/** A block_actions payload for the share button, sent form-encoded as `payload=<json>`. */
export function shareActionPayload(f: { value: string; response_url: string; channel?: string; user?: string; team?: string }): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: f.user ?? 'U0ASKER1', username: 'asker', team_id: f.team ?? 'T0FAKE01' },
    api_app_id: 'AFAKE',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: '1700000200.000300', channel_id: f.channel ?? 'C0GENERAL', is_ephemeral: true },
    trigger_id: '4.5.6',
    team: { id: f.team ?? 'T0FAKE01', domain: 'fake' },
    channel: { id: f.channel ?? 'C0GENERAL', name: 'general' },
    response_url: f.response_url,
    actions: [{ action_id: 'brief_share', block_id: 'share', type: 'button', value: f.value, action_ts: '1700000201.000400', text: { type: 'plain_text', text: 'Share in channel' } }],
  };
}

export function sendAction(appUrl: string, payload: Record<string, unknown>, opts: SignOptions): Promise<SentRequest> {
  return sendSigned(appUrl, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', opts);
}
