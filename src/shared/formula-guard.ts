// One rule for every place our text reaches a spreadsheet — CSV and xlsx exports, the grids'
// clipboard (TSV and HTML): text whose first character makes Excel or LibreOffice read it as a
// formula (= + - @, a tab or a line break, or the full-width = + - @) is kept inert (OWASP "CSV
// injection"). As text, that is an apostrophe before it, which the spreadsheet takes as "this is
// text" and does not show; the xlsx writer marks such cells quote-prefixed instead.

/** The first character makes a spreadsheet read the text as a formula. */
export function looksLikeFormula(text: string): boolean {
  if (text.length === 0) return false;
  const c = text.charCodeAt(0);
  return (
    c === 0x3d ||
    c === 0x2b ||
    c === 0x2d ||
    c === 0x40 ||
    c === 0x09 ||
    c === 0x0d ||
    c === 0x0a ||
    c === 0xff1d ||
    c === 0xff0b ||
    c === 0xff0d ||
    c === 0xff20 // full-width = + - @
  );
}

/** The text as a spreadsheet must receive it: an apostrophe before anything formula-like. */
export function inertText(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** Back from inertText (a copy pasted into the grid again): the apostrophe goes. */
export function fromInertText(text: string): string {
  return text.startsWith("'") && looksLikeFormula(text.slice(1)) ? text.slice(1) : text;
}
