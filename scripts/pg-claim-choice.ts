// Run: node --import tsx scripts/pg-claim-choice.ts [channels]   (default 10,000; starts its own cluster)
// How the ledger claims: three replicas (pools) claim N channel-days due in the same minute.
//  A1: INSERT … ON CONFLICT DO NOTHING RETURNING, one statement per channel (each replica walks all)
//  A2: the same, batched: one INSERT … SELECT unnest(keys) per replica per batch of 100
//  B : FOR UPDATE SKIP LOCKED over pre-inserted 'due' rows, 50 per statement
// Reports wall time, statements, duplicates, and how the work split between replicas.
import { startCluster } from '../test/pg/cluster.ts';
import pg from 'pg';

const N = Number(process.argv[2] ?? 10000);
const R = 3;
const res = await startCluster();
if (!res.ok) throw new Error(res.reason);
const { cluster } = res;
const admin = new pg.Pool({ connectionString: cluster.url, max: 2 });
async function reset() {
  await admin.query('DROP TABLE IF EXISTS d');
  await admin.query(`CREATE TABLE d (id bigserial primary key, channel_key text not null, local_date text not null, status text not null, owner text, lease_until bigint, UNIQUE (channel_key, local_date))`);
}
const keys = Array.from({ length: N }, (_, i) => `slack/T1/C${i}`);
const pools = Array.from({ length: R }, () => new pg.Pool({ connectionString: cluster.url, max: 4 }));
const NOW = `(extract(epoch from clock_timestamp())*1000)::bigint`;

async function a1() {
  let statements = 0;
  const won = pools.map(() => [] as string[]);
  await Promise.all(pools.map(async (p, r) => {
    const order = [...keys.slice((r * N) / R), ...keys.slice(0, (r * N) / R)];
    let i = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (i < order.length) {
        const k = order[i++]!;
        statements++;
        const q = await p.query(`INSERT INTO d (channel_key, local_date, status, owner, lease_until) VALUES ($1, '2026-12-03', 'claimed', $2, ${NOW} + 60000) ON CONFLICT DO NOTHING RETURNING channel_key`, [k, `r${r}`]);
        if (q.rows[0]) won[r]!.push(k);
      }
    }));
  }));
  return { statements, won };
}

async function a2() {
  let statements = 0;
  const won = pools.map(() => [] as string[]);
  await Promise.all(pools.map(async (p, r) => {
    const order = [...keys.slice((r * N) / R), ...keys.slice(0, (r * N) / R)];
    for (let i = 0; i < order.length; i += 100) {
      statements++;
      const q = await p.query(`INSERT INTO d (channel_key, local_date, status, owner, lease_until) SELECT k, '2026-12-03', 'claimed', $2, ${NOW} + 60000 FROM unnest($1::text[]) k ON CONFLICT DO NOTHING RETURNING channel_key`, [order.slice(i, i + 100), `r${r}`]);
      won[r]!.push(...q.rows.map((x) => x.channel_key));
    }
  }));
  return { statements, won };
}

async function b() {
  let statements = 1;
  await admin.query(`INSERT INTO d (channel_key, local_date, status) SELECT k, '2026-12-03', 'due' FROM unnest($1::text[]) k ON CONFLICT DO NOTHING`, [keys]);
  const won = pools.map(() => [] as string[]);
  await Promise.all(pools.map(async (p, r) => {
    for (;;) {
      statements++;
      const q = await p.query(`UPDATE d SET status = 'claimed', owner = $1, lease_until = ${NOW} + 60000 WHERE id IN (SELECT id FROM d WHERE status = 'due' ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED) RETURNING channel_key`, [`r${r}`]);
      if (q.rows.length === 0) break;
      won[r]!.push(...q.rows.map((x) => x.channel_key));
    }
  }));
  return { statements, won };
}

for (const [name, fn] of [['A1 insert-on-conflict, one per channel', a1], ['A2 insert-on-conflict, batches of 100', a2], ['B  skip-locked, batches of 50', b]] as const) {
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof a1>> | null = null;
  for (let rep = 0; rep < 3; rep++) {
    await reset();
    const t0 = performance.now();
    last = await fn();
    times.push(performance.now() - t0);
  }
  const all = last!.won.flat();
  const dup = all.length - new Set(all).size;
  const missing = N - new Set(all).size;
  times.sort((x, y) => x - y);
  console.log(`${name}: median ${times[1]!.toFixed(0)} ms, ${last!.statements} statements, duplicates ${dup}, missing ${missing}, split ${last!.won.map((w) => w.length).join('/')}`);
}
for (const p of pools) await p.end();
await admin.end();
await cluster.destroy();
