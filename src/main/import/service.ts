// An import from start to end, for the wizard's jobs and the CLI alike: hash the file (a file
// imported before is detected and nothing changes), read it in the worker, compare every batch
// with the ledger — and, to commit, back the ledger up first, then write everything in ONE
// transaction on the import's own connection while the worker keeps reading (reading and writing
// overlap). The whole file or nothing: rows with errors roll it all back unless the clerk chose to
// skip them, and that choice is recorded with the file.
import { randomBytes } from 'node:crypto';
import type {
  ImportHistoryEntry,
  ImportIssue,
  ImportIssueCode,
  ImportOptions,
  ImportReport,
  InspectResult,
} from '../../shared/api/import.contract';
import type { JobProgress } from '../../shared/api/jobs';
import { beginOperation, recordInsert, recordUpdate, type OperationRecorder } from '../audit/operations';
import { makeAutomaticBackup } from '../backup/backups';
import { JobCancelled } from '../jobs/registry';
import { beginImmediateWhenFree } from '../ledger/busy';
import { assertLedgerWritable, type Ledger } from '../ledger/open';
import { currentClerk } from '../settings/settings';
import { byCalendar, LedgerApplier, type IdentityAcceptance } from './apply';
import { checkpointInBackground } from '../ledger/checkpoint';
import { openSecondConnection } from './connection';
import { importedSheets } from './history';
import { loadRememberedMappings, rememberMapping } from './mappings';
import type { PipelineLayout, PipelineRequest, PipelineSummary } from './pipeline';
import { loadRegionData, type UnitRef } from '../regions/match';
import type { RowResult } from './rows';
import { RowSpool, sweepSpools } from './spool';
import { runPipelineIsolated, type WorkerLimits } from './worker-client';

/** Issues kept per run (the report xlsx and the CLI get them all up to this). */
export const ISSUES_KEPT = 100_000;
/** Issues sent to the window with the report. */
export const ISSUES_SHOWN = 1_000;
/** The writer's page cache during an import (negative: KiB). */
const WRITER_CACHE_KIB = -65_536;

export interface ImportFile {
  path: string;
  fileName: string;
  size: number;
  sha256: string;
}

export interface RunOptions {
  ledger: Ledger;
  file: ImportFile;
  options: ImportOptions;
  signal?: AbortSignal;
  progress?(progress: Partial<JobProgress>): void;
  /** Read in this thread instead of a worker (tests of the pipeline). */
  inProcess?: boolean;
  limits?: Partial<WorkerLimits>;
  /** Read every sheet to its end before importing (tests of the reader on foreign files). */
  scanAll?: boolean;
}

export interface CommitOptions extends RunOptions {
  mode: 'dry' | 'commit';
  skipInvalid: boolean;
  /** Write through a second connection (the app: other calls keep using theirs). The CLI: false. */
  separateWriter?: boolean;
  /** Where the automatic backup goes (default: a backups folder beside the ledger). */
  backupDir?: string;
  /** Identity conflicts the clerk accepted (default none: each is an error of its row). */
  acceptIdentity?: IdentityAcceptance;
  /**
   * Called when the commit's write begins (after the read pass, before the backup): the app marks
   * its long write there, so the window writes as usual while the file is only read. Returns the
   * mark's end, called when the write is over.
   */
  onWriteStart?(): () => void;
}

export interface ImportRun {
  report: ImportReport;
  /** Every issue up to ISSUES_KEPT, in row order. */
  issues: ImportIssue[];
}

function request(o: RunOptions, task: 'inspect' | 'rows'): PipelineRequest {
  const db = o.ledger.db;
  return {
    task,
    path: o.file.path,
    fileName: o.file.fileName,
    options: o.options,
    regions: loadRegionData(db),
    remembered: loadRememberedMappings(db),
    ...(o.scanAll ? { scanAll: true } : {}),
  };
}

function checkCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new JobCancelled();
}

/** Step 2 of the wizard: the sheet, header row(s), mapping, title area and a preview. */
export async function inspectImport(o: RunOptions): Promise<InspectResult> {
  o.progress?.({ phase: 'inspecting', done: 0, total: null });
  const summary = await runPipelineIsolated(
    request(o, 'inspect'),
    { progress: (p) => o.progress?.({ phase: 'inspecting', done: p.rowsRead, total: p.total }) },
    { ...(o.signal ? { signal: o.signal } : {}), limits: { totalMs: 20_000, ...o.limits }, ...(o.inProcess ? { inProcess: true } : {}) },
  );
  checkCancelled(o.signal);
  const l = summary.layout;
  return {
    fileName: o.file.fileName,
    size: o.file.size,
    sha256: o.file.sha256,
    format: l.format,
    encoding: l.encoding,
    encodingDetected: l.encodingDetected,
    sheets: l.sheets,
    sheet: l.sheet,
    kind: l.kind,
    kindDetected: l.kindDetected,
    headerRows: l.headerRows,
    headerRow: l.headerRow,
    columns: l.columns,
    preview: l.preview,
    titleRows: l.titleRows,
    title: l.title,
    remembered: l.remembered,
    headerSignature: l.headerSignature,
    missingFields: l.missingFields,
    headerSheets: l.headerSheets,
    alreadyImported: alreadyImported(o.ledger, o.file.sha256, l.headerSheets),
  };
}

/** The earlier import that makes this one "already imported": it took the file, or every sheet asked for. */
function alreadyImported(ledger: Ledger, sha256: string, sheets: InspectResult['headerSheets']): ImportHistoryEntry | null {
  const earlier = importedSheets(ledger.db, sha256);
  if (earlier.entries.length === 0) return null;
  if (earlier.whole || sheets.filter((h) => !h.leftOut).every((h) => earlier.sheets.has(h.name)))
    return earlier.entries[earlier.entries.length - 1]!;
  return null;
}

/**
 * A file whose sheets came partly before (the clerk left some out): the sheets imported then are
 * left out now, so only the others are read. Null when nothing is left to import.
 */
async function remainingSheets(
  o: CommitOptions,
): Promise<{ options: ImportOptions; imported: Set<string> } | { already: ImportHistoryEntry } | null> {
  const earlier = importedSheets(o.ledger.db, o.file.sha256);
  if (earlier.entries.length === 0) return null;
  const last = earlier.entries[earlier.entries.length - 1]!;
  if (earlier.whole) return { already: last };
  const inspect = await inspectImport(o);
  const wanted = inspect.headerSheets.filter((h) => !h.leftOut).map((h) => h.name);
  const remaining = wanted.filter((n) => !earlier.sheets.has(n));
  if (remaining.length === 0) return { already: last };
  const options: ImportOptions = { ...o.options, skipSheets: [...new Set([...(o.options.skipSheets ?? []), ...earlier.sheets])] };
  if (inspect.sheet !== null && !remaining.includes(inspect.sheet)) {
    // The sheet that gave the header was imported: another of the same header gives it now.
    options.sheet = remaining[0]!;
    delete options.headerRow;
  }
  return { options, imported: earlier.sheets };
}

function emptyReport(o: CommitOptions, started: number): ImportReport {
  return {
    reportId: randomBytes(12).toString('base64url'),
    fileName: o.file.fileName,
    sha256: o.file.sha256,
    format: /\.csv$|\.txt$|\.tsv$/i.test(o.file.fileName) ? 'csv' : 'xlsx',
    encoding: null,
    kind: o.options.kind === 'requests' ? 'requests' : 'decision',
    sheet: null,
    headerRow: 0,
    title: { decisionNo: null, decisionDate: null, year: null, term: null },
    rows: { data: 0, valid: 0, invalid: 0, skipped: 0 },
    persons: { new: 0, updated: 0, unchanged: 0 },
    placements: { new: 0, moved: 0, unchanged: 0 },
    requests: { new: 0, updated: 0, unchanged: 0 },
    cohorts: [],
    sectors: {},
    issueCounts: {},
    issues: [],
    issuesTotal: 0,
    identityConflicts: [],
    countyMatches: [],
    sheets: [],
    needs: { year: 0, term: 0 },
    dryRun: o.mode === 'dry',
    committed: false,
    skipInvalid: o.skipInvalid,
    alreadyImported: null,
    decisionFileId: null,
    operationId: null,
    backupPath: null,
    elapsedMs: Date.now() - started,
  };
}

/** The automatic backup before a commit: `backups/<ledger>-before-import-<moment>.sqlite`, 10 kept. */
export async function backupBeforeImport(ledger: Ledger, dir?: string): Promise<string> {
  // A read-only ledger file is said to be one before a whole copy of it is made for nothing.
  assertLedgerWritable(ledger.path);
  return (await makeAutomaticBackup(ledger, 'import', dir === undefined ? {} : { folder: dir })).path;
}

/** A dry run (mode 'dry') or a commit (mode 'commit') of a whole file. */
const DUPLICATE_CODES = new Set<ImportIssueCode>(['possible_duplicate', 'possible_duplicate_in_file']);

/** Key of the setting that records the identity changes an import was allowed to make (audited with it). */
export const identitySettingKey = (decisionFileId: number) => `import.identity_changes.${decisionFileId}`;

/**
 * One pass over a file's checked rows: counts them, keeps their issues and compares them with the
 * ledger (writing them, when the applier writes). The dry run is one read pass; a commit is a read
 * pass with no write transaction open, then — when the rows may be committed — a write pass over
 * the same rows kept in a spool, inside one short transaction.
 */
class Pass {
  readonly rows = { data: 0, valid: 0, invalid: 0, skipped: 0 };
  readonly issues: ImportIssue[] = [];
  readonly issueCounts: Partial<Record<ImportIssueCode, number>> = {};
  /** Data, valid and error rows of each sheet read (a workbook of one sheet per city/county). */
  readonly sheetCounts = new Map<string, { data: number; valid: number; invalid: number }>();
  issuesTotal = 0;
  layout: PipelineLayout | null = null;
  applier: LedgerApplier | null = null;

  constructor(
    private readonly o: CommitOptions,
    private readonly makeApplier: (l: PipelineLayout, issue: (issue: ImportIssue) => void) => LedgerApplier,
  ) {}

  readonly pushIssue = (issue: ImportIssue): void => {
    this.issueCounts[issue.code] = (this.issueCounts[issue.code] ?? 0) + 1;
    // What the file does not say is asked once (report.needs), not listed row by row.
    if (issue.code === 'missing_year' || issue.code === 'missing_term') return;
    this.issuesTotal++;
    if (this.issues.length < ISSUES_KEPT) this.issues.push(issue);
  };

  begin(l: PipelineLayout): void {
    this.layout = l;
    this.applier = this.makeApplier(l, this.pushIssue);
  }

  batch(batch: RowResult[]): void {
    checkCancelled(this.o.signal);
    const rows = this.rows;
    for (const r of batch) {
      if (r.status === 'skip') rows.skipped += (r.through ?? r.row) - r.row + 1;
      else {
        rows.data++;
        const sheet = r.sheet ?? this.layout!.sheet ?? '';
        let c = this.sheetCounts.get(sheet);
        if (c === undefined) this.sheetCounts.set(sheet, (c = { data: 0, valid: 0, invalid: 0 }));
        c.data++;
        if (r.status === 'ok') {
          rows.valid++;
          c.valid++;
        } else {
          rows.invalid++;
          c.invalid++;
        }
      }
      if (r.issues) for (const issue of r.issues) this.pushIssue(issue);
    }
    const a = this.applier!;
    if (rows.invalid > 0 && !this.o.skipInvalid) a.writing = false;
    const cols = this.layout!.columns;
    const col = (field: string) => cols.find((c) => c.field === field)?.index;
    const rejectedBefore = a.rejected;
    a.inBatch(() => {
      if (this.layout!.kind === 'decision')
        a.applyDecisions(batch, {
          serviceNo: col('serviceNo'),
          destCounty: col('destCounty'),
          name: col('name'),
          sex: col('sex'),
          birthDate: col('birthDate'),
        });
      else a.applyRequests(batch, { workplace: col('workplace') });
    });
    // Rows the ledger side refused (a service number of another person) are errors of the file.
    const rejected = a.rejected - rejectedBefore;
    rows.valid -= rejected;
    rows.invalid += rejected;
    if (rows.invalid > 0 && !this.o.skipInvalid) a.writing = false;
  }

  /** After the last row: the findings that need the whole file (possible duplicates within it). */
  end(): void {
    this.applier?.finishRows();
  }

  canCommit(): boolean {
    return this.rows.valid > 0 && (this.rows.invalid === 0 || this.o.skipInvalid);
  }

  fill(report: ImportReport, summary: PipelineSummary | null, importedBefore: ReadonlySet<string>): void {
    const l = summary?.layout ?? this.layout;
    if (l) {
      report.format = l.format;
      report.encoding = l.encoding;
      report.kind = l.kind;
      report.sheet = l.sheet;
      report.headerRow = l.headerRow;
      report.title = l.title;
      report.sheets = l.headerSheets.map((h) => ({
        ...h,
        importedBefore: importedBefore.has(h.name),
        ...(this.sheetCounts.get(h.name) ?? { data: 0, valid: 0, invalid: 0 }),
      }));
    }
    report.needs = { year: this.issueCounts.missing_year ?? 0, term: this.issueCounts.missing_term ?? 0 };
    if (summary)
      report.countyMatches = summary.countyMatches.sort(
        (x, y) => (x.regionCode === null ? 0 : 1) - (y.regionCode === null ? 0 : 1) || y.rows - x.rows,
      );
    report.rows = { ...this.rows };
    const a = this.applier;
    if (a) {
      report.persons = a.counts.persons;
      report.placements = a.counts.placements;
      report.requests = a.counts.requests;
      report.sectors = a.sectors;
      // In calendar order, as the history lists them.
      report.cohorts = [...a.cohorts.values()].map((c) => ({ year: c.year, term: c.term, rows: c.rows, isNew: c.isNew })).sort(byCalendar);
    }
    // In the file's order: sheet by sheet, row by row.
    const sheetOrder = new Map(report.sheets.map((x, i) => [x.name, i]));
    this.issues.sort((x, y) => (sheetOrder.get(x.sheet ?? '') ?? 0) - (sheetOrder.get(y.sheet ?? '') ?? 0) || x.row - y.row);
    report.issueCounts = this.issueCounts;
    report.issuesTotal = this.issuesTotal;
    report.issues = this.issues.slice(0, ISSUES_SHOWN);
    report.identityConflicts = this.issues.filter((i) => i.code === 'identity_conflict').slice(0, ISSUES_SHOWN);
  }
}

function rememberIfCorrected(o: CommitOptions, db: Ledger['db'], l: PipelineLayout, clerk: string): void {
  if (o.options.mapping === undefined || Object.keys(o.options.mapping).length === 0) return;
  rememberMapping(db, { signature: l.headerSignature, kind: l.kind, headers: l.columns.map((c) => c.header), mapping: l.mapping, clerk });
}

/** What both passes of one import share. */
interface ImportContext {
  o: CommitOptions;
  started: number;
  report: ImportReport;
  clerk: string;
  unitsById: Map<number, UnitRef>;
  acceptIdentity: IdentityAcceptance;
  /** Sheets of this file imported before (a file whose sheets come in parts). */
  importedBefore: ReadonlySet<string>;
  /** Imports of this file before this one began (another commit meanwhile is detected by it). */
  importsBefore: number;
}

/** A dry run (mode 'dry') or a commit (mode 'commit') of a whole file. */
export async function runImport(o: CommitOptions): Promise<ImportRun> {
  const started = Date.now();
  const report = emptyReport(o, started);
  const db = o.ledger.db;
  const earlier = await remainingSheets(o);
  if (earlier !== null && 'already' in earlier) {
    report.alreadyImported = earlier.already;
    report.kind = earlier.already.kind;
    return { report, issues: [] };
  }
  if (earlier !== null) o = { ...o, options: earlier.options };
  const req = request(o, 'rows');
  const c: ImportContext = {
    o,
    started,
    report,
    clerk: currentClerk(db),
    unitsById: new Map<number, UnitRef>(req.regions.units.map((u) => [u.id, u])),
    acceptIdentity: o.acceptIdentity ?? 'none',
    importedBefore: earlier?.imported ?? new Set<string>(),
    importsBefore: importedSheets(db, o.file.sha256).entries.length,
  };
  sweepSpools();
  const spool = o.mode === 'commit' ? new RowSpool() : null;
  const { read, summary } = await readPass(c, req, spool);
  read.fill(report, summary, c.importedBefore);
  if (spool === null || !read.canCommit()) {
    spool?.dispose();
    report.elapsedMs = Date.now() - started;
    return { report, issues: read.issues };
  }
  return commitPass(c, read, summary, spool);
}

// 1. Read, check and compare every row: no write transaction is open, so the app, the web host
//    and other processes write as usual while a big file is read. A commit keeps the rows in the
//    spool for its second pass.
async function readPass(c: ImportContext, req: PipelineRequest, spool: RowSpool | null): Promise<{ read: Pass; summary: PipelineSummary }> {
  const { o } = c;
  const db = o.ledger.db;
  const read = new Pass(o, (l, issue) => {
    if (o.mode === 'dry') rememberIfCorrected(o, db, l, c.clerk);
    return new LedgerApplier({
      db,
      kind: l.kind,
      write: false,
      operation: null,
      clerk: c.clerk,
      decisionFileId: null,
      decidedOn: l.title.decisionDate,
      unitsById: c.unitsById,
      issue,
      acceptIdentity: c.acceptIdentity,
    });
  });
  try {
    const summary = await runPipelineIsolated(
      req,
      {
        progress: (p) => o.progress?.({ phase: 'reading', done: p.rowsRead, total: p.total }),
        layout: (l) => read.begin(l),
        rows: (batch: RowResult[]) => {
          spool?.add(batch);
          read.batch(batch);
        },
      },
      {
        ...(o.signal ? { signal: o.signal } : {}),
        ...(o.limits ? { limits: o.limits } : {}),
        ...(o.inProcess ? { inProcess: true } : {}),
      },
    );
    checkCancelled(o.signal);
    read.end();
    return { read, summary };
  } catch (error) {
    read.applier?.close();
    spool?.dispose();
    throw error;
  }
}

/**
 * The connection an import commits through and its one transaction: the app's own (the CLI), or
 * a second connection that lives for this import alone, with pragmas only an import's checked
 * rows may have.
 */
class ImportWriter {
  readonly ledger: Ledger;
  private inTransaction = false;
  private cacheBefore: number | null = null;

  constructor(private readonly o: CommitOptions) {
    this.ledger = o.separateWriter ? openSecondConnection(o.ledger) : o.ledger;
  }

  get db(): Ledger['db'] {
    return this.ledger.db;
  }

  private get own(): boolean {
    return this.ledger !== this.o.ledger;
  }

  /** Sets the connection up for a big write and begins the transaction (BEGIN IMMEDIATE). */
  async begin(): Promise<void> {
    const db = this.db;
    // Random inserts into the service-number index (and the name index, when persons are already
    // there) want their pages in memory.
    this.cacheBefore = db.pragma('cache_size', { simple: true }) as number;
    db.pragma(`cache_size = ${WRITER_CACHE_KIB}`);
    if (this.own) {
      // Every value this connection writes was parsed and checked by the import's own rules,
      // which produce only what the tables' CHECK constraints allow (test/unit/import-
      // constraints.test.ts holds them to it through the ledger's integrity check); evaluating
      // each CHECK again costs a quarter of a person's insert. Only on this connection, which
      // lives for this import alone: statements prepared here never serve anything else.
      db.pragma('ignore_check_constraints = ON');
      // Likewise foreign keys: each row would look up its person, cohort, city/county and file.
      // What the import's rows point to is checked as a set before the commit (LedgerApplier.finish).
      db.pragma('foreign_keys = OFF');
      // In the app this runs on the main thread: wait for another process's write lock without
      // sleeping the thread (busy.ts), so the window keeps answering.
      db.pragma('busy_timeout = 0');
      await beginImmediateWhenFree(db, this.o.ledger.busyTimeoutMs);
    } else db.exec('BEGIN IMMEDIATE');
    this.inTransaction = true;
  }

  commit(): void {
    // Its own connection copies nothing into the ledger file at COMMIT; a worker does (below).
    if (this.own) this.db.pragma('wal_autocheckpoint = 0');
    this.db.exec('COMMIT');
    this.inTransaction = false;
    if (this.own) void checkpointInBackground(this.o.ledger.path);
  }

  rollback(): void {
    if (!this.inTransaction) return;
    this.inTransaction = false;
    this.db.exec('ROLLBACK');
  }

  /** After an error: the transaction may already be gone with it. */
  rollbackQuietly(): void {
    try {
      this.rollback();
    } catch {
      // The transaction may already be gone with the error.
    }
  }

  close(): void {
    if (this.own) this.ledger.close();
    else if (this.cacheBefore !== null) this.db.pragma(`cache_size = ${this.cacheBefore}`);
  }
}

// 2. The commit: a backup, then the same rows again in ONE transaction, compared once more with
//    the ledger as it is now (another process may have written meanwhile).
async function commitPass(c: ImportContext, read: Pass, summary: PipelineSummary, spool: RowSpool): Promise<ImportRun> {
  const { o, report } = c;
  let writer: ImportWriter | null = null;
  const write = new Pass(o, (l, issue) => {
    const { operation, decisionFileId } = insertFileRecord(c, writer!.db, l);
    return new LedgerApplier({
      db: writer!.db,
      kind: l.kind,
      write: true,
      operation,
      clerk: c.clerk,
      decisionFileId,
      decidedOn: l.title.decisionDate,
      unitsById: c.unitsById,
      issue,
      acceptIdentity: c.acceptIdentity,
      watchDuplicates: false,
      validRows: report.rows.valid,
    });
  });
  let endWrite: (() => void) | undefined;
  try {
    endWrite = o.onWriteStart?.();
    o.progress?.({ phase: 'backup', done: 0, total: null });
    report.backupPath = await backupBeforeImport(o.ledger, o.backupDir);
    checkCancelled(o.signal);
    writer = new ImportWriter(o);
    await writer.begin();
    const meanwhile = importedMeanwhile(c, writer.db);
    if (meanwhile) {
      writer.rollback();
      return { report: meanwhile, issues: [] };
    }
    await writeRows(c, writer, read, write, summary, spool);
    if (!write.canCommit()) writer.rollback();
    else {
      o.progress?.({ phase: 'finishing', done: report.rows.data, total: report.rows.data });
      const a = write.applier!;
      a.finish();
      completeFileRecord(c, writer.db, a);
      checkCancelled(o.signal);
      writer.commit();
      report.committed = true;
      report.decisionFileId = a.decisionFileId!;
      report.operationId = a.operation!.id;
    }
  } catch (error) {
    writer?.rollbackQuietly();
    throw error;
  } finally {
    write.applier?.close();
    spool.dispose();
    writer?.close();
    endWrite?.();
  }
  report.elapsedMs = Date.now() - c.started;
  return { report, issues: write.issues };
}

/** The same file committed by another process (or window) since the first look: imported once. */
function importedMeanwhile(c: ImportContext, db: Ledger['db']): ImportReport | null {
  const now = importedSheets(db, c.o.file.sha256).entries;
  if (now.length <= c.importsBefore) return null;
  const meanwhile = now[now.length - 1]!;
  const out = emptyReport(c.o, c.started);
  out.alreadyImported = meanwhile;
  out.kind = meanwhile.kind;
  out.backupPath = c.report.backupPath;
  return out;
}

/** The write pass inside the transaction: the spooled rows again, then the report from them. */
async function writeRows(
  c: ImportContext,
  writer: ImportWriter,
  read: Pass,
  write: Pass,
  summary: PipelineSummary,
  spool: RowSpool,
): Promise<void> {
  const { o } = c;
  const l = read.layout!;
  rememberIfCorrected(o, writer.db, l, c.clerk);
  write.begin(l);
  const total = read.rows.data;
  let turn = Date.now();
  for (const batch of spool.read()) {
    write.batch(batch);
    o.progress?.({ phase: 'writing', done: write.rows.data, total });
    // Let the event loop breathe (job polls, the window's reads) between batches.
    if (Date.now() - turn > 50) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      turn = Date.now();
    }
  }
  write.end();
  // Possible duplicates are warnings that need the whole file: the first pass found them.
  for (const issue of read.issues) if (DUPLICATE_CODES.has(issue.code)) write.pushIssue(issue);
  checkCancelled(o.signal);
  write.fill(c.report, summary, c.importedBefore);
}

/** The import's operation and its file's row, written first (every row written points to them). */
function insertFileRecord(c: ImportContext, db: Ledger['db'], l: PipelineLayout): { operation: OperationRecorder; decisionFileId: number } {
  const { file } = c.o;
  const title = l.title.decisionNo ? ` (${l.title.decisionNo})` : '';
  const operation = beginOperation(db, 'import', c.clerk, `${file.fileName}${title}`);
  const decisionFileId = Number(
    db
      .prepare(
        `INSERT INTO decision_files (file_name, sha256, kind, decision_no, imported_at, operation_id)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(file.fileName, file.sha256, l.kind, l.title.decisionNo, new Date().toISOString(), operation.id).lastInsertRowid,
  );
  recordInsert(
    operation,
    'decision_file',
    decisionFileId,
    db.prepare('SELECT * FROM decision_files WHERE id = ?').get(decisionFileId) as Record<string, unknown>,
  );
  return { operation, decisionFileId };
}

/** The file's row completed with what the import did, and the identity changes the clerk allowed. */
function completeFileRecord(c: ImportContext, db: Ledger['db'], a: LedgerApplier): void {
  const { report } = c;
  const operation = a.operation!;
  const decisionFileId = a.decisionFileId!;
  const fileRowBefore = db.prepare('SELECT * FROM decision_files WHERE id = ?').get(decisionFileId) as Record<string, unknown>;
  const after: Record<string, unknown> = {
    cohort_id: a.mainCohortId(),
    cohorts: JSON.stringify(a.cohortsUsed()),
    rows_data: report.rows.data,
    rows_valid: report.rows.valid,
    rows_invalid: report.rows.invalid,
    rows_skipped: report.rows.skipped,
    persons_new: report.persons.new,
    persons_updated: report.persons.updated,
    placements_new: report.placements.new,
    placements_moved: report.placements.moved,
    skipped_invalid: c.o.skipInvalid && report.rows.invalid > 0 ? 1 : 0,
    sheets: JSON.stringify(report.sheets.filter((x) => !x.leftOut).map((x) => ({ name: x.name, rows: x.valid }))),
  };
  db.prepare(
    `UPDATE decision_files SET ${Object.keys(after)
      .map((k) => `${k} = @${k}`)
      .join(', ')} WHERE id = @id`,
  ).run({ ...after, id: decisionFileId });
  recordUpdate(operation, 'decision_file', decisionFileId, fileRowBefore, after);
  if (a.identityChanges.length > 0) {
    // The clerk's consent to turn these persons into others, kept with the import's operation
    // (undoing the import takes it back with everything else).
    const key = identitySettingKey(decisionFileId);
    const value = JSON.stringify(a.identityChanges);
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, value);
    operation.record({ entity: 'setting', entityId: null, field: key, oldValue: null, newValue: value });
  }
}
