// How wide a text prints, in "characters" of a spreadsheet column: Hangul, CJK and full-width
// forms take about two, everything else one. The widest line counts for text with line breaks.

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) || // Hangul Jamo initials
    (code >= 0x2e80 && code <= 0x303e) || // CJK radicals, punctuation
    (code >= 0x3041 && code <= 0x33ff) || // kana, compatibility Jamo, enclosed
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa960 && code <= 0xa97f) ||
    (code >= 0xac00 && code <= 0xd7a3) || // Hangul syllables
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) || // full-width forms
    (code >= 0xffe0 && code <= 0xffe6)
  );
}

export function displayWidth(text: string): number {
  let widest = 0;
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a) {
      if (width > widest) widest = width;
      width = 0;
    } else if (code < 0x1100) width += 1;
    else if (code >= 0xdc00 && code <= 0xdfff)
      width += 1; // second half of a pair: the pair counts 2
    else width += isWide(code) ? 2 : 1;
  }
  return width > widest ? width : widest;
}
