// Slack allows about one message per second per channel. Each channel gets a queue: jobs for the
// same channel run one after another, at least `intervalMs` apart; other channels are not held up.
const SWEEP_EVERY = 256;

export class ChannelQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly lastStart = new Map<string, number>();
  private runs = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    if (++this.runs % SWEEP_EVERY === 0) this.forgetIdle();
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(async () => {
      const last = this.lastStart.get(key);
      const wait = last === undefined ? 0 : last + this.intervalMs - this.now();
      if (wait > 0) await this.sleep(wait);
      try {
        return await job();
      } finally {
        // Spacing counts from the end of a job: a retried post has already waited its Retry-After.
        this.lastStart.set(key, this.now());
      }
    });
    const settled = next.catch(() => undefined);
    this.tails.set(key, settled);
    void settled.then(() => {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return next;
  }

  /** Drops the spacing record of channels idle for longer than the interval (it no longer holds anyone back). */
  private forgetIdle(): void {
    const now = this.now();
    for (const [key, last] of this.lastStart) if (!this.tails.has(key) && now - last >= this.intervalMs) this.lastStart.delete(key);
  }

  /** Channels whose spacing is remembered (for tests: it must not grow with every channel ever posted to). */
  get remembered(): number {
    return this.lastStart.size;
  }

  /** Channels with work queued or running. */
  get busy(): number {
    return this.tails.size;
  }
}
