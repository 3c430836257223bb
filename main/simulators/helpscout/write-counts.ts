export { countWrite, createWriteCounts, type WriteCounts } from '../common/write-counts.ts';

const WRITE_ROUTE = /^\/v2\/conversations\/\d{1,15}(\/reply|\/notes|\/tags)?$/;

/** The documented name of a conversation write route ("POST /v2/conversations/{id}/reply"), or null for anything else (reads, the token endpoint). */
export function writeRouteOf(method: string, pathname: string): string | null {
  if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH' && method !== 'DELETE') return null;
  const match = WRITE_ROUTE.exec(pathname);
  return match ? `${method} /v2/conversations/{id}${match[1] ?? ''}` : null;
}
