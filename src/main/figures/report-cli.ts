// `ledger report fill [--term 2027-spring] [--json]`: the term's figures per city/county and
// sector (figures/term-figures.ts) — county as its Korean name and sector as its code, as `dump`
// writes them.
import type { FigureCounts } from '../../shared/api/grid.contract';
import { LedgerError } from '../../shared/errors';
import { optionValue, UsageError, type CliCommand } from '../cli/types';
import { parseTermArgument } from '../export/cli';
import type { HubCall } from '../hub/hub-call';

const COUNTS: readonly (keyof FigureCounts)[] = ['requested', 'decided', 'assigned', 'notified', 'arrived'];

export interface FillReport {
  term: string | null;
  rows: ({ county: string; sector: string } & FigureCounts)[];
  totals: FigureCounts;
}

/** The fill report of a term (`2027-spring`; undefined: the newest), through the contract's calls. */
export async function fillReport(call: HubCall, termText: string | undefined): Promise<FillReport> {
  const cohorts = await call('listCohorts', {});
  let cohortId: number | null = null;
  if (termText !== undefined) {
    const term = parseTermArgument(termText)!;
    const id = cohorts.find((c) => c.year === term.year && c.term === term.term)?.id;
    if (id === undefined) throw new LedgerError('term_not_found', `no term ${term.year}-${term.term} in the ledger`);
    cohortId = id;
  }
  const figures = await call('termFigures', { cohortId });
  if (figures.cohortId === null) return { term: null, rows: [], totals: figures.totals };
  const cohort = cohorts.find((c) => c.id === figures.cohortId)!;
  const names = new Map((await call('listRegions', {})).units.map((u) => [u.code, u.nameKo]));
  const rows = figures.rows.map((r) => ({
    county: names.get(r.countyCode) ?? r.countyCode,
    sector: r.sector,
    ...Object.fromEntries(COUNTS.map((k) => [k, r[k]])),
  })) as FillReport['rows'];
  return { term: `${cohort.year}-${cohort.term}`, rows, totals: figures.totals };
}

/** The report as a text table: one line per city/county and sector, then the totals. */
export function fillReportText(report: FillReport): string[] {
  if (report.term === null) return ['the ledger has no terms yet'];
  const header = ['county', 'sector', ...COUNTS];
  const body = report.rows.map((r) => [r.county, r.sector, ...COUNTS.map((k) => r[k].toLocaleString('en-US'))]);
  const total = ['total', '', ...COUNTS.map((k) => report.totals[k].toLocaleString('en-US'))];
  const all = [header, ...body, total];
  // Hangul takes two columns on a terminal.
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((_, i) => Math.max(...all.map((row) => width(row[i]!))));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i < 2 ? cell + ' '.repeat(widths[i]! - width(cell)) : ' '.repeat(widths[i]! - width(cell)) + cell))
      .join('  ')
      .trimEnd();
  return [`term: ${report.term}`, line(header), ...body.map(line), line(total)];
}

export const reportCommands: readonly CliCommand[] = [
  {
    name: 'report',
    usage: `  report fill [--term 2027-spring] [--json]
                                per city/county and sector of the term (default: the newest):
                                requested, decided, assigned, notified, arrived, and totals`,
    positionals: { min: 1, max: 1 },
    flags: ['--json'],
    options: ['--term'],
    validate(args) {
      if (args.positionals[0] !== 'fill') throw new UsageError(`unknown report: ${args.positionals[0]} (fill)`);
      const term = optionValue(args, '--term');
      if (term !== undefined && parseTermArgument(term) === null)
        throw new UsageError(`--term: expected YEAR-TERM like 2027-spring or 2027-봄, got ${term}`);
    },
    // listCohorts, termFigures and listRegions: the same on this PC's ledger and on a hub.
    async runApi(args, api, io) {
      const report = await fillReport(api.call, optionValue(args, '--term'));
      if (args.flags.has('--json')) io.stdout.write(JSON.stringify(report) + '\n');
      else for (const line of fillReportText(report)) io.stdout.write(line + '\n');
      return 0;
    },
  },
];
