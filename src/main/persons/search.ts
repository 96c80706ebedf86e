// Quick search of persons: a name or a service number found by any part of it ("효성", "철",
// "767"), with the North and South Korean spellings of a syllable treated alike (리/이, 녀/여,
// 로/노). An FTS5 index (`person_search`, migration 0006) holds, for each person, search terms
// made here: every name syllable in its South Korean spelling as one token, and the service
// number's overlapping three-character pieces. A query becomes a phrase of the same tokens, so
// "효성" finds 김효성 and 리효성호 alike; two characters of a service number match as a prefix
// of those pieces. Triggers on `persons` keep the index (the function below is registered on
// every connection the app opens, see ledger/sqlite.ts).
import type Database from 'better-sqlite3';
import { dueumSyllable } from '../../shared/hangul';
import { setAsideTriggers } from '../ledger/triggers';
import { dropAsides } from '../ledger/aside';
import { tableSql } from '../ledger/schema';

/** The SQL function the triggers call to make a person's terms. */
export const SEARCH_TERMS_FUNCTION = 'person_search_terms';

/** Service-number pieces carry a prefix so they never meet a name token. */
const SERVICE_MARK = 'n';
const PIECE = 3;

const LETTER = /\p{L}/u;
const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;

function syllableTokens(text: string): string[] {
  if (isHangulOnly(text)) return hangulTokens(text);
  const tokens: string[] = [];
  for (const ch of text.normalize('NFC').toLowerCase()) {
    const code = ch.charCodeAt(0);
    if ((code >= HANGUL_FIRST && code <= HANGUL_LAST) || LETTER.test(ch)) tokens.push(dueumSyllable(ch));
  }
  return tokens;
}

/**
 * Whether `text` is Hangul syllables alone — almost every name. Such text is NFC already and has
 * no case, so its tokens are its syllables in South Korean spelling, read from a table (a
 * million persons' terms are made at once when an import is redone).
 */
function isHangulOnly(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < HANGUL_FIRST || code > HANGUL_LAST) return false;
  }
  return true;
}

/** Each Hangul syllable's South Korean spelling (dueumSyllable), made once when first needed. */
let southSpelling: string[] | null = null;

function southSpellings(): string[] {
  return (southSpelling ??= Array.from({ length: HANGUL_LAST - HANGUL_FIRST + 1 }, (_, i) =>
    dueumSyllable(String.fromCharCode(HANGUL_FIRST + i)),
  ));
}

function hangulTokens(text: string): string[] {
  const south = southSpellings();
  const tokens = new Array<string>(text.length);
  for (let i = 0; i < text.length; i++) tokens[i] = south[text.charCodeAt(i) - HANGUL_FIRST]!;
  return tokens;
}

/** hangulTokens(text).join(' '), built as one string (a million names when an import is redone). */
function hangulTerms(text: string): string {
  const south = southSpellings();
  let terms = '';
  for (let i = 0; i < text.length; i++) terms += (i === 0 ? '' : ' ') + south[text.charCodeAt(i) - HANGUL_FIRST]!;
  return terms;
}

/** Printable ASCII: unchanged by NFKC. */
const ASCII = /^[\x20-\x7e]*$/;

function serviceKey(text: string): string {
  // Almost every service number is ASCII: its letters and digits, lower case, in one pass.
  let key = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return (ASCII.test(text) ? text : text.normalize('NFKC')).toLowerCase().replace(/[^0-9a-z]/g, '');
    if ((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a)) key += text[i];
    else if (code >= 0x41 && code <= 0x5a) key += String.fromCharCode(code + 0x20);
  }
  return key;
}

/** Overlapping pieces of a service number; a number shorter than a piece is one token. */
function servicePieces(key: string): string[] {
  if (key.length < PIECE) return key === '' ? [] : [...key].map((_, i) => SERVICE_MARK + key.slice(i));
  const pieces: string[] = [];
  for (let i = 0; i + PIECE <= key.length; i++) pieces.push(SERVICE_MARK + key.slice(i, i + PIECE));
  // The last two characters and the last one on their own: a query of one or two characters is a
  // prefix of these pieces, so it finds them wherever they stand.
  pieces.push(SERVICE_MARK + key.slice(-2), SERVICE_MARK + key.slice(-1));
  return pieces;
}

/** servicePieces(key).join(' '), built as one string. */
function servicePiecesText(key: string): string {
  if (key.length < PIECE) return servicePieces(key).join(' ');
  let text = '';
  for (let i = 0; i + PIECE <= key.length; i++) text += SERVICE_MARK + key.slice(i, i + PIECE) + ' ';
  return text + SERVICE_MARK + key.slice(-2) + ' ' + SERVICE_MARK + key.slice(-1);
}

/**
 * The indexed text of one person: name syllables, then service-number pieces, space separated.
 * Built as one string, without arrays: a redo of a big import makes a million at once.
 */
export function personSearchTerms(name: unknown, serviceNo: unknown): string {
  const nameTerms = typeof name !== 'string' ? '' : isHangulOnly(name) ? hangulTerms(name) : syllableTokens(name).join(' ');
  const pieces = typeof serviceNo === 'string' ? servicePiecesText(serviceKey(serviceNo)) : '';
  return nameTerms === '' || pieces === '' ? nameTerms + pieces : nameTerms + ' ' + pieces;
}

const quote = (tokens: readonly string[]) => `"${tokens.join(' ')}"`;

/**
 * The FTS5 query for what the clerk typed, or null when nothing in it can match (punctuation
 * only). Each word typed must match, as a part of the name or of the service number.
 */
export function personSearchQuery(text: string): string | null {
  const clauses: string[] = [];
  for (const word of text.normalize('NFC').trim().split(/\s+/u)) {
    const options: string[] = [];
    const syllables = syllableTokens(word);
    if (syllables.length > 0) options.push(quote(syllables));
    const key = serviceKey(word);
    if (key.length >= PIECE) {
      const pieces: string[] = [];
      for (let i = 0; i + PIECE <= key.length; i++) pieces.push(SERVICE_MARK + key.slice(i, i + PIECE));
      options.push(quote(pieces));
    } else if (key.length > 0) {
      options.push(`"${SERVICE_MARK}${key}" *`);
    }
    if (options.length > 0) clauses.push(options.length === 1 ? options[0]! : `(${options.join(' OR ')})`);
  }
  return clauses.length === 0 ? null : clauses.join(' AND ');
}

export function registerPersonSearch(db: Database.Database): void {
  db.function(SEARCH_TERMS_FUNCTION, { deterministic: true }, (name: unknown, serviceNo: unknown) => personSearchTerms(name, serviceNo));
}

/** The search index's insert trigger, set aside during a bulk load (see deferSearchIndex). */
export interface DeferredSearchIndex {
  /** Indexes the persons inserted since, and puts the trigger back. */
  restore(): void;
}

const INSERT_TRIGGER = 'persons_search_insert';

/**
 * For an import's transaction: the trigger costs ~30 µs a person, indexing the new persons as a
 * set at the end ~7 µs. Persons inserted meanwhile have ids above today's largest (INTEGER
 * PRIMARY KEY), so restore() indexes exactly those; OR REPLACE covers one that the update
 * trigger, still in place, already indexed. Inside the transaction, so a rollback or a killed
 * process brings the trigger back with everything else.
 */
export function deferSearchIndex(db: Database.Database): DeferredSearchIndex | null {
  const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").pluck().get(INSERT_TRIGGER) as
    string | undefined;
  if (sql === undefined) return null;
  const before = (db.prepare('SELECT coalesce(max(id), 0) FROM persons').pluck().get() as number) ?? 0;
  // An import clears the redo stack: a search index an undo set aside is of no use any more.
  dropAsides(db);
  db.exec(`DROP TRIGGER ${INSERT_TRIGGER}`);
  return {
    restore() {
      withBigHash(db, () =>
        db
          .prepare(
            `INSERT OR REPLACE INTO person_search(rowid, terms) SELECT id, ${SEARCH_TERMS_FUNCTION}(name, service_no) FROM persons WHERE id > ?`,
          )
          .run(before),
      );
      db.exec(sql);
    },
  };
}

const DELETE_TRIGGER = 'persons_search_delete';

/** Drops one of the search index's triggers; returns how to put it back (null: the ledger has none). */
function setAsideTrigger(db: Database.Database, name: string): (() => void) | null {
  const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = ?").get(name) !== undefined;
  return exists ? setAsideTriggers(db, [name]) : null;
}

/**
 * For an undo that deletes many persons at once (an import taken back): runs `remove`, which
 * deletes `count` persons of the `count + others` there are. The delete trigger costs ~25 µs a person (a contentless FTS5 index
 * finds each one's entry); when no more persons remain than go, the index is emptied in one step
 * ('delete-all') and the persons that remain are indexed again (~7 µs each) instead. Inside the
 * caller's transaction: a rollback or a killed process brings back the index and the trigger.
 */
export function removingPersons(db: Database.Database, count: number, others: number, remove: () => void): void {
  const restore = others <= count ? setAsideTrigger(db, DELETE_TRIGGER) : null;
  if (restore === null) {
    remove();
    return;
  }
  remove();
  db.exec(`INSERT INTO person_search(person_search) VALUES ('delete-all')`);
  withBigHash(db, () =>
    db.exec(`INSERT INTO person_search(rowid, terms) SELECT id, ${SEARCH_TERMS_FUNCTION}(name, service_no) FROM persons ORDER BY id`),
  );
  restore();
}

/**
 * For a redo that brings back many persons at once: runs `add`, which inserts them, with the
 * insert trigger set aside, then indexes the persons `where` selects (a condition on persons, with
 * `params`: an id range, say) as one set in id order. Same transaction rule as removingPersons.
 */
export function addingPersons(db: Database.Database, add: () => void, where: string, params: readonly unknown[]): void {
  const restore = setAsideTrigger(db, INSERT_TRIGGER);
  add();
  if (restore === null) return;
  withBigHash(db, () =>
    db
      .prepare(
        `INSERT INTO person_search(rowid, terms) SELECT id, ${SEARCH_TERMS_FUNCTION}(name, service_no) FROM persons WHERE ${where} ORDER BY id`,
      )
      .run(...params),
  );
  restore();
}

const SEARCH_TABLE = 'person_search';
/** The three triggers that name the search index: set aside while it is renamed. */
const SEARCH_TRIGGERS = [INSERT_TRIGGER, 'persons_search_update', DELETE_TRIGGER];
/** The search index's own tables, and those of one set aside (ledger/aside.ts): FTS5's shadow tables follow the index. */
const OWN_TABLES = /^person_search(_undone_\d+_\d+)?(_(data|idx|docsize|config|content))?$/;

/**
 * Whether renaming the search index touches nothing else: no object names it but its own
 * tables and its three triggers (set aside meanwhile). SQLite's RENAME points every trigger and
 * view that names a table at the new name — one a later migration adds would quietly follow the
 * index aside — so with any other, the index is made afresh instead.
 */
function renameIsSafe(db: Database.Database): boolean {
  const naming = db
    .prepare(
      `SELECT name FROM main.sqlite_schema WHERE sql LIKE '%person_search%'
       UNION ALL SELECT name FROM temp.sqlite_schema WHERE sql LIKE '%person_search%'`,
    )
    .pluck()
    .all() as string[];
  return naming.every((name) => OWN_TABLES.test(name) || SEARCH_TRIGGERS.includes(name));
}

/** What makes a search index, without its name ("USING fts5(…)"), or null when the SQL says otherwise. */
function definition(sql: string): string | null {
  const using = /\sUSING\s/i.exec(sql);
  return using ? sql.slice(using.index).trim() : null;
}

/**
 * For an undo that takes out every person there is (a fresh ledger's import taken back): runs
 * `remove` with the search triggers set aside, then keeps the whole search index — the index of
 * exactly the persons taken out — under the name `aside` (ledger/aside.ts) and makes an empty one
 * in its place. Its redo puts it back (restoringAllPersons) instead of indexing a million persons
 * again. Same transaction rule as removingPersons. Returns false, doing nothing, when the ledger
 * has no search index or renaming it is not safe (renameIsSafe): then take them out with
 * removingPersons.
 */
export function removingAllPersons(db: Database.Database, remove: () => void, aside: string): boolean {
  const sql = tableSql(db, SEARCH_TABLE);
  if (sql === null || !renameIsSafe(db)) return false;
  const restore = setAsideTriggers(db, SEARCH_TRIGGERS);
  remove();
  db.exec(`ALTER TABLE ${SEARCH_TABLE} RENAME TO "${aside}"`);
  db.exec(sql);
  restore();
  return true;
}

/**
 * For a redo that brings back persons first…last into a table holding none: when `aside` is the
 * search index an undo set aside for exactly those persons (made the same way, holding ids
 * first…last and no other), runs `add` with the search triggers set aside and puts that index
 * back in place of the empty one; the persons come back as they went, from the same store, so
 * their terms are those it holds. Returns false, doing nothing, when it does not fit or renaming
 * is not safe: then index them with addingPersons.
 */
export function restoringAllPersons(db: Database.Database, add: () => void, aside: { name: string; first: number; last: number }): boolean {
  const sql = tableSql(db, SEARCH_TABLE);
  const kept = tableSql(db, aside.name);
  const made = kept === null ? null : definition(kept);
  if (sql === null || made === null || made !== definition(sql) || !renameIsSafe(db)) return false;
  const held = db.prepare(`SELECT count(*) AS n, min(rowid) AS first, max(rowid) AS last FROM "${aside.name}"`).get() as {
    n: number;
    first: number | null;
    last: number | null;
  };
  if (held.n !== aside.last - aside.first + 1 || held.first !== aside.first || held.last !== aside.last) return false;
  const restore = setAsideTriggers(db, SEARCH_TRIGGERS);
  add();
  db.exec(`DROP TABLE ${SEARCH_TABLE}`);
  db.exec(`ALTER TABLE "${aside.name}" RENAME TO ${SEARCH_TABLE}`);
  restore();
  return true;
}

/** FTS5's default: the terms it gathers in memory before it writes them as a segment of the index. */
const DEFAULT_HASH_BYTES = 1_048_576;
const BULK_HASH_BYTES = 16 * DEFAULT_HASH_BYTES;

/**
 * Runs `index` (a million persons indexed at once) with room for 16 MiB of terms in memory
 * instead of 1 MiB: FTS5 writes a sixteenth as many segments and merges them less — a fifth of
 * the index's time. Back to the default after, in the same transaction.
 */
function withBigHash(db: Database.Database, index: () => void): void {
  db.exec(`INSERT INTO person_search(person_search, rank) VALUES ('hashsize', ${BULK_HASH_BYTES})`);
  try {
    index();
  } finally {
    db.exec(`INSERT INTO person_search(person_search, rank) VALUES ('hashsize', ${DEFAULT_HASH_BYTES})`);
  }
}
