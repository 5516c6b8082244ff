// The shape of one environment key: where it lands in the config and how its text is read.
/** `word`: a keyword, matched case-insensitively (LOG_LEVEL=INFO works). */
export type EnvType = 'string' | 'word' | 'int' | 'bool' | 'weekdays';

export interface EnvKey {
  name: string;
  /** Path in Config, e.g. ['digest', 'time']. */
  path: readonly string[];
  type: EnvType;
  /** Never shown: not in errors, not in logs. */
  secret?: boolean;
}
