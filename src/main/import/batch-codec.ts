// Batches of checked rows on their way from the import worker to main, packed so that main — which
// also writes the ledger — spends little time receiving them. A structured clone of RowResult
// objects writes every property name and every text of every row, and main rebuilds them property
// by property: most of what a read cost main. Packed, the usual row (a valid decision without
// issues) travels as numbers in one transferred Int32Array: its texts that repeat from row to row
// (sex, dates, rank, unit, provinces, sector …) as indexes into a table both sides grow in step,
// so each such text crosses once per import; its own texts (service number, name, sort key) as
// plain strings. Every other row travels as it is. Unpacked, the rows are the same values with
// their properties in the same order as the worker's.
import type { DecisionRecord, RowResult } from './rows';

export interface PackedBatch {
  /** Rows in the batch. */
  count: number;
  /** Per row: OTHER, or DECISION followed by its row, year, county id and text references. */
  ints: Int32Array;
  /** Texts added to the table by this batch, in order. */
  added: string[];
  /** Texts that travel as themselves (reference TEXT), in the order they are referred to. */
  texts: string[];
  /** The rows that are not packed, in order. */
  others: RowResult[];
}

const OTHER = 0;
const DECISION = 1;
/** Text references: ≥ 0 is a table index. */
const NULL = -1;
const TEXT = -2;
/** Ints per packed decision: the tag, row, year, county id, and 17 texts (3 its own, 14 that repeat). */
const REPEATING_TEXTS = 14;
const DECISION_INTS = 4 + 3 + REPEATING_TEXTS;
/** The table stays small in main's memory: so many texts, each at most so long. */
const TABLE_LIMIT = 65_536;
const TABLE_TEXT_CHARS = 64;

/** Fits an Int32Array unchanged. */
function isInt32(n: unknown): n is number {
  return typeof n === 'number' && (n | 0) === n && !Object.is(n, -0);
}

/**
 * The worker's side: rows are packed as they come (so the RowResult objects die young instead of
 * waiting in a batch), then taken as one batch.
 */
export class BatchPacker {
  /** One map per field (small maps are quicker to search), into the one table. */
  private readonly fields = Array.from({ length: REPEATING_TEXTS }, () => new Map<string, number>());
  private tableSize = 0;
  private ints = new Int32Array(4096 * DECISION_INTS);
  private at = 0;
  private added: string[] = [];
  private texts: string[] = [];
  private others: RowResult[] = [];
  /** Rows packed since the last take(). */
  count = 0;
  /** Set when a row holds a value the format does not foresee. */
  private unfit = false;

  add(rows: readonly RowResult[]): void {
    if (this.at + rows.length * DECISION_INTS > this.ints.length) {
      const bigger = new Int32Array(Math.max(this.ints.length * 2, this.at + rows.length * DECISION_INTS));
      bigger.set(this.ints.subarray(0, this.at));
      this.ints = bigger;
    }
    for (const r of rows) {
      if (!this.packDecision(r)) {
        this.ints[this.at++] = OTHER;
        this.others.push(r);
      }
    }
    this.count += rows.length;
  }

  /** The rows packed so far as one batch, and the buffer to transfer with it. */
  take(): { batch: PackedBatch; transfer: ArrayBuffer[] } {
    const ints = this.ints.slice(0, this.at);
    const batch: PackedBatch = { count: this.count, ints, added: this.added, texts: this.texts, others: this.others };
    this.at = 0;
    this.count = 0;
    this.added = [];
    this.texts = [];
    this.others = [];
    return { batch, transfer: [ints.buffer as ArrayBuffer] };
  }

  /** Packs r if it is a plain valid decision ({ row, status: 'ok', decision }); false otherwise. */
  private packDecision(r: RowResult): boolean {
    const d = r.decision;
    if (
      r.status !== 'ok' ||
      d === undefined ||
      r.issues !== undefined ||
      r.sheet !== undefined ||
      r.through !== undefined ||
      r.skip !== undefined ||
      r.request !== undefined
    ) {
      return false;
    }
    if (!isInt32(r.row) || !isInt32(d.year) || !isInt32(d.destCountyId)) return false;
    const textsBefore = this.texts.length;
    const ints = this.ints;
    const at = this.at;
    this.unfit = false;
    ints[at] = DECISION;
    ints[at + 1] = r.row;
    ints[at + 2] = d.year;
    ints[at + 3] = d.destCountyId;
    ints[at + 4] = this.own(d.serviceNo);
    ints[at + 5] = this.own(d.name);
    ints[at + 6] = this.own(d.nameSortKey);
    // The texts that repeat, in the order unpack() reads them; the index picks the field's map.
    const repeating = [
      d.sex,
      d.birthDate,
      d.dischargeDate,
      d.unit,
      d.rank,
      d.term,
      d.homeProvince,
      d.homeCounty,
      d.skill,
      d.education,
      d.notes,
      d.destProvince,
      d.destCountyCode,
      d.sector,
    ];
    for (let f = 0; f < REPEATING_TEXTS; f++) ints[at + 7 + f] = this.shared(repeating[f]!, f);
    if (this.unfit) {
      // Something the format does not foresee (a value that is not a string): the row as it is.
      this.texts.length = textsBefore;
      return false;
    }
    this.at = at + DECISION_INTS;
    return true;
  }

  /** A text of this row only: TEXT (it travels as itself) or NULL. */
  private own(text: string | null): number {
    if (text === null) return NULL;
    if (typeof text !== 'string') this.unfit = true;
    else this.texts.push(text);
    return TEXT;
  }

  /** A text that repeats: its index in the table (added on first use while there is room). */
  private shared(text: string | null, field: number): number {
    if (typeof text !== 'string') return this.own(text);
    const map = this.fields[field]!;
    let index = map.get(text);
    if (index === undefined) {
      if (this.tableSize >= TABLE_LIMIT || text.length > TABLE_TEXT_CHARS) return this.own(text);
      index = this.tableSize++;
      map.set(text, index);
      this.added.push(text);
    }
    return index;
  }
}

/** Main's side: batches must be unpacked in the order they were packed. */
export class BatchUnpacker {
  private readonly table: string[] = [];

  unpack(batch: PackedBatch): RowResult[] {
    const table = this.table;
    for (const text of batch.added) table.push(text);
    const { ints, texts, others } = batch;
    const out: RowResult[] = [];
    let t = 0;
    let o = 0;
    // One closure per batch: a reference → its text.
    const text = (ref: number): string | null => (ref >= 0 ? table[ref]! : ref === TEXT ? texts[t++]! : null);
    for (let i = 0; out.length < batch.count;) {
      if (ints[i] === OTHER) {
        out.push(others[o++]!);
        i++;
        continue;
      }
      const row = ints[i + 1]!;
      const year = ints[i + 2]!;
      const destCountyId = ints[i + 3]!;
      // The same properties in the same order as DecisionRowProcessor makes them.
      const decision: DecisionRecord = {
        serviceNo: text(ints[i + 4]!)!,
        name: text(ints[i + 5]!)!,
        nameSortKey: text(ints[i + 6]!)!,
        sex: text(ints[i + 7]!) as DecisionRecord['sex'],
        birthDate: text(ints[i + 8]!),
        dischargeDate: text(ints[i + 9]!),
        unit: text(ints[i + 10]!),
        rank: text(ints[i + 11]!) as DecisionRecord['rank'],
        term: text(ints[i + 12]!) as DecisionRecord['term'],
        year,
        homeProvince: text(ints[i + 13]!),
        homeCounty: text(ints[i + 14]!),
        skill: text(ints[i + 15]!),
        education: text(ints[i + 16]!),
        notes: text(ints[i + 17]!),
        destProvince: text(ints[i + 18]!)!,
        destCountyId,
        destCountyCode: text(ints[i + 19]!)!,
        sector: text(ints[i + 20]!) as DecisionRecord['sector'],
      };
      out.push({ row, status: 'ok', decision });
      i += DECISION_INTS;
    }
    return out;
  }
}
