// File names that every office PC accepts (Windows, FAT/exFAT USB sticks, Linux): no path
// separators or reserved characters, no control characters, no trailing dots or spaces, no
// device names (CON, NUL, COM1 …), at most 180 UTF-8 bytes before the extension.

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const MAX_BYTES = 180;

export function safeFileName(base: string, extension: string): string {
  let name = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters cannot be in a file name on Windows: they are replaced
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (name === '') name = '_';
  if (RESERVED.test(name.split('.')[0] ?? '')) name = `_${name}`;
  // Cut at a character boundary so the name stays valid UTF-8 and readable.
  let bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_BYTES) {
    const chars = Array.from(name);
    while (bytes > MAX_BYTES) bytes -= Buffer.byteLength(chars.pop()!, 'utf8');
    name = chars.join('').replace(/[.\s]+$/, '');
  }
  return `${name}.${extension}`;
}
