// XML text for spreadsheet parts. Cell text keeps every character the ledger holds: characters
// XML 1.0 cannot carry (control characters other than tab/LF, U+FFFE/U+FFFF) are written as
// OOXML's `_xHHHH_` escapes, a literal `_xHHHH_` in the data is protected as `_x005F_xHHHH_`,
// CR as a character reference (a parser would turn a raw CR into LF), lone surrogates as U+FFFD.

// eslint-disable-next-line no-control-regex -- the control characters XML 1.0 cannot carry are what this looks for
const NEEDS_WORK = /[&<>"\r_\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const SPECIAL =
  // eslint-disable-next-line no-control-regex -- the control characters XML 1.0 cannot carry are what this looks for
  /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

function replaceSpecial(ch: string): string {
  switch (ch) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    case '\r':
      return '&#13;';
    case '_':
      return '_x005F_';
    default: {
      if (ch.length === 2) return ch; // a valid surrogate pair: keep
      const code = ch.charCodeAt(0);
      if (code >= 0xd800 && code <= 0xdfff) return '\uFFFD';
      return `_x${hex4(code)}_`;
    }
  }
}

/** Text for an element's content or an attribute value (double-quoted). */
export function xmlText(text: string): string {
  return NEEDS_WORK.test(text) ? text.replace(SPECIAL, replaceSpecial) : text;
}

/** Escape for plain XML (names, attributes of parts that are not cell text): no _x escapes. */
export function xmlAttr(text: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters XML 1.0 cannot carry are what this looks for
  return text.replace(/[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : '',
  );
}

/** `<t>` with xml:space="preserve" when leading/trailing white space or line breaks must survive. */
export function tElement(text: string): string {
  const escaped = xmlText(text);
  const preserve = text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32 || text.indexOf('\n') >= 0 || text.indexOf('\t') >= 0;
  return preserve ? '<t xml:space="preserve">' + escaped + '</t>' : '<t>' + escaped + '</t>';
}

/** Decodes what xmlText wrote back to the original text (tests, and readers of our own files). */
export function decodeOoxmlEscapes(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
