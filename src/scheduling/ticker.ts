// A minute tick driven by the UTC epoch, not by the local wall clock: a plain timer set for the
// start of the next minute (epoch milliseconds divisible by 60,000), re-armed after each tick.
// Local time never enters it, so a repeated hour (fall back) or a skipped one (spring forward)
// cannot stop it, repeat it or make it spin; which digests a minute owes is worked out per zone
// by luxon in due.ts.
export interface MinuteTicker {
  stop(): void;
  /** The UTC minute (epoch ms) of the last tick, or null before the first. */
  readonly lastMinute: number | null;
}

export interface TickerOptions {
  /** The wall clock (default Date.now). */
  now?: () => number;
  /** How far into the minute to fire, so a timer that wakes a little early still lands inside it. */
  offsetMs?: number;
}

const MINUTE = 60_000;

export function everyMinute(onTick: (minute: number) => void, opts: TickerOptions = {}): MinuteTicker {
  const now = opts.now ?? Date.now;
  const offset = opts.offsetMs ?? 20;
  let last: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const arm = () => {
    if (stopped) return;
    const t = now();
    const next = Math.floor(t / MINUTE) * MINUTE + MINUTE + offset;
    timer = setTimeout(fire, Math.max(1, next - t));
  };
  const fire = () => {
    timer = null;
    if (stopped) return;
    const minute = Math.floor(now() / MINUTE) * MINUTE;
    // A timer can wake before its time (or the clock can be stepped back): tick only for a minute
    // not ticked yet, then aim at the next one. A clock stepped forward ticks once, for the new minute.
    if (minute !== last) {
      last = minute;
      try {
        onTick(minute);
      } finally {
        arm();
      }
      return;
    }
    arm();
  };
  arm();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    get lastMinute() {
      return last;
    },
  };
}
