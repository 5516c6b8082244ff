// Name resolution for the web fetcher thread in tests, loaded by it as a module: news.test is the
// local web (127.0.0.1), intranet.test a private address (10.0.0.1); anything else is not found.
import type { ResolvedAddress } from '../../src/web/fetch.ts';

export async function resolveTestNames(hostname: string): Promise<ResolvedAddress[]> {
  if (hostname === 'news.test' || hostname === 'other.test') return [{ address: '127.0.0.1', family: 4 }];
  if (hostname === 'intranet.test') return [{ address: '10.0.0.1', family: 4 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
}
