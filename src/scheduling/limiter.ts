// Bounded concurrency: at most `limit` deliveries hold a slot at once across all channels, whatever
// is due. A delivery gives its slot back while it waits to retry.
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  peak = 0;

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`concurrency must be at least 1, got ${limit}`);
  }

  /** Waits for a slot; the returned function frees it (calling it again does nothing). */
  async acquire(): Promise<() => void> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    else this.active++;
    this.peak = Math.max(this.peak, this.active);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      const next = this.waiting.shift();
      // Hand the slot straight to the next waiter, so a newcomer cannot overtake the queue.
      if (next) next();
      else this.active--;
    };
  }
}
