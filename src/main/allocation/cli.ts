// `ledger allocate` and `ledger undo` (issue 13). allocate proposes workplaces for a term (default
// the newest) and, without --dry-run, accepts the proposal at once as one `allocate` operation —
// recorded run and assignments in one transaction. undo takes back the newest operation like
// Ctrl+Z, and refuses with the same sentence the grid would show.
import { LedgerError } from '../../shared/errors';
import { optionValue, UsageError, type CliCommand, type ParsedArgs } from '../cli/types';
import { parseTermArgument } from '../export/cli';
import { settleJob } from '../hub/hub-call';
import { currentClerk } from '../settings/settings';
import { countyIdsByName } from './queries';
import { runAllocation } from './runs';

function termOf(args: ParsedArgs) {
  const text = optionValue(args, '--term');
  return text === undefined ? undefined : parseTermArgument(text);
}

export const allocationCommands: readonly CliCommand[] = [
  {
    name: 'allocate',
    usage: `  allocate [--term 2027-spring] [--county 회양군 ...] [--dry-run] [--json]
                                propose a workplace for every person of the term without one
                                (default: the newest term) and accept it as one operation
                                (undo: ledger undo); --dry-run proposes and writes nothing;
                                exit 1 when refused (the sentence on stderr).`,
    positionals: { min: 0, max: 0 },
    flags: ['--dry-run', '--json'],
    options: ['--term'],
    multiValueOptions: ['--county'],
    validate(args) {
      if (termOf(args) === null)
        throw new UsageError(`--term: expected YEAR-TERM like 2027-spring or 2027-봄, got ${optionValue(args, '--term')}`);
    },
    async run(args, ledger, io) {
      const started = performance.now();
      const { db } = ledger;
      const term = termOf(args);
      let cohortId: number | null = null;
      if (term) {
        cohortId =
          (db.prepare('SELECT id FROM cohorts WHERE year = ? AND term = ?').pluck().get(term.year, term.term) as number | undefined) ??
          null;
        if (cohortId === null) throw new LedgerError('allocation_term_missing', `no term ${term.year}-${term.term}`);
      }
      const countyIds = countyIdsByName(db, args.options.get('--county') ?? []);
      const dryRun = args.flags.has('--dry-run');
      const outcome = runAllocation(db, { cohortId, countyIds, clerk: currentClerk(db), dryRun, accept: !dryRun });
      const { result } = outcome;
      const cohort = db.prepare('SELECT year, term FROM cohorts WHERE id = ?').get(result.cohortId) as { year: number; term: string };
      const { requests, countyNames } = result.input;
      const proposed = new Map<number, number>();
      for (const c of result.counties) for (const r of c.requests) proposed.set(r.request, r.proposed);
      const summary = {
        term: `${cohort.year}-${cohort.term}`,
        runId: outcome.runId,
        assigned: result.totals.assigned + outcome.pinnedAssigned,
        unassigned: result.totals.unassigned + (outcome.pinned - outcome.pinnedAssigned),
        crossSector: result.totals.crossSector,
        objective: result.totals.objective,
        requests: requests.map((r, i) => ({
          id: r.id,
          county: countyNames.get(r.countyId)?.ko ?? '',
          workplace: r.workplace,
          sector: r.sector,
          seats: r.freeSeats,
          assigned: proposed.get(i) ?? 0,
        })),
        ms: Math.round(performance.now() - started),
      };
      if (args.flags.has('--json')) io.stdout.write(JSON.stringify(summary) + '\n');
      else {
        io.stdout.write(
          `${summary.term}: ${summary.assigned} assigned, ${summary.unassigned} without a workplace, ${summary.crossSector} in another sector` +
            (dryRun
              ? ' (dry run: nothing written)'
              : outcome.runId === null
                ? ' (nothing to write)'
                : ` (run ${outcome.runId}, operation ${outcome.accepted?.operationId})`) +
            '\n',
        );
        for (const c of result.counties) {
          const reasons = Object.entries(c.unassigned)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ');
          io.stdout.write(
            `  ${countyNames.get(c.countyId)?.ko ?? c.countyId}: ${c.assigned}/${c.persons}${reasons ? ` (${reasons})` : ''}\n`,
          );
        }
      }
      return 0;
    },
    // On a hub: the page's calls — a run as a job, then Accept (or Discard with --dry-run).
    async runRemote(args, api, io) {
      const started = performance.now();
      if ((args.options.get('--county') ?? []).length > 0)
        throw new UsageError('--county cannot go with --remote yet: allocate the whole term');
      const term = termOf(args);
      let cohortId: number | undefined;
      if (term) {
        const { terms } = await api.call('listAllocationTerms', {});
        cohortId = terms.find((t) => t.year === term.year && t.term === term.term)?.cohortId;
        if (cohortId === undefined) throw new LedgerError('allocation_term_missing', `no term ${term.year}-${term.term}`);
      }
      const proposal = await settleJob(api.call, await api.call('startAllocation', cohortId === undefined ? {} : { cohortId }));
      const dryRun = args.flags.has('--dry-run');
      const { runId } = proposal.run;
      const accepted = dryRun || proposal.totals.assigned === 0 ? null : await api.call('acceptAllocation', { runId });
      if (!accepted) await api.call('discardAllocation', { runId });
      const summary = {
        term: `${proposal.run.year}-${proposal.run.term}`,
        runId: accepted ? runId : null,
        assigned: proposal.totals.assigned,
        unassigned: proposal.totals.unassigned,
        crossSector: proposal.totals.crossSector,
        objective: proposal.totals.objective,
        requests: proposal.counties.flatMap((c) =>
          c.requests.map((r) => ({
            id: r.requestId,
            county: c.nameKo,
            workplace: r.workplace,
            sector: r.sector,
            seats: r.freeSeats,
            assigned: r.proposed,
          })),
        ),
        ms: Math.round(performance.now() - started),
      };
      if (args.flags.has('--json')) {
        io.stdout.write(JSON.stringify(summary) + '\n');
        return 0;
      }
      io.stdout.write(
        `${summary.term}: ${summary.assigned} assigned, ${summary.unassigned} without a workplace, ${summary.crossSector} in another sector` +
          (dryRun
            ? ' (dry run: nothing written)'
            : accepted
              ? ` (run ${runId}, operation ${accepted.operationId})`
              : ' (nothing to write)') +
          '\n',
      );
      for (const c of proposal.counties) {
        const reasons = new Map<string, number>();
        for (const u of c.unassignedBy) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + u.persons);
        const words = [...reasons].map(([k, n]) => `${k} ${n}`).join(', ');
        io.stdout.write(`  ${c.nameKo}: ${c.assigned}/${c.persons}${words ? ` (${words})` : ''}\n`);
      }
      return 0;
    },
  },
  {
    name: 'undo',
    usage: `  undo [--json]                 take back the newest operation, like Ctrl+Z in the grids;
                                exit 1 when there is nothing to undo or it conflicts.`,
    positionals: { min: 0, max: 0 },
    flags: ['--json'],
    options: [],
    // getUndoState and undo: the same on this PC's ledger and on a hub (where it takes back the
    // clerk's own newest operation).
    async runApi(args, api, io) {
      const before = await api.call('getUndoState', {});
      const state = await api.call('undo', {});
      if (args.flags.has('--json')) io.stdout.write(JSON.stringify({ undone: before.undoKind, state }) + '\n');
      else io.stdout.write(`undone: ${before.undoKind}\n`);
      return 0;
    },
  },
];
