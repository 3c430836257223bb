/** The Intercom write routes the simulator counts, named as the 2.16 reference names them. */

const CONVERSATION_WRITE = /^\/conversations\/\d{1,20}(\/reply|\/parts|\/tags|\/tags\/\d{1,20})?$/;

/** "POST /conversations/{id}/reply", "DELETE /conversations/{id}/tags/{tag_id}", "POST /tags"...; null for reads (the search is a POST read). */
export function writeRouteOf(method: string, pathname: string): string | null {
  if (method !== 'POST' && method !== 'PUT' && method !== 'DELETE') return null;
  if (pathname === '/tags' && method === 'POST') return 'POST /tags';
  const match = CONVERSATION_WRITE.exec(pathname);
  if (!match) return null;
  const tail = match[1] ?? '';
  return `${method} /conversations/{id}${tail.startsWith('/tags/') ? '/tags/{tag_id}' : tail}`;
}
