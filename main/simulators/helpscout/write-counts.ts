/**
 * How many writes each write route received and applied, so a test can tell a write that arrived twice from one
 * applied twice ("exactly once" is one applied, however many arrived). Routes are named as the docs name them, e.g.
 * "POST /v2/conversations/{id}/reply".
 */

export interface WriteCounts {
  /** Every write request that reached the API, faulted or refused ones too. */
  received: Record<string, number>;
  /** Writes that changed the conversation (a 2xx answer, or the connection dropped after applying it). */
  applied: Record<string, number>;
}

const WRITE_ROUTE = /^\/v2\/conversations\/\d{1,15}(\/reply|\/notes|\/tags)?$/;

/** The documented name of a conversation write route, or null for anything else (reads, the token endpoint). */
export function writeRouteOf(method: string, pathname: string): string | null {
  if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH' && method !== 'DELETE') return null;
  const match = WRITE_ROUTE.exec(pathname);
  return match ? `${method} /v2/conversations/{id}${match[1] ?? ''}` : null;
}

export function createWriteCounts(): WriteCounts {
  return { received: {}, applied: {} };
}

export function countWrite(counts: Record<string, number>, route: string): void {
  counts[route] = (counts[route] ?? 0) + 1;
}
