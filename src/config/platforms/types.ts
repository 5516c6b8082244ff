// What a chat platform brings to the configuration: its slice of the schema, the environment keys
// that fill it, its channel-id shape, and when it counts as configured. One file per platform, listed in index.ts.
import type { z } from 'zod';
import type { EnvKey } from '../env-key.ts';

export interface PlatformConfig<S extends z.ZodType = z.ZodType> {
  /** The platform id: the config key, the channel-key prefix (`slack:T1:C42`), the hook name. */
  readonly id: string;
  /** Every environment key of this platform starts with it (`SLACK_`), so a misspelt one is caught. */
  readonly envPrefix: string;
  /** The platform's config object (strict, with its defaults). */
  readonly schema: S;
  /**
   * The shape of its channel ids, which a digest subscription (config, or a stored row) must match,
   * so a typo is reported by entry rather than failing at the first post.
   */
  readonly channel: RegExp;
  /** Its environment keys, with paths inside the platform's slice. */
  readonly env: readonly EnvKey[];
  /** Whether the credentials are complete, so the platform starts (the console runs when none does). */
  configured(slice: z.infer<S>): boolean;
}

/** Checks a platform's definition against the interface while keeping its exact schema type. */
export function platformConfig<S extends z.ZodType>(p: PlatformConfig<S>): PlatformConfig<S> {
  return p;
}
