// The arrows of docs/architecture.md: cli -> app -> adapters / scheduling / web -> store / config ->
// core, platform libraries only in their adapter, SQLite only in store/sqlite, neither storage backend
// importing the other, no import cycles.
// A wrong-way import fails here with its file:line and the rule. Known violations that someone is
// fixing are listed below with the reason; the list only shrinks (an entry that no longer matches
// anything fails too, so it is removed with the fix).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe as group, expect, it } from 'vitest';
import { checkImports, describe, importsOf, judge, type Allowance, type SourceFile } from './rules.ts';

const ALLOWED: Allowance[] = [
  {
    file: 'src/cli/commands/discord.ts',
    target: 'discord.js',
    rule: 'packages',
    reason: 'registers the Discord commands from the CLI; moves into the Discord adapter with the platform registry (issue 14 item 2, house-build)',
  },
  {
    file: 'src/cli/',
    target: 'src/cli/',
    rule: 'cycles',
    reason: 'the commands import the CliIo/CliCommand types from cli/main.ts, which lists the commands; the command registry moves the types out (issue 14 item 1, house-build)',
  },
];

function sources(dir = 'src'): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(path);
    return /\.(ts|mts|mjs)$/.test(e.name) ? [{ path, text: readFileSync(join(path), 'utf8') }] : [];
  });
}

group('import rules over src/', () => {
  const files = sources();
  const { unexpected, stale } = judge(checkImports(files), ALLOWED);

  it('reads the imports of every source file', () => {
    expect(files.length).toBeGreaterThan(100);
    const edges = files.flatMap(importsOf);
    expect(edges.length).toBeGreaterThan(files.length);
    expect(edges.some((e) => e.file === 'src/app/open.ts' && e.target === 'src/app/knowledge.ts')).toBe(true);
  });

  it('has no wrong-way import beyond the known ones', () => {
    expect(unexpected.map(describe)).toEqual([]);
  });

  it('lists only known violations that still exist (remove an entry with its fix)', () => {
    expect(stale).toEqual([]);
    for (const a of ALLOWED) expect(a.reason.length, `${a.file}: say why it is allowed and who fixes it`).toBeGreaterThan(20);
  });
});

group('the rules catch wrong-way imports', () => {
  const file = (path: string, text: string): SourceFile => ({ path, text });

  it('a core file importing the store fails with its file:line and the rule', () => {
    const v = checkImports([
      file('src/core/ask/engine.ts', "// the engine\nimport { openDb } from '../../store/sqlite/db.ts';\n"),
      file('src/store/sqlite/db.ts', 'export const openDb = 1;\n'),
    ]);
    expect(v.map(describe)).toEqual(['src/core/ask/engine.ts:2: [layers] core must not import store (a higher layer): ../../store/sqlite/db.ts']);
  });

  it('flags scheduling importing an adapter, adapters importing each other, and platform packages out of place', () => {
    const v = checkImports([
      file('src/scheduling/hooks.ts', "import { createConsolePoster } from '../adapters/console/poster.ts';"),
      file('src/adapters/slack/blocks.ts', "import type { Embed } from '../discord/embeds.ts';"),
      file('src/core/digest/compose.ts', "import Database from 'better-sqlite3';\nimport { App } from '@slack/bolt';"),
      file('src/app/open.ts', "const { Client } = await import('discord.js');"),
      file('src/core/reply/fit.ts', "import { fetch } from 'undici';"),
    ]);
    expect(v.map((x) => `${x.file}:${x.line} ${x.rule}`)).toEqual([
      'src/scheduling/hooks.ts:1 siblings',
      'src/adapters/slack/blocks.ts:1 siblings',
      'src/core/digest/compose.ts:1 packages',
      'src/core/digest/compose.ts:2 packages',
      'src/app/open.ts:1 packages',
      'src/core/reply/fit.ts:1 core-packages',
    ]);
  });

  it('flags a cycle, including one through type-only imports, and not a worker named by URL', () => {
    const v = checkImports([
      file('src/core/extract/a.ts', "import type { B } from './b.ts';\nexport type A = 1;"),
      file('src/core/extract/b.ts', "import { type A } from './a.ts';\nexport type B = 2;"),
      file('src/store/ingest/pool.ts', "import type { Msg } from './worker.ts';\nconst w = new URL('./worker.ts', import.meta.url);"),
      file('src/store/ingest/worker.ts', "import type { Job } from './pool.ts';\nexport type Msg = 1;"),
    ]);
    const cyc = v.filter((x) => x.rule === 'cycles').map((x) => x.message);
    expect(cyc).toContain('import cycle: src/core/extract/a.ts -> src/core/extract/b.ts -> src/core/extract/a.ts');
    expect(cyc).toContain('import cycle: src/store/ingest/pool.ts -> src/store/ingest/worker.ts -> src/store/ingest/pool.ts');
    expect(cyc).toHaveLength(4);
  });

  it('ignores imports in comments and allows the layers that point down', () => {
    const v = checkImports([
      file('src/core/model.ts', "// import { x } from '../app/open.ts'\n/* import('../cli/main.ts') */\nimport { DateTime } from 'luxon';"),
      file('src/cli/main.ts', "import { startApp } from '../app/start.ts';\nimport { parseCommand } from '../core/commands/parse.ts';"),
      file('src/app/start.ts', "import { createSlackAdapter } from '../adapters/slack/index.ts';\nimport { createScheduler } from '../scheduling/scheduler.ts';"),
      file('src/scheduling/scheduler.ts', "import type { DigestStorage } from '../store/types.ts';\nimport { logger } from '../log.ts';"),
    ]);
    expect(v).toEqual([]);
  });

  it('flags scheduling reaching into a storage backend instead of the store interfaces', () => {
    const v = checkImports([
      file('src/scheduling/scheduler.ts', "import type { Db } from '../store/sqlite/db.ts';\nimport { PgDeliveryLedger } from '../store/postgres/deliveries.ts';"),
    ]);
    expect(v.map(describe)).toEqual([
      "src/scheduling/scheduler.ts:1: [backends] scheduling uses the store's interfaces (src/store/types.ts), not a backend: ../store/sqlite/db.ts",
      "src/scheduling/scheduler.ts:2: [backends] scheduling uses the store's interfaces (src/store/types.ts), not a backend: ../store/postgres/deliveries.ts",
    ]);
  });

  it("flags each wrong-way arrow issue 14 found, were it written again", () => {
    const v = checkImports([
      file('src/app/boot.ts', "import { main } from '../cli/main.ts';"),
      file('src/cli/main.ts', "import { loadConfigOrReport } from '../app/boot.ts';"),
      file('src/scheduling/app-hooks.ts', "import { createConsolePoster } from '../adapters/console/poster.ts';"),
      file('src/store/sqlite/knowledge/store.ts', "import { AskEngine } from '../../../core/ask/engine.ts';\nimport type { SearchPort } from '../../../core/ask/port.ts';"),
      file('src/store/sqlite/knowledge/open.ts', "import { extractArticle } from '../../../core/extract/index.ts';"),
      file('src/config/load.ts', "import { parseWeekdays } from '../core/commands/grammar.ts';"),
      file('src/store/sqlite/subscriptions.ts', "import { dueInstant } from '../../scheduling/due.ts';"),
      file('src/core/extract/indirect.ts', "import { QUOTE_MARKS } from './quotes.ts';"),
      file('src/core/extract/quotes.ts', "import { indirectQuotes } from './indirect.ts';"),
    ]);
    expect(v.map((x) => `${x.file}:${x.line} ${x.rule}`).sort()).toEqual(
      [
        'src/app/boot.ts:1 layers',
        'src/app/boot.ts:1 cycles',
        'src/cli/main.ts:1 cycles',
        'src/scheduling/app-hooks.ts:1 siblings',
        'src/store/sqlite/knowledge/store.ts:1 composition',
        'src/store/sqlite/knowledge/open.ts:1 composition',
        'src/config/load.ts:1 grammar',
        'src/store/sqlite/subscriptions.ts:1 layers',
        'src/core/extract/indirect.ts:1 cycles',
        'src/core/extract/quotes.ts:1 cycles',
      ].sort(),
    );
  });

  it('flags one storage backend importing the other, and allows both to import the shared store modules', () => {
    const v = checkImports([
      file('src/store/postgres/deliveries.ts', "import type { Delivery } from '../sqlite/deliveries.ts';\nimport type { ClaimArgs } from '../ledger.ts';"),
      file('src/store/sqlite/web.ts', "import type { Pool } from '../postgres/db.ts';\nimport type { WebStore } from '../web.ts';\nimport { migrate } from './db.ts';"),
    ]);
    expect(v.map(describe)).toEqual([
      'src/store/postgres/deliveries.ts:1: [backends-apart] store/postgres must not import store/sqlite (shared types go in src/store/): ../sqlite/deliveries.ts',
      'src/store/sqlite/web.ts:1: [backends-apart] store/sqlite must not import store/postgres (shared types go in src/store/): ../postgres/db.ts',
    ]);
  });

  it('an allowance covers only its file, target and rule; a fixed one is reported stale', () => {
    const v = checkImports([file('src/config/load.ts', "import { parseWeekdays } from '../core/commands/weekdays.ts';")]);
    expect(v.map((x) => x.rule)).toEqual(['grammar']);
    const allowed: Allowance = { file: 'src/config/load.ts', target: 'src/core/commands/weekdays.ts', rule: 'grammar', reason: 'test' };
    expect(judge(v, [allowed])).toEqual({ unexpected: [], stale: [] });
    expect(judge([], [allowed]).stale).toEqual([allowed]);
    expect(judge(v, [{ ...allowed, rule: 'layers' }]).unexpected).toHaveLength(1);
  });
});
