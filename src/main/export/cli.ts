import { PATH_ERROR_CODES } from '../../shared/api/paths.errors';
import { LedgerError, type ErrorCode } from '../../shared/errors';
import { errorSentence } from '../../shared/i18n';
import { parseTerm } from '../../shared/normalize';
import { resolve } from 'node:path';
import type { ExportResult } from '../../shared/api/export.contract';
import { optionValue, UsageError, type CliCommand, type CliIo, type ParsedArgs } from '../cli/types';
import { settleJob } from '../hub/hub-call';
import { cliLanguage } from '../cli/language';
import { currentClerk } from '../settings/settings';
import { latestCohort } from './queries';
import { runExport } from './run';

/** Export failures that are the caller's to fix: exit 2 like bad arguments (the contract). */
const USAGE_LIKE: readonly ErrorCode[] = [
  'export_no_cohort',
  'export_unknown_county',
  'export_nothing_to_export',
  'export_files_exist',
  'export_too_many_rows',
  ...PATH_ERROR_CODES,
];

/** `2027-spring`, `2027-봄`, `2027 fall` → year and term. */
export function parseTermArgument(text: string): { year: number; term: 'spring' | 'summer' | 'fall' } | null {
  const m = /^\s*(\d{4})\s*[-_ /.]?\s*(\S+)\s*$/.exec(text);
  if (!m) return null;
  const term = parseTerm(m[2]!);
  const year = Number(m[1]);
  return term && year >= 1948 && year <= 2200 ? { year, term } : null;
}

function termOf(args: ParsedArgs) {
  const text = optionValue(args, '--term');
  return text === undefined ? undefined : parseTermArgument(text);
}

/** What `export` prints (the same for this PC's ledger and a hub's). */
function printExport(args: ParsedArgs, io: CliIo, result: ExportResult): void {
  if (args.flags.has('--json')) {
    io.stdout.write(
      JSON.stringify({ files: result.files.map((f) => ({ path: f.path, department: f.department, rows: f.rows })), ms: result.ms }) + '\n',
    );
    return;
  }
  for (const f of result.files)
    io.stdout.write(`${f.path}  (${f.rows.toLocaleString('en-US')} ${f.kind === 'roster' ? 'persons' : 'cities/counties'})\n`);
  io.stdout.write(
    `${result.files.length} ${result.files.length === 1 ? 'file' : 'files'}, ${result.persons.toLocaleString('en-US')} ${result.persons === 1 ? 'person' : 'persons'}, ${(result.ms / 1000).toFixed(1)} s → ${result.folder}\n`,
  );
}

/** Export failures the caller must fix: their sentence and exit 2; anything else is thrown on. */
function usageLike(error: unknown, io: CliIo): number {
  if (error instanceof LedgerError && USAGE_LIKE.includes(error.code)) {
    io.stderr.write(errorSentence(error.toData(), cliLanguage(io.env)) + '\n');
    return 2;
  }
  throw error;
}

/** Rosters are Korean documents; LEDGER_EXPORT_LANG=en writes English ones (LEDGER_LANG only sets messages). */
const exportLanguage = (io: CliIo) => (io.env.LEDGER_EXPORT_LANG?.toLowerCase() === 'en' ? 'en' : 'ko');

/** `ledger export …` (see the export issue). */
export const exportCommands: readonly CliCommand[] = [
  {
    name: 'export',
    usage: `  export --out DIR [--term 2027-spring] [--county 회양군 ...] [--summary] [--force] [--json]
                                one roster workbook per city/county labor department of the term
                                (default: the newest term), named 2027-봄-회양군-배치명단.xlsx;
                                --summary adds the province summary; existing files are kept
                                unless --force; exit 2 on bad arguments or an unwritable folder.
                                Workbooks in Korean (LEDGER_EXPORT_LANG=en for English).`,
    positionals: { min: 0, max: 0 },
    flags: ['--summary', '--force', '--json'],
    options: ['--out', '--term'],
    multiValueOptions: ['--county'],
    validate(args) {
      if (optionValue(args, '--out') === undefined) throw new UsageError('export needs --out DIR');
      if (termOf(args) === null)
        throw new UsageError(`--term: expected YEAR-TERM like 2027-spring or 2027-봄, got ${optionValue(args, '--term')}`);
    },
    async run(args, ledger, io) {
      const language = exportLanguage(io);
      try {
        const term = termOf(args) ?? latestCohort(ledger.db);
        if (!term) throw new LedgerError('export_empty_ledger', 'the ledger has no placed persons');
        const result = await runExport(
          ledger.db,
          {
            year: term.year,
            term: term.term,
            counties: args.options.get('--county') ?? [],
            folder: optionValue(args, '--out')!,
            summary: args.flags.has('--summary'),
            language,
            overwrite: args.flags.has('--force'),
            clerk: currentClerk(ledger.db),
          },
          {},
          { cwd: process.cwd() },
        );
        printExport(args, io, result);
        return 0;
      } catch (error) {
        return usageLike(error, io);
      }
    },
    // On a hub: the hub writes the workbooks, this PC fetches them into --out (RemoteSession).
    async runRemote(args, api, io) {
      try {
        let term = termOf(args);
        if (!term) {
          const { cohorts } = await api.call('listExportCohorts', {});
          const newest = cohorts[0]; // newest first, as latestCohort reads them
          if (!newest) throw new LedgerError('export_empty_ledger', 'the ledger has no placed persons');
          term = { year: newest.year, term: newest.term };
        }
        const started = await api.call('startExport', {
          year: term.year,
          term: term.term,
          counties: args.options.get('--county') ?? [],
          folder: resolve(optionValue(args, '--out')!),
          summary: args.flags.has('--summary'),
          language: exportLanguage(io),
          overwrite: args.flags.has('--force'),
        });
        printExport(args, io, await settleJob(api.call, started));
        return 0;
      } catch (error) {
        return usageLike(error, io);
      }
    },
  },
];
