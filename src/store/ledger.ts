// The delivery ledger's vocabulary, shared by both backends (store/sqlite/deliveries.ts,
// store/postgres/deliveries.ts) and by the interface scheduling sees (DeliveryLedgerPort in
// store/types.ts): a row's states, the row itself, and a claim's arguments and result. Here and not
// in either backend, so neither backend's code imports the other's.

/**
 * - `claimed`: an instance owns the day and may be posting (see `owner`, `lease_until`, `in_flight`);
 * - `sent`: posted, `message_id` set;
 * - `nothing_new`: nothing to post and the policy said skip;
 * - `skipped`: missed by more than the grace window (the scheduler was down);
 * - `failed`: gave up (retries exhausted, channel gone, no access, no poster), `reason` says why;
 * - `unknown`: a post was in flight when its owner vanished; it may have gone out, so it is never re-posted.
 */
export type DeliveryStatus = 'claimed' | 'sent' | 'nothing_new' | 'skipped' | 'failed' | 'unknown';
export type FinalStatus = Exclude<DeliveryStatus, 'claimed' | 'sent'>;

export interface Delivery {
  id: number;
  channelKey: string;
  subscriptionId: number | null;
  localDate: string;
  dueAt: number;
  status: DeliveryStatus;
  owner: string | null;
  leaseUntil: number | null;
  inFlight: boolean;
  attempts: number;
  messageId: string | null;
  reason: string | null;
  coveredUntil: number | null;
  updatedAt: number;
}

export interface ClaimArgs {
  key: string;
  subscriptionId: number;
  date: string;
  dueAt: number;
  owner: string;
  now: number;
  leaseMs: number;
  /** True when the instance named `owner` is known to be gone (its process exited), so its lease need not expire. */
  ownerGone?: (owner: string) => boolean;
}

export type ClaimResult =
  | { claimed: true; delivery: Delivery; tookOver: boolean }
  | { claimed: false; delivery: Delivery };
