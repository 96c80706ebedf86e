// Benchmark reporting shared by every `npm run bench:*`: a readable table, then one JSON line
// {"bench": NAME, "results": [...]} where our figures' keys start with ours_ and the raw
// library's with baseline_, units in the key (ours_median_ms, ours_check_us, ours_rows_per_s, ratio, …).

import { readFileSync } from 'node:fs';

export type BenchRow = Record<string, string | number | null>;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Peak resident memory of this process so far, in MB (Linux: VmHWM; else current RSS). */
export function peakRssMb(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(status);
    if (match) return Math.round(Number(match[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}

/** A measurement (its key names a unit: _ms, _mb, _per_s, ratio) rather than a count of things. */
const isMeasurement = (column: string) => /(_ms|_us|_mb|_per_s|ratio|share)/.test(column);

function format(value: string | number | null, column: string): string {
  if (value === null) return '—';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    // Measurements below 100 with two decimals; counts, and anything from 100 on, whole.
    const whole = Math.abs(value) >= 100 || (!isMeasurement(column) && Number.isInteger(value));
    return whole ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
  }
  return value;
}

/** Prints the table and, last, the JSON line. */
export function report(bench: string, rows: readonly BenchRow[], note?: string): void {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = rows.map((r) => columns.map((c) => format(r[c] ?? null, c)));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  console.log(`\n${bench}${note ? ` — ${note}` : ''}`);
  console.log(line(columns));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells) console.log(line(row));
  console.log(JSON.stringify({ bench, results: rows }));
}
