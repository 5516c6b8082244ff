import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchDirectory, type SyncReport } from '../../src/store/ingest/sync.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const report = (): SyncReport => ({ added: [], updated: [], removed: [], unchanged: 0, errors: [] }) as unknown as SyncReport;

describe('watchDirectory', () => {
  it('syncs after an edit in a subfolder at once, as after one at the top (loading is recursive, so the watch is too)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'watch-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'east', 'deep'), { recursive: true });
    let syncs = 0;
    // No poll: only a file-system event can cause a sync.
    const w = watchDirectory(dir, () => (syncs++, report()), { pollMs: 0, debounceMs: 20 });
    try {
      await new Promise((r) => setTimeout(r, 50));
      writeFileSync(join(dir, 'east', 'deep', 'report.md'), 'Title\n\nBody.\n');
      const outcome = await Promise.race([w.settled().then(() => 'synced'), new Promise((r) => setTimeout(() => r('no sync within 3 s'), 3_000))]);
      expect(outcome).toBe('synced');
      expect(syncs).toBe(1);
    } finally {
      w.close();
    }
  });
});
