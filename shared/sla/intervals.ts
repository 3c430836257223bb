// Half-open intervals [start, end) of epoch seconds, stored flat as [start0, end0, start1, end1, ...] because the
// business-time walk reads them in tight loops.

/** Sorts intervals and unions the overlapping or touching ones; empty ones vanish. Ends may be Infinity. */
export function unionOf(intervals: Iterable<readonly [number, number]>): number[] {
  const sorted = [...intervals].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [s, e] of sorted) {
    const last = out.length - 1;
    if (last > 0 && s <= (out[last] ?? 0)) out[last] = Math.max(out[last] ?? 0, e);
    else out.push(s, e);
  }
  return out;
}

/** The parts of flat intervals that lie within [from, to). */
export function clipTo(flat: readonly number[], from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const s = Math.max(flat[i] ?? 0, from);
    const e = Math.min(flat[i + 1] ?? 0, to);
    if (e > s) out.push(s, e);
  }
  return out;
}
