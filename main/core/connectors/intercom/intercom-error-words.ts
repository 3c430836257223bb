import { IntercomErrorList } from './intercom-payloads.ts';

/**
 * What Intercom's error body says, in one line ("not_found: Resource Not Found"), or null when the body is not
 * Intercom's error list (a proxy's page, an empty body).
 */
export function intercomErrorWords(body: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const errors = IntercomErrorList.safeParse(json);
  if (!errors.success) return null;
  return errors.data.errors
    .map((e) => `${e.code}${e.message ? `: ${e.message}` : ''}`)
    .join('; ')
    .replace(/\s+/g, ' ');
}
