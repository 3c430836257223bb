/** The ticket's helpdesk address if it is an http(s) URL; anything else (javascript:, file:) is not linked. */
export function helpdeskUrlOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
