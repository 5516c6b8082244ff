// Time as a dependency: the scheduler asks the clock for "now" and for waits, so tests drive a
// manual clock through days, DST changes and Retry-After waits without sleeping.
export interface Clock {
  now(): number;
  /** Resolves after `ms` (early, without error, when `signal` aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** A clock that moves only when told to; `sleep` advances it instead of waiting. */
export class ManualClock implements Clock {
  private t: number;
  readonly sleeps: number[] = [];

  constructor(start: number | string | Date) {
    this.t = typeof start === 'number' ? start : new Date(start).getTime();
  }

  now(): number {
    return this.t;
  }

  set(to: number | string | Date): void {
    this.t = typeof to === 'number' ? to : new Date(to).getTime();
  }

  advance(ms: number): void {
    this.t += ms;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += Math.max(0, ms);
  }
}
