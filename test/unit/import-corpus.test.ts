// Every file of ../shared/corpus (525 .xlsx and 7 .csv written by many programs, incl. fuzzer
// output, bombs and password-protected files) must end in an import report or a specific
// rejection within 20 s — never a crash, a hang, runaway memory or a silent empty result. Each file
// goes through the worker with its memory cap and time limit, exactly as in the app, two at a time;
// every sheet of it is first read to its end, so the whole reader (not only the header search)
// meets every file.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_ERROR_CODES } from '../../src/shared/api/import.errors';
import { LedgerError } from '../../src/shared/errors';
import { errorSentence } from '../../src/shared/i18n';
import { importOptionsSchema } from '../../src/shared/api/import.contract';
import { runImport } from '../../src/main/import/service';
import { tempLedger } from '../helpers/ledger';

const CORPUS = process.env.SHARED_CORPUS ?? join(__dirname, '../../../shared/corpus');
const LIMIT_MS = 20_000;

function corpusFiles(): string[] {
  return readdirSync(CORPUS)
    .filter((d) => statSync(join(CORPUS, d)).isDirectory())
    .flatMap((d) => readdirSync(join(CORPUS, d)).map((f) => join(CORPUS, d, f)))
    .sort();
}

interface Outcome {
  file: string;
  ms: number;
  kind: 'report' | 'rejected' | 'crash';
  code: string;
  sentence?: string;
}

let env: ReturnType<typeof tempLedger>;
beforeAll(() => {
  env = tempLedger();
});
afterAll(() => env.cleanup());

describe('the corpus of real spreadsheet files', () => {
  it('meets every file with a report or a specific rejection within 20 s, never a crash or a hang', { timeout: 420_000 }, async () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThanOrEqual(525);
    const outcomes: Outcome[] = [];
    const queue = [...files];
    const work = async () => {
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        const started = Date.now();
        const file = relative(CORPUS, path);
        try {
          const { report } = await runImport({
            ledger: env.ledger,
            // The hash only matters for "already imported"; a dry run never records one.
            file: { path, fileName: path.split('/').pop()!, size: statSync(path).size, sha256: '0'.repeat(64) },
            options: importOptionsSchema.parse({}),
            mode: 'dry',
            skipInvalid: false,
            // Every sheet is read to its end first: the whole reader meets every file.
            scanAll: true,
            limits: { totalMs: LIMIT_MS, idleMs: LIMIT_MS },
          });
          outcomes.push({ file, ms: Date.now() - started, kind: 'report', code: `${report.kind}:${report.rows.data}` });
        } catch (error) {
          if (error instanceof LedgerError) {
            outcomes.push({
              file,
              ms: Date.now() - started,
              kind: 'rejected',
              code: error.code,
              sentence: errorSentence(error.toData(), 'ko'),
            });
          } else {
            outcomes.push({ file, ms: Date.now() - started, kind: 'crash', code: String((error as Error)?.stack ?? error) });
          }
        }
      }
    };
    await Promise.all([work(), work()]);
    expect(outcomes).toHaveLength(files.length);
    const crashes = outcomes.filter((o) => o.kind === 'crash');
    expect(crashes).toEqual([]);
    // Specific: an import error code with a sentence — never 'internal', never a time-out or a
    // worker that died (those would be hangs or runaway memory).
    const vague = outcomes.filter(
      (o) =>
        o.kind === 'rejected' &&
        (!(IMPORT_ERROR_CODES as readonly string[]).includes(o.code) ||
          ['import_timeout', 'import_worker_failed', 'import_worker_memory'].includes(o.code)),
    );
    expect(vague).toEqual([]);
    expect(outcomes.filter((o) => o.ms > LIMIT_MS)).toEqual([]);
    for (const o of outcomes) if (o.sentence !== undefined) expect(o.sentence).not.toMatch(/\{\{|undefined/);
    const byCode = new Map<string, number>();
    for (const o of outcomes)
      byCode.set(o.kind === 'report' ? 'report' : o.code, (byCode.get(o.kind === 'report' ? 'report' : o.code) ?? 0) + 1);
    console.log(`corpus: ${files.length} files, slowest ${Math.max(...outcomes.map((o) => o.ms))} ms`, Object.fromEntries(byCode));
    // The password-protected and bomb files are recognised as such.
    const codeOf = (name: string) => outcomes.find((o) => o.file.endsWith(name))?.code;
    expect(codeOf('test-data__poifs__protect.xlsx')).toBe('import_encrypted');
    expect(codeOf('test-data__spreadsheet__poc-xmlbomb.xlsx')).toBe('import_xml_dtd');
    expect(codeOf('spec__integration__data__test-issue-1842.xlsx')).toBe('import_empty_sheet');
    expect(codeOf('test-data__spreadsheet__57893-many-merges.xlsx')).toBeDefined();
  });
});
