// `npm run bench slack-transport`: client CPU per Web API / response_url POST for the Slack
// transport (src/adapters/slack/http-fetch.ts, undici's request over a keep-alive Agent), against
// the global fetch (baseline) and a bare node:http request over a keep-alive agent, in one run.
// The server runs in a child process, so process.cpuUsage() counts the client alone. Each client
// sends BENCH_REQUESTS (default 3000) JSON POSTs, 8 at a time, after a warm-up; best of 3 rounds.
import { spawn } from 'node:child_process';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { createHttpFetch } from '../src/adapters/slack/http-fetch.ts';

const N = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = 8;
const body = JSON.stringify({ channel: 'C0123', text: 'x'.repeat(600), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'y'.repeat(900) } }] });

const server = spawn(process.execPath, ['-e', `
  const http = require('node:http');
  const answer = JSON.stringify({ ok: true, channel: 'C0123', ts: '1700000000.000100', message: { text: 'ok' } });
  const s = http.createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(answer)); });
  s.keepAliveTimeout = 60000;
  s.listen(0, '127.0.0.1', () => process.stdout.write(String(s.address().port) + '\\n'));
`], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<number>((resolve) => server.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
const url = `http://127.0.0.1:${port}/api/chat.postMessage`;
const headers = { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxb-bench' };

type Post = () => Promise<unknown>;

const undiciFetch = createHttpFetch();
const clients: [string, Post][] = [
  ['global fetch (baseline)', async () => (await fetch(url, { method: 'POST', headers, body })).json()],
  ['undici transport (http-fetch.ts)', async () => (await undiciFetch(url, { method: 'POST', headers, body })).json()],
  ['bare node:http + keep-alive agent', bareHttp()],
];

function bareHttp(): Post {
  const agent = new HttpAgent({ keepAlive: true, maxSockets: 32 });
  return () =>
    new Promise((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      });
      req.on('error', reject);
      req.end(body);
    });
}

async function round(post: Post, n: number): Promise<{ cpuUs: number; wallMs: number }> {
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next++ < n) await post();
  }));
  const cpu = process.cpuUsage(cpu0);
  return { cpuUs: (cpu.user + cpu.system) / n, wallMs: performance.now() - t0 };
}

const results: { name: string; cpuUs: number; perSecond: number }[] = [];
for (const [, post] of clients) await round(post, 500); // warm-up
for (const [name, post] of clients) {
  let best = { cpuUs: Infinity, wallMs: Infinity };
  for (let r = 0; r < 3; r++) {
    const x = await round(post, N);
    if (x.cpuUs < best.cpuUs) best = x;
  }
  results.push({ name, cpuUs: best.cpuUs, perSecond: (N / best.wallMs) * 1000 });
}
const base = results[0]!.cpuUs;
console.log(`${N} POSTs of ${body.length} bytes, ${CONCURRENCY} at a time, best of 3 rounds; client CPU per request:`);
for (const r of results) console.log(`  ${r.name.padEnd(36)} ${r.cpuUs.toFixed(1).padStart(7)} µs  ${(r.cpuUs / base).toFixed(2)}× baseline  ${r.perSecond.toFixed(0)} req/s`);
undiciFetch.close();
server.kill();
process.exit(0);
