// A small streaming XML tokenizer for spreadsheet parts. It works on bytes: text is decoded only
// once a whole text run (from '>' to the next '<') is in hand, so a UTF-8 character that straddles
// two inflated chunks is never split — the exceljs streaming bug (U+FFFD in Hangul) cannot
// happen. A DOCTYPE (and with it any entity definition) is refused; unknown entities stay as they
// are written. Namespace prefixes are dropped (`x:row` → `row`). Tag names are interned and
// attributes decoded only on demand, so the hot path of a sheet allocates almost nothing; a
// handler may read the usual shapes of its elements straight from the bytes (XmlHandler.open).
import { SpreadsheetError } from '../errors';

/** The current tag's attributes: raw bytes (buf[start, end)) and a lazily decoded string. */
export interface XmlAttrs {
  readonly buf: Buffer;
  readonly start: number;
  readonly end: number;
  text(): string;
}

export interface XmlHandler {
  /** Text between tags is decoded and passed to text() only while this is true. */
  wantText: boolean;
  /** While true (and wantText), text runs come as bytes to rawText() instead (no decoding). */
  wantRaw?: boolean;
  /**
   * May return where the tokenizer goes on in attrs.buf: the handler recognized the element's
   * content (and its end) there and consumed it itself, making the very calls the tokenizer would
   * have made for it. Nothing else may be skipped.
   */
  open(name: string, attrs: XmlAttrs, selfClosing: boolean): number | void;
  close(name: string): void;
  text(text: string): void;
  /** buf[start, end) is a whole text run, entities not decoded. */
  rawText?(buf: Buffer, start: number, end: number): void;
}

/** One-letter tag names, by byte, without allocating. */
const ONE_LETTER: string[] = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const COLON = 0x3a;

/** Elements whose attribute values never hold '>' (the sheet's hot path skips the quote scan). */
const PLAIN_TAGS = new Set([
  'c',
  'v',
  'f',
  'is',
  't',
  'r',
  'row',
  'rPh',
  'rPr',
  'si',
  'col',
  'b',
  'i',
  'sz',
  'color',
  'rFont',
  'family',
  'scheme',
  'u',
  'vertAlign',
  'strike',
]);
/** The one-letter names among them, by character code (no set look-up on the hottest tags). */
const PLAIN_LETTERS = new Uint8Array(128);
for (const name of PLAIN_TAGS) if (name.length === 1) PLAIN_LETTERS[name.charCodeAt(0)] = 1;

/** A pending token shorter than this is finished with a copy of this many bytes of the next chunk. */
const BRIDGE_BYTES = 4096;

/**
 * The first `byte` in buf[from, to), or -1. Tags and the text between them are mostly a few bytes
 * long: a plain loop finds the next one sooner than a native call; longer runs go to indexOf.
 */
function find(buf: Buffer, byte: number, from: number, to: number): number {
  const near = Math.min(to, from + 64);
  for (let i = from; i < near; i++) if (buf[i] === byte) return i;
  if (near === to) return -1;
  const at = buf.indexOf(byte, near);
  return at < to ? at : -1;
}

const ENTITY_RE = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;

function entity(match: string, body: string): string {
  switch (body) {
    case 'amp':
      return '&';
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
    default: {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : match;
    }
  }
}

/** Decodes the five XML entities and numeric character references. */
export function decodeEntities(text: string): string {
  return text.indexOf('&') < 0 ? text : text.replace(ENTITY_RE, entity);
}

/** The value of attribute `name` in a raw attribute string, entities decoded; null if absent. */
export function attr(attrs: string, name: string): string | null {
  let from = 0;
  for (;;) {
    const at = attrs.indexOf(name, from);
    if (at < 0) return null;
    const before = at === 0 ? ' ' : attrs[at - 1]!;
    let p = at + name.length;
    while (attrs[p] === ' ' || attrs[p] === '\t' || attrs[p] === '\n' || attrs[p] === '\r') p++;
    if ((before === ' ' || before === '\t' || before === '\n' || before === '\r' || before === ':') && attrs[p] === '=') {
      p++;
      while (attrs[p] === ' ' || attrs[p] === '\t' || attrs[p] === '\n' || attrs[p] === '\r') p++;
      const quote = attrs[p];
      if (quote === '"' || quote === "'") {
        const end = attrs.indexOf(quote, p + 1);
        if (end < 0) return null;
        return decodeEntities(attrs.slice(p + 1, end));
      }
    }
    from = at + name.length;
  }
}

function isSpace(b: number | undefined): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/**
 * attr() over the raw bytes buf[from, to) of a tag read as latin1 — the same search with the same
 * answer, without making a string of the whole tag: where the value of `name` starts (its quote is
 * the byte before it; entities not decoded), or -1 if absent.
 */
export function attrStart(buf: Buffer, from: number, to: number, name: string): number {
  let at = from;
  for (;;) {
    // The next occurrence of name.
    for (; at + name.length <= to; at++) {
      let k = 0;
      while (k < name.length && buf[at + k] === name.charCodeAt(k)) k++;
      if (k === name.length) break;
    }
    if (at + name.length > to) return -1;
    const before = at === from ? 0x20 : buf[at - 1];
    let p = at + name.length;
    while (p < to && isSpace(buf[p])) p++;
    if ((isSpace(before) || before === COLON) && p < to && buf[p] === 0x3d /* = */) {
      p++;
      while (p < to && isSpace(buf[p])) p++;
      const quote = p < to ? buf[p] : undefined;
      if (quote === DQUOTE || quote === SQUOTE) {
        for (let e = p + 1; e < to; e++) if (buf[e] === quote) return p + 1;
        return -1;
      }
    }
    at += name.length;
  }
}

/** The value whose start attrStart found, entities decoded. */
export function attrValue(buf: Buffer, start: number, to: number): string {
  let end = start;
  while (end < to && buf[end] !== buf[start - 1]) end++;
  return decodeEntities(buf.toString('latin1', start, end));
}

export interface TokenizerOptions {
  /** Attributes as latin1 (fast; for parts whose attributes are ASCII). */
  latin1Tags?: boolean;
  /** The largest run of bytes without a complete tag or text that is kept waiting. */
  maxPendingBytes?: number;
  part?: string;
}

export class XmlTokenizer implements XmlAttrs {
  private pending: Buffer | null = null;
  private readonly latin1: boolean;
  private readonly maxPending: number;
  private readonly part: string;
  private readonly names = new Map<number, string[]>();
  /** Bytes handed to push() so far. */
  bytes = 0;
  buf: Buffer = Buffer.alloc(0);
  start = 0;
  end = 0;

  constructor(
    private readonly handler: XmlHandler,
    options: TokenizerOptions = {},
  ) {
    this.latin1 = options.latin1Tags ?? false;
    this.maxPending = options.maxPendingBytes ?? 64 * 1024 * 1024;
    this.part = options.part ?? 'xml';
  }

  text(): string {
    return this.start < this.end ? this.buf.toString(this.latin1 ? 'latin1' : 'utf8', this.start, this.end) : '';
  }

  private malformed(reason: string): SpreadsheetError {
    return new SpreadsheetError('xml_malformed', `${this.part}: ${reason}`, { part: this.part, reason });
  }

  /** The tag name in buf[from, to) without its prefix, as one shared string per name. */
  private name(buf: Buffer, from: number, to: number): string {
    if (to - from === 1 && buf[from]! < 128) return ONE_LETTER[buf[from]!]!;
    for (let i = from; i < to; i++) {
      if (buf[i] === COLON) {
        from = i + 1;
        break;
      }
    }
    let hash = to - from;
    for (let i = from; i < to; i++) hash = (hash * 31 + buf[i]!) | 0;
    const list = this.names.get(hash);
    if (list) {
      for (const candidate of list) {
        if (candidate.length !== to - from) continue;
        let same = true;
        for (let k = 0; k < candidate.length; k++) {
          if (candidate.charCodeAt(k) !== buf[from + k]) {
            same = false;
            break;
          }
        }
        if (same) return candidate;
      }
    }
    const name = buf.toString('latin1', from, to);
    if (this.names.size < 4096) {
      if (list) list.push(name);
      else this.names.set(hash, [name]);
    }
    return name;
  }

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    let from = 0;
    if (this.pending !== null) {
      from = this.bridge(chunk);
      if (from < 0) return;
    }
    const left = this.scan(chunk, from);
    if (left >= 0) this.keep(chunk, left);
  }

  /**
   * The last chunk ended inside a token (pending): finish it with the first bytes of this chunk,
   * copying only a few KB instead of the whole chunk, and say where scanning goes on in the chunk
   * (-1: all of it is pending now). The bridge is scanned only if it completes the cut token, so
   * nothing is handed to the handler twice; a large pending (a long text run) is joined with the
   * whole chunk, as before.
   */
  private bridge(chunk: Buffer): number {
    const pending = this.pending!;
    this.pending = null;
    let take = pending.length > BRIDGE_BYTES ? chunk.length : Math.min(chunk.length, BRIDGE_BYTES);
    for (;;) {
      const joined = Buffer.concat([pending, chunk.subarray(0, take)]);
      const left = this.scan(joined, 0);
      // The cut token was finished: every later token starts in the chunk.
      if (left < 0) return take;
      if (left >= pending.length) return left - pending.length;
      // Still unfinished (so nothing was handed on): with the whole chunk, or kept for the next.
      if (take === chunk.length) {
        this.keep(joined, left);
        return -1;
      }
      take = chunk.length;
    }
  }

  /**
   * Hands the tokens of buf[pos…] to the handler; returns where an unfinished token (or text run
   * still wanted) starts, to be kept for the next chunk, or -1.
   */
  private scan(buf: Buffer, pos: number): number {
    this.buf = buf;
    const handler = this.handler;
    const len = buf.length;
    for (;;) {
      const lt = find(buf, LT, pos, len);
      if (lt < 0) return handler.wantText && pos < len ? pos : -1;
      if (lt > pos && handler.wantText) {
        if (handler.wantRaw) handler.rawText!(buf, pos, lt);
        else {
          const raw = buf.toString('utf8', pos, lt);
          handler.text(raw.indexOf('&') < 0 ? raw : decodeEntities(raw));
        }
      }
      if (lt + 1 >= len) return lt;
      const kind = buf[lt + 1];
      if (kind === BANG) {
        // <!-- comment -->, <![CDATA[ … ]]>, <!DOCTYPE …> (refused)
        if (lt + 9 > len) return lt;
        if (buf[lt + 2] === 0x2d && buf[lt + 3] === 0x2d) {
          const end = buf.indexOf('-->', lt + 4, 'latin1');
          if (end < 0) return lt;
          pos = end + 3;
          continue;
        }
        if (buf.toString('latin1', lt + 2, lt + 9) === '[CDATA[') {
          const end = buf.indexOf(']]>', lt + 9, 'latin1');
          if (end < 0) return lt;
          if (handler.wantText) handler.text(buf.toString('utf8', lt + 9, end));
          pos = end + 3;
          continue;
        }
        const word = buf.toString('latin1', lt + 2, Math.min(len, lt + 10)).toUpperCase();
        if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY') || word.startsWith('ELEMENT') || word.startsWith('ATTLIST')) {
          throw new SpreadsheetError('xml_dtd', `${this.part}: a DTD or entity declaration`, { part: this.part });
        }
        throw this.malformed('unexpected <!');
      }
      if (kind === QUESTION) {
        const end = buf.indexOf('?>', lt + 2, 'latin1');
        if (end < 0) return lt;
        pos = end + 2;
        continue;
      }
      const closing = kind === SLASH;
      // The name: up to whitespace, '/' or '>'.
      let n = closing ? lt + 2 : lt + 1;
      const nameStart = n;
      while (n < len) {
        const b = buf[n]!;
        if (b <= 0x20 || b === SLASH || b === GT) break;
        n++;
      }
      if (n >= len) return lt;
      const name = this.name(buf, nameStart, n);
      // The end of the tag: the first '>', or (for tags whose attributes may hold '>') the first
      // '>' outside quotes.
      let gt = find(buf, GT, n, len);
      if (gt >= 0 && !(name.length === 1 ? PLAIN_LETTERS[name.charCodeAt(0)] === 1 : PLAIN_TAGS.has(name))) {
        let quote = 0;
        for (let i = n; ; i++) {
          if (i === gt) {
            if (quote === 0) break;
            gt = buf.indexOf(GT, gt + 1);
            if (gt < 0) break;
          }
          const b = buf[i];
          if (quote === 0) {
            if (b === DQUOTE || b === SQUOTE) quote = b;
          } else if (b === quote) quote = 0;
        }
      }
      if (gt < 0) return lt;
      if (closing) {
        handler.close(name);
      } else {
        if (name === '') throw this.malformed('a tag without a name');
        const selfClosing = buf[gt - 1] === SLASH;
        this.start = n;
        this.end = selfClosing ? gt - 1 : gt;
        const consumed = handler.open(name, this, selfClosing);
        if (selfClosing) handler.close(name);
        else if (consumed !== undefined) {
          pos = consumed;
          if (pos >= len) return -1;
          continue;
        }
      }
      pos = gt + 1;
      if (pos >= len) return -1;
    }
  }

  private keep(buf: Buffer, from: number): void {
    if (buf.length - from > this.maxPending) {
      throw new SpreadsheetError('value_too_long', `${this.part}: a text or tag longer than ${this.maxPending} bytes`, {
        part: this.part,
        bytes: buf.length - from,
      });
    }
    // Copy, so the (large) chunk it came from can be freed.
    this.pending = Buffer.from(buf.subarray(from));
  }

  /** Call at the end: anything left over is an unfinished tag. */
  finish(): void {
    if (this.pending !== null && this.pending.indexOf(LT) >= 0) throw this.malformed('the part ends inside a tag');
    this.pending = null;
  }
}
