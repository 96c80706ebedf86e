// Bad input, each with a specific message, the ledger unchanged, main's event loop free: every
// case goes through the worker (memory cap, time limits) exactly as the wizard and the CLI do.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../src/shared/errors';
import { errorSentence } from '../../src/shared/i18n';
import { importOptionsSchema } from '../../src/shared/api/import.contract';
import { runImport } from '../../src/main/import/service';
import { sha256File } from '../../src/main/import/staging';
import { decisionRows, importFile, ledgerDigest, sheetXml, writeRawXlsx, writeXlsx, writeZip, DECISION_HEADER } from '../helpers/import';
import { tempLedger } from '../helpers/ledger';

const CORPUS = process.env.SHARED_CORPUS ?? join(__dirname, '../../../shared/corpus');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function env() {
  const e = tempLedger();
  cleanups.push(e.cleanup);
  return e;
}

/** Runs a commit of the file and returns the refusal; the ledger must be unchanged. */
async function refusal(e: ReturnType<typeof env>, path: string, options: Parameters<typeof importFile>[2] = {}): Promise<LedgerError> {
  const before = ledgerDigest(e.ledger.db);
  let caught: unknown;
  try {
    await importFile(e.ledger, path, options);
  } catch (error) {
    caught = error;
  }
  expect(ledgerDigest(e.ledger.db)).toBe(before);
  if (!(caught instanceof LedgerError)) throw new Error(`expected a refusal, got ${String(caught)}`);
  // A sentence for the clerk in both languages, with its placeholders filled.
  for (const language of ['ko', 'en'] as const) expect(errorSentence(caught.toData(), language)).not.toMatch(/\{\{|undefined/);
  return caught;
}

const HEADER_ROW = `<row r="1">${DECISION_HEADER.map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`;
const dataRow = (r: number, extra = '') =>
  `<row r="${r}"><c r="B${r}" t="inlineStr"><is><t>700-${10000 + r}</t></is></c><c r="C${r}" t="inlineStr"><is><t>리철진${extra}</t></is></c><c r="I${r}" t="inlineStr"><is><t>봄</t></is></c><c r="H${r}" t="inlineStr"><is><t>2027.04.01</t></is></c><c r="N${r}" t="inlineStr"><is><t>강원도</t></is></c><c r="O${r}" t="inlineStr"><is><t>회양군</t></is></c></row>`;

describe('files an importer must refuse, each with its own sentence', () => {
  it('a renamed PDF, a renamed zip and an image are not spreadsheets', async () => {
    const e = env();
    writeFileSync(join(e.dir, 'scan.xlsx'), '%PDF-1.5\n1 0 obj << >> endobj\n');
    await writeZip(join(e.dir, 'archive.xlsx'), [{ name: 'readme.txt', data: '안녕' }]);
    writeFileSync(join(e.dir, 'photo.csv'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]));
    for (const name of ['scan.xlsx', 'archive.xlsx', 'photo.csv']) {
      const error = await refusal(e, join(e.dir, name));
      expect([name, error.code]).toEqual([name, 'import_not_spreadsheet']);
    }
  });

  it('password-protected workbooks (real ones from the corpus) are named as such', async () => {
    const e = env();
    for (const file of [
      'apache_poi/test-data__poifs__protect.xlsx',
      'apache_tika/tika-parsers__tika-parsers-standard__tika-parsers-standard-modules__tika-parser-microsoft-module__src__test__resources__test-documents__testEXCEL_protected_passtika.xlsx',
    ]) {
      expect((await refusal(e, join(CORPUS, file))).code).toBe('import_encrypted');
    }
  });

  it('a corrupt archive, a zip bomb and XML entity tricks are refused before they can do harm', async () => {
    const e = env();
    const good = join(e.dir, 'good.xlsx');
    await writeXlsx(good, { strings: 'shared', sheets: [{ name: 'S', rows: () => decisionRows(200) }] });
    const bytes = readFileSync(good);
    writeFileSync(join(e.dir, 'cut.xlsx'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const flipped = Buffer.from(bytes);
    for (let i = 2000; i < 2100; i++) flipped[i] = flipped[i]! ^ 0x5a;
    writeFileSync(join(e.dir, 'flipped.xlsx'), flipped);
    expect((await refusal(e, join(e.dir, 'cut.xlsx'))).code).toBe('import_corrupt');
    expect(['import_corrupt', 'import_xml_malformed']).toContain((await refusal(e, join(e.dir, 'flipped.xlsx'))).code);
    await writeRawXlsx(join(e.dir, 'bomb.xlsx'), { sheet: sheetXml([HEADER_ROW, dataRow(2), `<!--${'A'.repeat(64 * 1024 * 1024)}-->`]) });
    expect((await refusal(e, join(e.dir, 'bomb.xlsx'))).code).toBe('import_zip_bomb');
    await writeRawXlsx(join(e.dir, 'lol.xlsx'), {
      sheet: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${sheetXml([HEADER_ROW, dataRow(2, '&b;')])}`,
    });
    expect((await refusal(e, join(e.dir, 'lol.xlsx'))).code).toBe('import_xml_dtd');
    const xxe = join(CORPUS, 'apache_poi/test-data__spreadsheet__poc-xmlbomb.xlsx');
    expect(['import_xml_dtd', 'import_not_spreadsheet']).toContain((await refusal(e, xxe)).code);
  });

  it('a merged range over the whole sheet and a column range of 10^8 do not hang it', async () => {
    const e = env();
    const path = join(e.dir, 'ranges.xlsx');
    await writeRawXlsx(path, {
      sheet: sheetXml(
        [HEADER_ROW, dataRow(2), dataRow(3)],
        '<mergeCells count="2"><mergeCell ref="A1:XFD1048576"/><mergeCell ref="A2:XFD2"/></mergeCells>',
        '<dimension ref="A1:XFD1048576"/><cols><col min="1" max="100000000" width="9" hidden="1"/></cols>',
      ),
    });
    const started = Date.now();
    const { report } = await importFile(e.ledger, path, { mode: 'dry' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.rows).toEqual({ data: 2, valid: 2, invalid: 0, skipped: 0 });
  });

  it('an empty file, an empty sheet, a header without service number or name, no header at all', async () => {
    const e = env();
    writeFileSync(join(e.dir, 'empty.csv'), '');
    expect((await refusal(e, join(e.dir, 'empty.csv'))).code).toBe('import_empty_sheet');
    await writeRawXlsx(join(e.dir, 'blank.xlsx'), { sheet: sheetXml([]) });
    expect((await refusal(e, join(e.dir, 'blank.xlsx'))).code).toBe('import_empty_sheet');
    writeFileSync(join(e.dir, 'half.csv'), '번호,성별,생년월일,배치부문\n1,남,2001.01.01,지방공업공장\n');
    const half = await refusal(e, join(e.dir, 'half.csv'));
    expect(half.code).toBe('import_missing_columns');
    expect(errorSentence(half.toData(), 'ko')).toBe(
      '표 머리에 필수 항목이 없습니다: 군번, 성명, 배치 시,군. 칸 대응에서 해당 칸을 지정하십시오.',
    );
    writeFileSync(join(e.dir, 'shopping.csv'), 'apples,pears\n1,2\n');
    expect((await refusal(e, join(e.dir, 'shopping.csv'))).code).toBe('import_no_header');
  });

  it('a file read as zero rows although it has a header is a failure, not an empty import', async () => {
    const e = env();
    writeFileSync(
      join(e.dir, 'nothing.csv'),
      `${DECISION_HEADER.map((h) => (h.includes(',') ? `"${h}"` : h)).join(',')}\n\n계,0명\n※ 없음\n`,
    );
    const error = await refusal(e, join(e.dir, 'nothing.csv'));
    expect(error.code).toBe('import_zero_rows');
    // Inline strings without t="inlineStr" and rows without numbers are still read (not zero rows).
    await writeRawXlsx(join(e.dir, 'odd.xlsx'), {
      sheet: sheetXml([
        `<row>${DECISION_HEADER.map((h) => `<c><is><t>${h}</t></is></c>`).join('')}</row>`,
        '<row><c/><c><is><t>700-10001</t></is></c><c><is><t>리철진</t></is></c></row>',
      ]),
    });
    const { report } = await importFile(e.ledger, join(e.dir, 'odd.xlsx'), { mode: 'dry' });
    expect(report.rows.data).toBe(1);
  });

  it('a 1 MB cell is a problem of its row, named with its row and column; the other rows import', async () => {
    const e = env();
    await writeRawXlsx(join(e.dir, 'huge-cell.xlsx'), {
      sheet: sheetXml([
        HEADER_ROW,
        dataRow(2),
        `<row r="3"><c r="B3" t="inlineStr"><is><t>700-10003</t></is></c><c r="C3" t="inlineStr"><is><t>${'가'.repeat(350_000)}</t></is></c></row>`,
        dataRow(4),
      ]),
    });
    const { report } = await importFile(e.ledger, join(e.dir, 'huge-cell.xlsx'), { skipInvalid: true });
    expect(report.rows).toEqual({ data: 3, valid: 2, invalid: 1, skipped: 0 });
    expect(report.issues.filter((i) => i.code === 'cell_too_long').map((i) => [i.row, i.column])).toEqual([[3, 'C']]);
    expect(report.committed).toBe(true);
  });

  it('a reader that runs out of its memory cap or stops answering is stopped; the ledger is unchanged', async () => {
    const e = env();
    const path = join(e.dir, 'many.xlsx');
    await writeXlsx(path, { strings: 'shared', sheets: [{ name: 'S', rows: () => decisionRows(30_000) }] });
    const file = { path, fileName: 'many.xlsx', size: 0, sha256: await sha256File(path) };
    const before = ledgerDigest(e.ledger.db);
    const run = (limits: Parameters<typeof runImport>[0]['limits']) =>
      runImport({ ledger: e.ledger, file, options: importOptionsSchema.parse({}), mode: 'commit', skipInvalid: false, limits }).then(
        () => null,
        (error: LedgerError) => error.code,
      );
    expect(await run({ resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 } })).toBe('import_worker_memory');
    expect(await run({ idleMs: 1 })).toBe('import_timeout');
    expect(ledgerDigest(e.ledger.db)).toBe(before);
  });
});
