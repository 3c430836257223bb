import { z } from 'zod';
import { jsonOrNull } from '../../sync/helpdesk-http.ts';
import { ZendeskErrorBody } from './zendesk-payloads.ts';

const FieldProblem = z.looseObject({ description: z.string().nullish(), error: z.string().nullish() });

/**
 * Zendesk's own words for a refusal, on one line: the details' descriptions when it gives them ("Status: closed
 * prevents ticket update"), else its description or error. `body` is the answer as text or already parsed; null
 * when it says nothing readable.
 */
export function errorTextOf(body: unknown): string | null {
  const parsed = ZendeskErrorBody.safeParse(typeof body === 'string' ? jsonOrNull(body) : body);
  if (!parsed.success) return null;
  const { error, description, details } = parsed.data;
  const problems = Object.entries(details ?? {}).flatMap(([field, list]) =>
    (Array.isArray(list) ? list : [list]).flatMap((item) => {
      const problem = FieldProblem.safeParse(item);
      const text = problem.success ? (problem.data.description ?? problem.data.error) : null;
      return text ? [text.startsWith(`${capitalized(field)}:`) || field === 'base' ? text : `${field}: ${text}`] : [];
    }),
  );
  const general = typeof error === 'object' && error !== null ? (error.message ?? error.title) : (description ?? error);
  const text = problems.length > 0 ? problems.join('; ') : general;
  return text ? text.replace(/\s+/g, ' ').trim() : null;
}

function capitalized(field: string): string {
  return field.charAt(0).toUpperCase() + field.slice(1);
}
