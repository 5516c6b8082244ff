// Politeness and fairness: a per-host spacing of requests (so the bot never hammers one site,
// however many feeds point at it), a cap on fetches in flight, and a sliding-window count per key
// (for `/brief add` per user per minute).

/**
 * Spaces requests to each host at least `1000 / perSecond` ms apart, in arrival order, and holds a
 * host back for as long as its Retry-After asked. One gate per fetcher: the web fetcher thread's is
 * the whole process's, whichever feed or command a request is for.
 */
export class HostGate {
  private readonly interval: number;
  private readonly next = new Map<string, number>();
  /** Hosts that answered 429 or 503 with a Retry-After: not asked again before this time. */
  private readonly deferred = new Map<string, number>();
  private sweeps = 0;

  constructor(perSecond: number, private readonly now: () => number = Date.now) {
    this.interval = perSecond > 0 ? 1000 / perSecond : 0;
  }

  /** Resolves when a request to `host` may be sent; rejects when `signal` aborts first. */
  async wait(host: string, signal?: AbortSignal): Promise<void> {
    const t = this.now();
    const held = this.deferred.get(host) ?? 0;
    if (this.interval === 0 && held <= t) return;
    const at = Math.max(t, this.next.get(host) ?? 0, held);
    this.next.set(host, at + this.interval);
    if (++this.sweeps % 1000 === 0) this.sweep(t);
    const delay = at - t;
    if (delay > 0) await sleep(delay, signal);
  }

  /** The host asked (Retry-After) not to be sent anything for `ms`. */
  defer(host: string, ms: number): void {
    const until = this.now() + ms;
    if (until > (this.deferred.get(host) ?? 0)) this.deferred.set(host, until);
  }

  /** How much longer the host asked to be left alone, ms (0 when it did not). */
  deferredFor(host: string): number {
    return Math.max(0, (this.deferred.get(host) ?? 0) - this.now());
  }

  /** How long a request to `host` asked for now would wait, ms. */
  backlog(host: string): number {
    return Math.max(0, (this.next.get(host) ?? 0) - this.now());
  }

  private sweep(t: number): void {
    for (const [h, at] of this.next) if (at < t) this.next.delete(h);
    for (const [h, at] of this.deferred) if (at < t) this.deferred.delete(h);
  }
}

/** At most `max` holders at once; the others wait in order. */
export class Slots {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly max: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}

/** At most `limit` events per key in any `windowMs`. */
export class WindowLimit {
  private readonly events = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an event for `key` and returns 0, or returns the ms until one is allowed (nothing recorded). */
  take(key: string): number {
    const t = this.now();
    const list = (this.events.get(key) ?? []).filter((at) => at > t - this.windowMs);
    if (list.length >= this.limit) {
      this.events.set(key, list);
      return list[0]! + this.windowMs - t;
    }
    list.push(t);
    this.events.set(key, list);
    if (this.events.size > 10_000) for (const [k, v] of this.events) if (v.every((at) => at <= t - this.windowMs)) this.events.delete(k);
    return 0;
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
