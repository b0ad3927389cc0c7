export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summary(samples: number[]): { median: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? NaN };
}

/** One line of the report: measured value against its target (an upper bound, or a lower one such as an interval). */
export function line(label: string, value: number, unit: string, target?: { max: number } | { min: number }): string {
  const shown = value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(3);
  let verdict = '';
  if (target && 'max' in target) verdict = `  (target < ${target.max} ${unit}: ${value <= target.max ? 'met' : 'MISSED'})`;
  if (target && 'min' in target) verdict = `  (target >= ${target.min} ${unit}: ${value >= target.min ? 'met' : 'MISSED'})`;
  return `${label.padEnd(58)} ${shown.padStart(10)} ${unit}${verdict}`;
}
