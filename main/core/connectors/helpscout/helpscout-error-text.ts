import { z } from 'zod';
import { jsonOrNull } from '../../sync/helpdesk-http.ts';

/** What Help Scout says when it refuses: OAuth's error_description, or a vnd.error message with the fields at fault. */
const HelpScoutErrorBody = z.looseObject({
  error_description: z.string().nullish(),
  message: z.string().nullish(),
  _embedded: z.looseObject({ errors: z.array(z.looseObject({ path: z.string().nullish(), message: z.string().nullish() })).nullish() }).nullish(),
});

/**
 * Help Scout's own words for a refusal, on one line: "Bad request: text: may not be empty". Null when the body says
 * nothing readable.
 */
export function errorTextOf(body: string): string | null {
  const parsed = HelpScoutErrorBody.safeParse(jsonOrNull(body));
  if (!parsed.success) return null;
  const { error_description: description, message, _embedded: embedded } = parsed.data;
  const fields = (embedded?.errors ?? []).flatMap((e) => (e.message ? [e.path ? `${e.path}: ${e.message}` : e.message] : []));
  const text = [description || message, ...fields].filter((part) => part != null && part !== '').join(': ');
  return text === '' ? null : text.replace(/\s+/g, ' ').trim();
}
