import { renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isLedgerFile } from '../ledger/header';
import { writeFile } from 'node:fs/promises';
import { importOptionsSchema, type ImportIssue, type ImportOptions, type ImportReport } from '../../shared/api/import.contract';
import { TERMS } from '../../shared/domain';
import { IMPORT_ERROR_CODES } from '../../shared/api/import.errors';
import { LedgerError } from '../../shared/errors';
import { errorSentence } from '../../shared/i18n';
import { importEn, importKo, issueSentence } from '../../shared/i18n/import';
import { optionValue, UsageError, type CliCommand, type CliIo, type ParsedArgs } from '../cli/types';
import { settleJob, uploadImportFile } from '../hub/hub-call';
import { cliLanguage } from '../cli/language';
import { ledgerErrorFrom } from '../ledger/open';
import { writeReportXlsx } from './report-xlsx';
import { runImport } from './service';
import { sha256File } from './staging';
import { leftoverName, pathErrorFrom, prepareOutputFile, sweepLeftovers } from '../util/user-path';

const out = (io: CliIo, line: string) => io.stdout.write(line + '\n');
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));

/** --sheet NAME (repeatable): only those sheets, the first giving the header; --skip-sheet: leave out. */
function sheetOptions(sheets: string[], skip: string[]): { sheet?: string; sheets?: string[]; skipSheets?: string[] } {
  return {
    ...(sheets.length > 0 ? { sheet: sheets[0]!, sheets } : {}),
    ...(skip.length > 0 ? { skipSheets: skip } : {}),
  };
}

/** Errors that mean "the file cannot be read at all" (exit 2), as opposed to a ledger problem. */
const FILE_ERRORS = new Set<string>(
  IMPORT_ERROR_CODES.filter(
    (c) =>
      ![
        'import_busy',
        'import_has_errors',
        'import_already_imported',
        'import_undo_not_found',
        'import_undo_conflict',
        'import_undo_already',
        'import_report_unknown',
        'import_upload_unknown',
        'import_upload_invalid',
        'import_dialog_unavailable',
      ].includes(c),
  ),
);

/** `ledger import …` (see the import issue). */
export const importCommands: readonly CliCommand[] = [
  {
    name: 'import',
    usage: `  import FILE [--dry-run] [--json] [--sheet NAME ...] [--skip-sheet NAME ...] [--header-row N]
         [--encoding cp949|utf8] [--skip-invalid] [--allow-identity-change] [--kind decision|requests]
         [--report OUT.xlsx] [--year YYYY] [--term spring|summer|fall]
                                import a decision file or a county request sheet (.xlsx, .csv) in one
                                transaction, after an automatic backup; --dry-run only reports.
                                Every sheet with the same header is read (one sheet per city/county);
                                --sheet (repeatable) reads only those, --skip-sheet leaves one out.
                                --year/--term: what the file does not state.
                                Exit 0 committed or a clean dry run, 1 rows have errors (nothing
                                committed unless --skip-invalid), 2 the file cannot be read,
                                3 the file was already imported. A row whose service number
                                belongs to another person in the ledger (two of name, sex, birth
                                date differ) is an error unless --allow-identity-change`,
    positionals: { min: 1, max: 1 },
    flags: ['--dry-run', '--json', '--skip-invalid', '--allow-identity-change'],
    options: ['--sheet', '--skip-sheet', '--header-row', '--encoding', '--kind', '--report', '--year', '--term'],
    validate(args) {
      const year = optionValue(args, '--year');
      if (year !== undefined && !(/^\d{4}$/.test(year) && Number(year) >= 1948 && Number(year) <= 2200))
        throw new UsageError(`--year needs a year such as 2027, got ${year}`);
      const term = optionValue(args, '--term');
      if (term !== undefined && !(TERMS as readonly string[]).includes(term))
        throw new UsageError(`unknown term: ${term} (spring, summer or fall)`);
      const headerRow = optionValue(args, '--header-row');
      if (headerRow !== undefined && !/^[1-9]\d{0,6}$/.test(headerRow))
        throw new UsageError(`--header-row needs a row number, got ${headerRow}`);
      const encoding = optionValue(args, '--encoding');
      if (encoding !== undefined && encoding !== 'cp949' && encoding !== 'utf8')
        throw new UsageError(`unknown encoding: ${encoding} (cp949 or utf8)`);
      const kind = optionValue(args, '--kind');
      if (kind !== undefined && kind !== 'decision' && kind !== 'requests')
        throw new UsageError(`unknown kind: ${kind} (decision or requests)`);
      if (args.flags.has('--dry-run') && args.flags.has('--skip-invalid'))
        throw new UsageError('--skip-invalid commits; it cannot go with --dry-run');
    },
    async run(args, ledger, io) {
      const language = cliLanguage(io.env);
      const fileArg = args.positionals[0]!;
      const path = resolve(fileArg);
      const json = args.flags.has('--json');
      /** With --json every outcome is one object on stdout; the sentence goes to stderr as well. */
      const failWith = (error: LedgerError, code: number, sha256: string | null = null) => {
        const sentence = errorSentence(error.toData(), language);
        if (json) out(io, JSON.stringify(jsonOf(fileArg, null, [], language, { sha256, error: { code: error.code, message: sentence } })));
        io.stderr.write(sentence + '\n');
        return code;
      };
      let size: number;
      try {
        const st = statSync(path);
        if (st.isDirectory()) return failWith(new LedgerError('import_file_is_folder', `${path} is a folder`, { file: fileArg }), 2);
        if (!st.isFile()) throw new Error('not a file');
        size = st.size;
      } catch (error) {
        return failWith(new LedgerError('import_file_unreadable', `${path}: ${(error as Error).message}`, { file: fileArg }), 2);
      }
      // Reading the ledger (or its -wal/-shm) as an import would drop SQLite's locks on it.
      if (isLedgerFile(path, ledger.path))
        return failWith(new LedgerError('file_is_ledger', `${path} is the ledger`, { file: fileArg }), 2);
      // The report's place is checked before anything is imported: a place that cannot take it
      // is the report path's fault (exit 2), never the ledger's.
      const reportArg = optionValue(args, '--report');
      const reportPath = reportArg === undefined ? undefined : resolve(reportArg);
      if (reportPath !== undefined) {
        if (isLedgerFile(reportPath, ledger.path))
          return failWith(new LedgerError('file_is_ledger', `${reportPath} is the ledger`, { file: reportArg ?? reportPath }), 2);
        try {
          await prepareOutputFile(reportPath, { extension: 'xlsx', overwrite: true });
          await sweepLeftovers(dirname(reportPath), ['report', 'probe']); // a killed run's hidden report
        } catch (error) {
          if (error instanceof LedgerError) return failWith(error, 2);
          throw error;
        }
      }
      const options = optionsOf(args);
      let sha256: string | null = null;
      let run: Awaited<ReturnType<typeof runImport>>;
      try {
        sha256 = await sha256File(path);
        run = await runImport({
          ledger,
          file: { path, fileName: basename(path), size, sha256 },
          options,
          mode: args.flags.has('--dry-run') ? 'dry' : 'commit',
          skipInvalid: args.flags.has('--skip-invalid'),
          separateWriter: false,
          acceptIdentity: args.flags.has('--allow-identity-change') ? 'all' : 'none',
        });
      } catch (error) {
        if (error instanceof LedgerError && FILE_ERRORS.has(error.code)) return failWith(error, 2, sha256);
        if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'EISDIR')
          return failWith(new LedgerError('import_file_is_folder', error.message, { file: fileArg }), 2);
        const mapped = ledgerErrorFrom(error, ledger.path, ledger.busyTimeoutMs);
        if (mapped instanceof LedgerError) return failWith(mapped, 1, sha256);
        throw error;
      }
      const { report, issues } = run;
      const reportFailed =
        reportPath !== undefined && !report.alreadyImported
          ? await saveReport(reportPath, (temp) => writeReportXlsx(temp, report, issues, language))
          : null;
      return outcome(io, { fileArg, path, json, language }, report, issues, reportFailed);
    },
    // On a hub: the file is uploaded (the app's upload calls) and imported there as a job.
    async runRemote(args, api, io) {
      const language = cliLanguage(io.env);
      const fileArg = args.positionals[0]!;
      const path = resolve(fileArg);
      const json = args.flags.has('--json');
      const reportArg = optionValue(args, '--report');
      try {
        const { fileId } = await uploadImportFile(api.call, path);
        const options = optionsOf(args);
        const skipInvalid = args.flags.has('--skip-invalid');
        let acceptIdentityChanges: string[] = [];
        if (!args.flags.has('--dry-run') && args.flags.has('--allow-identity-change')) {
          const dry = await settleJob(api.call, await api.call('startImportDryRun', { fileId, options }));
          acceptIdentityChanges = dry.identityConflicts.flatMap((i) => (i.serviceNo ? [i.serviceNo] : []));
        }
        const report = await settleJob(
          api.call,
          args.flags.has('--dry-run')
            ? await api.call('startImportDryRun', { fileId, options })
            : await api.call('startImportCommit', { fileId, options, skipInvalid, acceptIdentityChanges }),
        );
        let reportFailed: LedgerError | null = null;
        if (reportArg !== undefined && !report.alreadyImported) {
          const saved = await api.call('exportImportReport', { reportId: report.reportId, language });
          reportFailed = await saveReport(resolve(reportArg), (temp) => writeFile(temp, Buffer.from(saved.data, 'base64')));
        }
        return outcome(io, { fileArg, path, json, language }, report, report.issues, reportFailed);
      } catch (error) {
        if (!(error instanceof LedgerError)) throw error;
        const sentence = errorSentence(error.toData(), language);
        if (json)
          out(io, JSON.stringify(jsonOf(fileArg, null, [], language, { sha256: null, error: { code: error.code, message: sentence } })));
        io.stderr.write(sentence + '\n');
        return FILE_ERRORS.has(error.code) ? 2 : 1;
      }
    },
  },
];

function optionsOf(args: ParsedArgs): ImportOptions {
  const headerRow = optionValue(args, '--header-row');
  return importOptionsSchema.parse({
    kind: optionValue(args, '--kind') ?? 'auto',
    encoding: optionValue(args, '--encoding') ?? 'auto',
    ...(headerRow !== undefined ? { headerRow: Number(headerRow) } : {}),
    ...sheetOptions(args.options.get('--sheet') ?? [], args.options.get('--skip-sheet') ?? []),
    ...(optionValue(args, '--year') !== undefined ? { year: Number(optionValue(args, '--year')) } : {}),
    ...(optionValue(args, '--term') !== undefined ? { term: optionValue(args, '--term') } : {}),
  });
}

/** What an import prints and its exit code (the same for this PC's ledger and a hub's). */
function outcome(
  io: CliIo,
  { fileArg, path, json, language }: { fileArg: string; path: string; json: boolean; language: 'ko' | 'en' },
  report: ImportReport,
  issues: readonly ImportIssue[],
  reportFailed: LedgerError | null,
): number {
  const code = report.alreadyImported ? 3 : report.dryRun ? (report.rows.invalid > 0 ? 1 : 0) : report.committed ? 0 : 1;
  const already = report.alreadyImported
    ? {
        code: 'import_already_imported',
        message: errorSentence(
          { code: 'import_already_imported', message: 'already imported', details: { file: basename(path) } },
          language,
        ),
      }
    : null;
  if (json) out(io, JSON.stringify(jsonOf(fileArg, report, issues, language, { sha256: report.sha256, error: already })));
  else printHuman(io, report, issues, language, fileArg);
  if (already) io.stderr.write(already.message + '\n');
  else if (!report.committed && (report.issueCounts.identity_conflict ?? 0) > 0) {
    io.stderr.write((language === 'ko' ? importKo : importEn).commit.identityCli + '\n');
  }
  // The import's exit code says what happened to the ledger; the report's trouble is said apart.
  if (reportFailed) io.stderr.write(errorSentence(reportFailed.toData(), language) + '\n');
  return code;
}

/**
 * Writes the report beside its place under a hidden name, then moves it there: a failure (a full
 * disk) leaves no half-written workbook, and is the report path's sentence.
 */
async function saveReport(path: string, write: (temp: string) => Promise<void>): Promise<LedgerError | null> {
  const temp = join(dirname(path), leftoverName('report', '.xlsx'));
  try {
    await write(temp);
    renameSync(temp, path);
    return null;
  } catch (error) {
    rmSync(temp, { force: true });
    const mapped = pathErrorFrom(error, path);
    if (mapped instanceof LedgerError) return mapped;
    throw error;
  }
}

/** The one object `import --json` prints, for every outcome (the keys are fixed: see the README). */
function jsonOf(
  fileArg: string,
  report: Awaited<ReturnType<typeof runImport>>['report'] | null,
  issues: readonly ImportIssue[],
  language: 'ko' | 'en',
  extra: { sha256: string | null; error: { code: string; message: string } | null },
): Record<string, unknown> {
  const zero = { new: 0, updated: 0, unchanged: 0 };
  return {
    file: fileArg,
    sha256: extra.sha256,
    format: report?.format ?? null,
    sheet: report?.sheet ?? null,
    headerRow: report && !report.alreadyImported ? report.headerRow : null,
    rows: report?.rows ?? { data: 0, valid: 0, invalid: 0, skipped: 0 },
    sheets: (report?.sheets ?? []).map((x) => ({
      name: x.name,
      county: x.countyKo,
      leftOut: x.leftOut,
      data: x.data,
      valid: x.valid,
      invalid: x.invalid,
    })),
    needs: report?.needs ?? null,
    requests: report?.requests ?? zero,
    persons: report?.persons ?? zero,
    placements: report?.placements ?? { new: 0, moved: 0, unchanged: 0 },
    issues: issues.map((i: ImportIssue) => ({
      ...(i.sheet !== undefined ? { sheet: i.sheet } : {}),
      row: i.row,
      column: i.column,
      severity: i.severity,
      code: i.code,
      message: issueSentence(i, language),
    })),
    error: extra.error,
  };
}

function printHuman(
  io: CliIo,
  report: Awaited<ReturnType<typeof runImport>>['report'],
  issues: readonly ImportIssue[],
  language: 'ko' | 'en',
  fileArg: string,
): void {
  const s = language === 'ko' ? importKo : importEn;
  out(
    io,
    `${s.report.file}: ${fileArg} (${report.format}${report.sheet ? `, ${s.report.sheet} «${report.sheet}»` : ''}${report.headerRow ? `, ${s.report.header} ${report.headerRow}` : ''})`,
  );
  if (report.alreadyImported) return;
  if (report.title.decisionNo) out(io, `${s.report.decisionNo}: ${report.title.decisionNo}`);
  out(
    io,
    `${s.report.rows}: ${s.report.data} ${report.rows.data}, ${s.report.valid} ${report.rows.valid}, ${s.report.invalid} ${report.rows.invalid}, ${s.report.skipped} ${report.rows.skipped}`,
  );
  if (report.kind === 'decision') {
    out(
      io,
      `${s.report.persons}: ${s.report.new} ${report.persons.new}, ${s.report.updated} ${report.persons.updated}, ${s.report.unchanged} ${report.persons.unchanged}`,
    );
    out(
      io,
      `${s.report.placements}: ${s.report.new} ${report.placements.new}, ${s.report.moved} ${report.placements.moved}, ${s.report.unchanged} ${report.placements.unchanged}`,
    );
  } else {
    out(
      io,
      `${s.report.requests}: ${s.report.new} ${report.requests.new}, ${s.report.updated} ${report.requests.updated}, ${s.report.unchanged} ${report.requests.unchanged}`,
    );
  }
  if (report.sheets.length > 1) {
    out(io, fill(s.intake.cliSheets, { count: report.sheets.filter((x) => !x.leftOut).length }));
    for (const x of report.sheets) {
      const county = (language === 'ko' ? x.countyKo : x.countyEn) ?? '';
      const counts = x.importedBefore
        ? s.intake.importedBefore
        : x.leftOut
          ? s.intake.leftOut
          : `${s.report.data} ${x.data}, ${s.report.valid} ${x.valid}, ${s.report.invalid} ${x.invalid}`;
      out(io, `  «${x.name}»${county && county !== x.name ? ` (${county})` : ''}: ${counts}`);
    }
  }
  if (report.needs.year > 0) out(io, fill(s.intake.cliYear, { count: report.needs.year }));
  if (report.needs.term > 0) out(io, fill(s.intake.cliTerm, { count: report.needs.term }));
  for (const issue of issues.slice(0, 200)) {
    out(
      io,
      `  ${issue.sheet !== undefined ? `«${issue.sheet}» ` : ''}${s.report.row} ${issue.row}${issue.column ? ` ${issue.column}` : ''} [${s.report.severity[issue.severity]} ${issue.code}] ${issueSentence(issue, language)}`,
    );
  }
  if (issues.length > 200) out(io, `  … ${issues.length - 200}`);
  if (report.committed) out(io, `${s.commit.done} ${s.commit.backup}: ${report.backupPath ?? ''}`);
  else if (!report.dryRun) out(io, s.commit.notCommitted);
}
