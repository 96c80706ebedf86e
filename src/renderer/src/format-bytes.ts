/** A file size as a clerk reads it: 820 KB, 12.4 MB. */
export function formatBytes(bytes: number, language: string): string {
  const format = new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en', { maximumFractionDigits: 1 });
  if (bytes < 1024 * 1024) return `${format.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${format.format(bytes / 1024 / 1024)} MB`;
}
