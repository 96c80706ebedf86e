import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/ledger';

const root = resolve(__dirname, '../..');
const script = join(root, 'scripts', 'check-imports.mjs');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function tree(files: Record<string, string>): string {
  const t = tempDir('imports-');
  cleanups.push(t.cleanup);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(t.dir, path, '..'), { recursive: true });
    writeFileSync(join(t.dir, path), text);
  }
  return t.dir;
}

const run = (dir?: string) => spawnSync(process.execPath, dir ? [script, dir] : [script], { encoding: 'utf8' });

describe('the import-direction check', () => {
  it('passes on the project itself', () => {
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails on renderer → main, shared → renderer, shared → node:*, preload → npm, electron outside the glue, SQLite opened directly', () => {
    const dir = tree({
      'src/main/ledger.ts': "import Database from 'better-sqlite3';\nexport const x = 1;\n",
      'src/main/service.ts': "import { app } from 'electron';\nexport const y = app;\n",
      'src/main/index.ts': "import { app } from 'electron';\n",
      'src/renderer/src/App.tsx': "import { x } from '../../main/ledger';\n",
      'src/shared/contract.ts': "import { readFileSync } from 'node:fs';\nimport { App } from '../renderer/src/App';\n",
      'src/preload/index.ts': "import { contextBridge } from 'electron';\nimport z from 'zod';\n",
      'src/main/spreadsheet/csv.ts':
        "import { x } from '../ledger';\nimport { y } from '../../shared/formula-guard';\nimport ExcelJS from 'exceljs';\n",
      'src/shared/formula-guard.ts': 'export const y = 1;\n',
    });
    const result = run(dir);
    expect(result.status).toBe(1);
    const lines = result.stderr
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.trim());
    expect(lines).toEqual([
      "src/main/ledger.ts: imports 'better-sqlite3' — open SQLite through src/main/ledger/sqlite.ts (openDatabase), so Electron's build is used everywhere",
      "src/main/service.ts: imports 'electron' — only src/main/index.ts may import electron at run time (the rest must run under plain Node)",
      "src/main/spreadsheet/csv.ts: imports '../ledger' — the spreadsheet library must not depend on the ledger's code",
      "src/main/spreadsheet/csv.ts: imports 'exceljs' — the spreadsheet library uses no npm package",
      "src/preload/index.ts: imports 'zod' — preload must not import the package zod",
      "src/renderer/src/App.tsx: imports '../../main/ledger' — renderer must not import from main",
      "src/shared/contract.ts: imports 'node:fs' — shared must not use Node built-ins",
      "src/shared/contract.ts: imports '../renderer/src/App' — shared must not import from renderer",
    ]);
  });

  it('fails on an import cycle, also one made of type-only imports', () => {
    const dir = tree({
      'src/main/a.ts': "import type { B } from './b';\nexport interface A { b: B }\n",
      'src/main/b.ts': "import { c } from './c';\nexport interface B { c: typeof c }\n",
      'src/main/c.ts': "import type { A } from './a';\nexport const c: A | null = null;\n",
      'src/main/d.ts': "import { c } from './c';\nexport const d = c;\n",
      'src/renderer/src/x.ts': "import { x } from './x';\nexport const y = x;\n",
    });
    const result = run(dir);
    expect(result.status).toBe(1);
    const lines = result.stderr
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.trim());
    expect(lines.sort()).toEqual(['import cycle: src/main/a.ts ↔ src/main/b.ts ↔ src/main/c.ts', 'import cycle: src/renderer/src/x.ts']);
  });
});
