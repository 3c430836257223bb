/**
 * How many writes each write route received and applied, so a test can tell a write that arrived twice from one
 * applied twice ("exactly once" is one applied, however many arrived). Each vendor names its routes as its docs do,
 * e.g. "POST /conversations/{id}/reply".
 */

export interface WriteCounts {
  /** Every write request that reached the API, faulted or refused ones too. */
  received: Record<string, number>;
  /** Writes that changed something (a 2xx answer, or the connection dropped after applying it). */
  applied: Record<string, number>;
}

export function createWriteCounts(): WriteCounts {
  return { received: {}, applied: {} };
}

export function countWrite(counts: Record<string, number>, route: string): void {
  counts[route] = (counts[route] ?? 0) + 1;
}
