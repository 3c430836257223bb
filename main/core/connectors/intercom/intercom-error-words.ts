import { jsonOrNull } from '../../sync/helpdesk-http.ts';
import { IntercomErrorList } from './intercom-payloads.ts';

/**
 * What Intercom's error body says, in one line ("not_found: Resource Not Found"), or null when the body is not
 * Intercom's error list (a proxy's page, an empty body).
 */
export function intercomErrorWords(body: string): string | null {
  const errors = IntercomErrorList.safeParse(jsonOrNull(body));
  if (!errors.success) return null;
  return errors.data.errors
    .map((e) => `${e.code}${e.message ? `: ${e.message}` : ''}`)
    .join('; ')
    .replace(/\s+/g, ' ');
}
