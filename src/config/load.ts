// Loading the configuration: defaults from the YAML file (config/default.yaml or BRIEFING_CONFIG),
// then `.env`, then the process environment, each overriding the one before. Everything is
// validated at start-up; every problem is reported at once, naming where the bad value came
// from (file and key, or variable) and what would be right. Secrets are registered with the logger.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { parseWeekdays } from '../core/util/weekdays.ts';
import { nearest } from '../core/util/edit-distance.ts';
import { redact } from '../log.ts';
import { parseDotEnv } from './dotenv.ts';
import { CONFIG_PATH_KEY, DEFAULT_CONFIG_PATH, ENV_KEYS, OWN_PREFIXES, SECRET_PATHS, type EnvKey } from './env.ts';
import { configSchema, type Config } from './schema.ts';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** The process environment (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Where relative paths (the YAML, `.env`) are found (default `process.cwd()`). */
  cwd?: string;
  /** The `.env` file; null to read none (default `<cwd>/.env` when it exists). */
  envFile?: string | null;
}

export interface LoadedConfig {
  config: Config;
  /** The files read, for the start-up log. */
  files: string[];
  /**
   * The YAML file the config came from (absolute, symlinks resolved; the default path when there is
   * none): config digest subscriptions are keyed by it, so another config never deletes them.
   */
  source: string;
}

/** Where a value came from, for error messages. */
type EnvOrigin = { kind: 'env'; name: string; file?: string; line?: number; secret: boolean; text?: string };
type Origin = { kind: 'yaml'; file: string } | EnvOrigin;

const WEEKDAYS_HINT = 'a list of days (e.g. mon-fri, weekends, daily, mon,wed,fri)';

export function loadConfig(opts: LoadConfigOptions = {}): LoadedConfig {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const problems: string[] = [];
  const files: string[] = [];

  // .env first: it may say where the YAML is.
  const dotenv = new Map<string, { value: string; line: number }>();
  const envFile = opts.envFile === undefined ? resolve(cwd, '.env') : opts.envFile === null ? null : resolve(cwd, opts.envFile);
  const envFileLabel = envFile ? displayPath(envFile, cwd) : '';
  if (envFile && existsSync(envFile)) {
    files.push(envFileLabel);
    const parsed = parseDotEnv(readFileSync(envFile, 'utf8'));
    for (const e of parsed.errors) problems.push(`config: ${envFileLabel} line ${e.line}: ${e.message}`);
    const known = new Set([...ENV_KEYS.map((k) => k.name), CONFIG_PATH_KEY]);
    for (const [name, entry] of parsed.values) {
      if (!known.has(name) && OWN_PREFIXES.some((p) => name.startsWith(p))) {
        const near = nearest(name, known, 2);
        problems.push(`config: ${envFileLabel} line ${entry.line}: unknown key ${name}${near ? ` (did you mean ${near}?)` : ''}; the keys are listed in .env.example`);
      }
      dotenv.set(name, entry);
    }
  }
  const lookup = (name: string): { value: string; origin: EnvOrigin } | null => {
    const fromEnv = env[name];
    const secret = ENV_KEYS.some((k) => k.name === name && k.secret);
    if (fromEnv !== undefined && fromEnv !== '') return { value: fromEnv, origin: { kind: 'env', name, secret } };
    const fromFile = dotenv.get(name);
    if (fromFile && fromFile.value !== '') return { value: fromFile.value, origin: { kind: 'env', name, file: envFileLabel, line: fromFile.line, secret } };
    return null;
  };

  // The YAML defaults.
  let raw: Record<string, unknown> = {};
  const yamlSetting = lookup(CONFIG_PATH_KEY);
  const yamlPath = resolve(cwd, yamlSetting?.value ?? DEFAULT_CONFIG_PATH);
  const yamlLabel = displayPath(yamlPath, cwd);
  if (existsSync(yamlPath)) {
    files.push(yamlLabel);
    const read = readYaml(yamlPath, yamlLabel);
    if ('problem' in read) problems.push(read.problem);
    else raw = read.value;
  } else if (yamlSetting) {
    problems.push(`config: ${where(yamlSetting.origin)}${CONFIG_PATH_KEY}="${yamlSetting.value}": no such file; point it at a YAML file such as ${DEFAULT_CONFIG_PATH}`);
  }
  const yamlOrigin: Origin = { kind: 'yaml', file: yamlLabel };

  // Day lists may be written as text in the YAML too.
  const digest = raw['digest'];
  if (isRecord(digest)) {
    convertWeekdays(digest, ['digest', 'weekdays'], yamlOrigin, problems);
    const subs = digest['subscriptions'];
    // A broken subscription must not stop the start: its day list is converted when it can be,
    // and the scheduler reports what is wrong with each entry by position (scheduling/config-subscriptions.ts).
    if (Array.isArray(subs)) subs.forEach((s, i) => isRecord(s) && convertWeekdays(s, ['digest', 'subscriptions', String(i), 'weekdays'], yamlOrigin, []));
  }

  // Environment overrides.
  const origins = new Map<string, Origin>();
  for (const key of ENV_KEYS) {
    const found = lookup(key.name);
    if (!found) continue;
    const value = convertEnv(key, found.value);
    if ('problem' in value) {
      problems.push(`config: ${label(found.origin, key.path.join('.'), found.value)} ${value.problem}`);
      continue;
    }
    setPath(raw, key.path, value.value);
    // Errors quote the value as written, not as converted.
    origins.set(key.path.join('.'), { ...found.origin, text: found.value });
  }

  const result = configSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map(String);
      const origin = origins.get(path.join('.')) ?? yamlOrigin;
      problems.push(describeIssue(issue, path, origin, raw));
    }
  }
  if (problems.length) throw new ConfigError(problems);
  const config = result.data!;
  problems.push(...crossChecks(config));
  if (problems.length) throw new ConfigError(problems);

  for (const path of SECRET_PATHS) {
    const v = getPath(config, path.split('.'));
    if (typeof v === 'string') redact(v);
  }
  return { config, files, source: existsSync(yamlPath) ? realpathSync(yamlPath) : yamlPath };
}

function readYaml(path: string, label: string): { value: Record<string, unknown> } | { problem: string } {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8'));
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const line = err.linePos?.[0]?.line;
      const reason = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return { problem: `config: ${label}${line ? ` line ${line}` : ''}: ${reason}` };
    }
    return { problem: `config: ${label}: cannot read: ${(err as Error).message}` };
  }
  if (doc === null || doc === undefined) return { value: {} };
  if (!isRecord(doc)) return { problem: `config: ${label}: expected a mapping of keys (contentDir: …, digest: …) at the top level` };
  return { value: doc };
}

function convertWeekdays(obj: Record<string, unknown>, path: string[], origin: Origin, problems: string[]): void {
  const v = obj['weekdays'];
  if (typeof v !== 'string') return;
  const days = parseWeekdays(v);
  if (days) {
    obj['weekdays'] = days;
    return;
  }
  problems.push(`config: ${label(origin, displayKey(path), v)} is not ${WEEKDAYS_HINT}`);
  // Reported here; the schema need not report it again.
  delete obj['weekdays'];
}

function convertEnv(key: EnvKey, text: string): { value: unknown } | { problem: string } {
  const v = text.trim();
  switch (key.type) {
    case 'string':
      return { value: v };
    case 'word':
      return { value: v.toLowerCase() };
    case 'int':
      return /^-?\d+$/.test(v) ? { value: Number(v) } : { problem: 'is not a whole number (e.g. 120)' };
    case 'bool': {
      const b = v.toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(b)) return { value: true };
      if (['false', 'no', 'off', '0'].includes(b)) return { value: false };
      return { problem: 'is not true or false' };
    }
    case 'weekdays': {
      const days = parseWeekdays(v);
      return days ? { value: days } : { problem: `is not ${WEEKDAYS_HINT}` };
    }
  }
}

/** `digest.subscriptions[0].time` */
function displayKey(path: readonly string[]): string {
  return path.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i ? `.${p}` : p)).join('');
}

function describeIssue(issue: z.core.$ZodIssue, path: string[], origin: Origin, raw: Record<string, unknown>): string {
  const key = displayKey(path);
  if (issue.code === 'unrecognized_keys') {
    const at = key ? `${key}.` : '';
    const file = origin.kind === 'yaml' ? origin.file : 'config';
    const known = keysAt(path);
    const hints = issue.keys.map((k) => nearest(k, known, 2)).filter(Boolean);
    const fix = hints.length === 1 ? `did you mean ${at}${hints[0]}?` : `the keys here are ${known.join(', ')}`;
    return `config: ${file}: unknown key ${issue.keys.map((k) => at + k).join(', ')} (${fix})`;
  }
  const value = origin.kind === 'env' && origin.text !== undefined ? origin.text : getPath(raw, path);
  const head = `config: ${label(origin, key, value)}`;
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? `${head} is missing; it must be ${article(issue.expected)}` : `${head} must be ${article(issue.expected)}`;
    case 'invalid_value':
      return `${head} must be one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' ? `${head} must list at least ${issue.minimum} value` : `${head} must be at least ${issue.minimum}`;
    case 'too_big':
      return `${head} must be at most ${issue.maximum}`;
    case 'invalid_format':
      return issue.format === 'url' ? `${head} is not a URL (e.g. http://127.0.0.1:8080/api/)` : `${head} is not ${issue.message}`;
    case 'custom':
    case 'invalid_union':
      return `${head} is not ${issue.message}`;
    default:
      return `${head}: ${issue.message}`;
  }
}

/** Settings that are valid one by one but not together: a platform configured by halves. */
function crossChecks(c: Config): string[] {
  const out: string[] = [];
  const s = c.slack;
  if ((s.signingSecret || s.appToken) && !s.botToken) {
    out.push(`config: SLACK_BOT_TOKEN is not set but ${s.appToken ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET'} is; set SLACK_BOT_TOKEN (xoxb-…) too, or unset the Slack keys to run without Slack`);
  } else if (s.botToken && !s.signingSecret && !s.appToken) {
    out.push('config: SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode) is; set one of them');
  }
  const d = c.discord;
  if (d.token && !d.applicationId) out.push('config: DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is not; set it to the application id from the Discord developer portal');
  else if (!d.token && d.applicationId) out.push('config: DISCORD_APPLICATION_ID is set but DISCORD_TOKEN is not; set the bot token too, or unset both to run without Discord');
  return out;
}

function label(origin: Origin, key: string, value: unknown): string {
  if (origin.kind === 'yaml') return `${origin.file}: ${key}=${show(value, SECRET_PATHS.includes(key))}`;
  return `${where(origin)}${origin.name}=${show(value, origin.secret)}`;
}

function where(origin: Origin): string {
  return origin.kind === 'env' && origin.file ? `${origin.file} line ${origin.line}: ` : '';
}

function show(value: unknown, secret: boolean): string {
  if (secret) return '(hidden)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
  return String(value);
}

function article(type: string): string {
  return type === 'array' ? 'a list' : type === 'object' ? 'a mapping' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function setPath(obj: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cur = obj;
  for (const p of path.slice(0, -1)) {
    if (!isRecord(cur[p])) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[path[path.length - 1]!] = value;
}

function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** Paths under the working directory are shown relative to it, as people wrote them. */
function displayPath(path: string, cwd: string): string {
  return path.startsWith(cwd + sep) ? path.slice(cwd.length + 1) : path;
}

/** The keys the schema allows at `path`, for "did you mean". */
function keysAt(path: readonly string[]): string[] {
  type Node = { _zod: { def: { type: string; innerType?: Node; element?: Node; shape?: Record<string, Node> } } };
  let node = configSchema as unknown as Node;
  const unwrap = () => {
    while (node._zod.def.innerType) node = node._zod.def.innerType;
  };
  for (const p of path) {
    unwrap();
    const def = node._zod.def;
    const next = def.type === 'array' ? def.element : def.shape?.[p];
    if (!next) return [];
    node = next;
  }
  unwrap();
  return Object.keys(node._zod.def.shape ?? {});
}

