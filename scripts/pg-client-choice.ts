// How the PostgreSQL client was chosen: `pg` (node-postgres) against `postgres` (porsager), on a
// throwaway cluster started here, in one run, each figure also shown as a ratio to `pg`'s.
//   npm install --no-save pg postgres   # the one not in package.json
//   node --import tsx scripts/pg-client-choice.ts
// Measures: sequential simple-query latency, prepared statements with parameters, a 50-row read,
// 25 concurrent callers on a pool of 10, client CPU per query, and what each does when the server
// restarts under an idle pool (the replicas must survive that).
import { performance } from 'node:perf_hooks';
import { startCluster } from '../test/pg/cluster.ts';

interface Client {
  name: string;
  query(text: string, params?: unknown[], prepared?: string): Promise<unknown[]>;
  end(): Promise<void>;
}

async function makePg(url: string, max: number): Promise<Client | undefined> {
  let mod: typeof import('pg');
  try {
    mod = (await import('pg')).default as unknown as typeof import('pg');
  } catch {
    return undefined;
  }
  const pool = new mod.Pool({ connectionString: url, max });
  const errors: string[] = [];
  pool.on('error', (e) => errors.push(e.message));
  return {
    name: 'pg',
    async query(text, params, prepared) {
      const r = await pool.query(prepared ? { name: prepared, text, values: params } : { text, values: params });
      return r.rows;
    },
    end: () => pool.end(),
  };
}

async function makePostgres(url: string, max: number): Promise<Client | undefined> {
  let mod: typeof import('postgres');
  try {
    mod = (await import('postgres')).default as unknown as typeof import('postgres');
  } catch {
    return undefined;
  }
  const sql = mod(url, { max, onnotice: () => {} });
  return {
    name: 'postgres',
    async query(text, params, prepared) {
      return sql.unsafe(text, (params ?? []) as never[], { prepare: Boolean(prepared) });
    },
    end: () => sql.end({ timeout: 1 }),
  };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

async function timeSeq(c: Client, n: number, text: string, params?: (i: number) => unknown[], prepared?: string) {
  for (let i = 0; i < 200; i++) await c.query(text, params?.(i), prepared); // warm-up
  const lat: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await c.query(text, params?.(i), prepared);
    lat.push(performance.now() - s);
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { p50: pct(lat, 50), p95: pct(lat, 95), cpuUs: (cpu.user + cpu.system) / n, qps: (n / wall) * 1000 };
}

async function timeConcurrent(c: Client, callers: number, each: number) {
  const lat: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async (_, k) => {
      for (let i = 0; i < each; i++) {
        const s = performance.now();
        await c.query('SELECT id, body FROM items WHERE id = $1', [(k * each + i) % 1000], 'one');
        lat.push(performance.now() - s);
      }
    }),
  );
  const wall = performance.now() - t0;
  return { p50: pct(lat, 50), p99: pct(lat, 99), qps: ((callers * each) / wall) * 1000 };
}

async function main() {
  const res = await startCluster();
  if (!res.ok) {
    console.log(`skipped: ${res.reason}`);
    return;
  }
  const { cluster } = res;
  try {
    const setup = await makePg(cluster.url, 1) ?? await makePostgres(cluster.url, 1);
    if (!setup) throw new Error('neither pg nor postgres is installed');
    await setup.query(`CREATE TABLE items (id int PRIMARY KEY, body text NOT NULL)`);
    await setup.query(`INSERT INTO items SELECT g, repeat('word ', 40) || g FROM generate_series(0, 999) g`);
    await setup.end();

    const rows: Record<string, Record<string, number>> = {};
    for (const make of [makePg, makePostgres]) {
      const single = await make(cluster.url, 1);
      if (!single) {
        console.log(`(${make === makePg ? 'pg' : 'postgres'} not installed: skipped)`);
        continue;
      }
      const r: Record<string, number> = {};
      const simple = await timeSeq(single, 3000, 'SELECT 1');
      r['simple p50 ms'] = simple.p50;
      r['simple p95 ms'] = simple.p95;
      r['simple cpu µs/q'] = simple.cpuUs;
      const prep = await timeSeq(single, 3000, 'SELECT id, body FROM items WHERE id = $1', (i) => [i % 1000], 'by_id');
      r['prepared p50 ms'] = prep.p50;
      r['prepared p95 ms'] = prep.p95;
      r['prepared cpu µs/q'] = prep.cpuUs;
      const unprep = await timeSeq(single, 3000, 'SELECT id, body FROM items WHERE id = $1', (i) => [i % 1000]);
      r['unnamed param p50 ms'] = unprep.p50;
      const rows50 = await timeSeq(single, 1000, 'SELECT id, body FROM items WHERE id >= $1 ORDER BY id LIMIT 50', (i) => [i % 900], 'fifty');
      r['50 rows p50 ms'] = rows50.p50;
      r['50 rows cpu µs/q'] = rows50.cpuUs;
      await single.end();

      const pool = await make(cluster.url, 10);
      const conc = await timeConcurrent(pool!, 25, 400);
      r['pool10 x25 p50 ms'] = conc.p50;
      r['pool10 x25 p99 ms'] = conc.p99;
      r['pool10 x25 q/s'] = conc.qps;

      // Server restart under an idle pool: does the next query work without the caller retrying?
      await cluster.stop('fast');
      await cluster.start();
      let firstAfterRestart = 'ok';
      try {
        await pool!.query('SELECT 1');
      } catch (e) {
        firstAfterRestart = `error: ${(e as Error).message}`;
      }
      let secondAfterRestart = 'ok';
      try {
        await pool!.query('SELECT 1');
      } catch (e) {
        secondAfterRestart = `error: ${(e as Error).message}`;
      }
      console.log(`${pool!.name}: after a server restart, first query ${firstAfterRestart}; second ${secondAfterRestart}`);
      await pool!.end();
      rows[single.name] = r;
    }

    const names = Object.keys(rows);
    const base = rows.pg;
    console.log(`\n${'metric'.padEnd(24)}${names.map((n) => n.padStart(12)).join('')}${base && names.length > 1 ? '   ratio postgres/pg' : ''}`);
    for (const metric of Object.keys(rows[names[0]!]!)) {
      const vals = names.map((n) => rows[n]![metric]!);
      const ratio = base && rows.postgres ? `   ${(rows.postgres[metric]! / base[metric]!).toFixed(2)}` : '';
      console.log(`${metric.padEnd(24)}${vals.map((v) => v.toFixed(3).padStart(12)).join('')}${ratio}`);
    }
  } finally {
    await cluster.destroy();
  }
}

await main();
