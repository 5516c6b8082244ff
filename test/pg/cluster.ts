// A throwaway PostgreSQL cluster for tests and benches: initdb into a temporary folder, start it on
// a free loopback port with durability off (fsync, synchronous_commit, full_page_writes), stop it
// and delete the folder at the end. Nothing here is mocked: it is the real server from the Debian
// `postgresql` package (.ci/run installs it when missing). initdb refuses to run as root, so as
// root the cluster is owned by the `postgres` system user and every binary runs through runuser.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PgCluster {
  /** Superuser URL of the `postgres` database, e.g. `postgres://briefing@127.0.0.1:54321/postgres`. */
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** Stops the server fast (`-m fast`: clients are disconnected), leaving the data in place. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port after stop(). */
  start(): Promise<void>;
  /** Stops the server and deletes its folder. */
  destroy(): Promise<void>;
}

export type ClusterResult = { ok: true; cluster: PgCluster } | { ok: false; reason: string };

const SUPERUSER = 'briefing';

/** The folder holding initdb, pg_ctl and postgres: $PG_BIN, the newest /usr/lib/postgresql/N/bin, or PATH. */
export function findPgBin(): string | undefined {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  try {
    const initdb = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim();
    if (initdb) return join(initdb, '..');
  } catch {
    // not on PATH
  }
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function systemUser(name: string): { uid: number; gid: number } | undefined {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${name}:`));
    if (!line) return undefined;
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return undefined;
  }
}

/** Starts a new cluster, or says plainly why none can be had. */
export async function startCluster(): Promise<ClusterResult> {
  const bin = findPgBin();
  if (!bin) return { ok: false, reason: 'no PostgreSQL server binaries (install the Debian package `postgresql`, or set PG_BIN)' };
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? systemUser('postgres') : undefined;
  if (asRoot && !owner) return { ok: false, reason: 'running as root and there is no `postgres` user to own a test cluster' };

  const dir = mkdtempSync(join(tmpdir(), 'briefing-pg-'));
  const data = join(dir, 'data');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const as = (cmd: string, args: string[]): [string, string[]] =>
    owner ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];

  const port = await freePort();
  const logFile = join(dir, 'server.log');
  const exec = async (cmd: string, args: string[], timeout = 60_000) => {
    const [file, argv] = as(cmd, args);
    return run(file, argv, { timeout, env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' } });
  };
  try {
    await exec('initdb', ['-D', data, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return { ok: false, reason: `initdb failed: ${(err as Error).message.split('\n')[0]}` };
  }
  const conf = [
    `listen_addresses = '127.0.0.1'`,
    `port = ${port}`,
    `unix_socket_directories = '${dir}'`,
    `fsync = off`,
    `synchronous_commit = off`,
    `full_page_writes = off`,
    `max_connections = 300`,
    `timezone = 'UTC'`,
    `log_min_messages = warning`,
  ].join('\n');
  writeFileSync(join(data, 'postgresql.auto.conf'), conf + '\n');
  if (owner) chownSync(join(data, 'postgresql.auto.conf'), owner.uid, owner.gid);

  const start = async () => {
    await exec('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', 'start']);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await exec('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  };
  try {
    await start();
  } catch (err) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-800) : '';
    rmSync(dir, { recursive: true, force: true });
    return { ok: false, reason: `PostgreSQL did not start: ${(err as Error).message.split('\n')[0]} ${log}` };
  }
  let destroyed = false;
  const cluster: PgCluster = {
    url: `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`,
    port,
    dir,
    stop,
    start,
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      try {
        await stop('immediate');
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return { ok: true, cluster };
}
