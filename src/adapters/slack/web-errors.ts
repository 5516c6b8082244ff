// What a failed Web API call means for the caller, as a typed DeliveryOutcome, and in words
// for the user when an interactive reply could not be posted.
import { webApi } from '@slack/bolt';
import type { DeliveryOutcome } from '../../core/delivery/types.ts';
import { mask } from '../../log.ts';

const NO_ACCESS = new Set(['not_in_channel', 'restricted_action', 'restricted_action_read_only_channel', 'restricted_action_thread_only_channel', 'restricted_action_non_threadable_channel', 'cannot_reply_to_message', 'ekm_access_denied', 'team_access_not_granted']);
const CHANNEL_GONE = new Set(['channel_not_found', 'is_archived']);
const AUTH = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'missing_scope', 'no_permission', 'not_allowed_token_type', 'org_login_required']);
/** The message itself was refused; sending it again unchanged would fail again. */
const MESSAGE_REJECTED = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'msg_blocks_too_long', 'too_many_attachments', 'no_text', 'invalid_arguments']);

export type Failure = Exclude<DeliveryOutcome, { ok: true }>;

export function classify(err: unknown): Failure {
  if (err instanceof webApi.WebAPIPlatformError) {
    const code = err.data.error;
    const needed = (err.data as { needed?: string }).needed;
    const detail = needed ? `${code} (needs scope ${needed})` : code;
    if (NO_ACCESS.has(code)) return { ok: false, kind: 'no_access', detail };
    if (CHANNEL_GONE.has(code)) return { ok: false, kind: 'channel_gone', detail };
    if (AUTH.has(code)) return { ok: false, kind: 'auth', detail };
    if (MESSAGE_REJECTED.has(code)) return { ok: false, kind: 'rejected', detail };
    return { ok: false, kind: 'retry', detail };
  }
  if (err instanceof webApi.WebAPIRateLimitedError) {
    return { ok: false, kind: 'retry', detail: `rate limited (Retry-After ${err.retryAfter}s)`, retryAfterMs: err.retryAfter * 1000 };
  }
  if (err instanceof webApi.WebAPIHTTPError) return { ok: false, kind: 'retry', detail: `HTTP ${err.statusCode} ${err.statusMessage}`.trim() };
  if (err instanceof webApi.WebAPIRequestError) return { ok: false, kind: 'retry', detail: `network: ${mask(err.original.message)}` };
  return { ok: false, kind: 'retry', detail: mask(err instanceof Error ? err.message : String(err)) };
}

/** The Slack error code of a platform error, if it is one. */
export function platformCode(err: unknown): string | null {
  return err instanceof webApi.WebAPIPlatformError ? err.data.error : null;
}

/** One sentence for the user about why we could not post into their channel. */
export function explain(f: Failure): string {
  switch (f.kind) {
    case 'no_access':
      return 'I am not a member of this channel, so I cannot post here. Invite me with `/invite @briefing` and try again.';
    case 'channel_gone':
      return 'This channel no longer exists or has been archived.';
    case 'auth':
      return 'My Slack credentials were refused, so I cannot post messages. An admin needs to check the app token.';
    case 'retry':
      return 'Slack did not accept the message just now. Please try again in a minute.';
    case 'unconfirmed':
      return 'Slack did not confirm the message; it may or may not have been posted.';
    case 'rejected':
      return 'Slack refused this message; it has been logged.';
  }
}
