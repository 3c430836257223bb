import { z } from 'zod';
import { Macro } from '../../../../shared/macros/macro.ts';
import type { MacroPlaceholder } from '../../../../shared/macros/macro-template.ts';
import { describeZodError } from '../../../../shared/validation/describe-zod-error.ts';
import { mapConcurrent } from '../map-concurrent.ts';
import { translatePlaceholders } from '../macro-placeholders.ts';
import { htmlToText } from '../message-text.ts';

// The workspace's saved replies (Intercom 2.16 `GET /macros`) as read-only macros of the app: a reply body and no
// field changes (Intercom's macros carry none through the API), with Intercom's placeholders made ours where there
// is an equivalent.

const MACROS_PAGE_SIZE = 150;
/** Macros whose body the list left out, fetched one by one this many at once. */
const FETCH_CONCURRENCY = 4;
const TITLE_MAX = 120;

export const IntercomMacro = z.object({
  id: z.union([z.string().min(1), z.number().int()]).transform(String),
  name: z.string(),
  body: z.string().nullable().optional(),
  body_text: z.string().nullable().optional(),
  available_on: z.array(z.string()).optional(),
});
export type IntercomMacro = z.infer<typeof IntercomMacro>;

const IntercomMacroList = z.object({
  data: z.array(z.unknown()),
  pages: z.object({ next: z.object({ starting_after: z.string().min(1) }).nullable().optional() }).nullable().optional(),
});

const PLACEHOLDERS: Readonly<Record<string, MacroPlaceholder>> = {
  first_name: 'requester.first_name',
  'user.first_name': 'requester.first_name',
  name: 'requester.name',
  'user.name': 'requester.name',
  email: 'requester.email',
  'user.email': 'requester.email',
  'company.name': 'customer.organization',
  'company.plan': 'customer.plan',
  'teammate.first_name': 'agent.first_name',
  'teammate.name': 'agent.name',
  'teammate.email': 'agent.email',
};

/**
 * Intercom's `{{user.first_name|fallback:"there"}}` as `{{requester.first_name}}`: ours have no fallback, so a ticket
 * without the value shows the error in the preview instead of the fallback's word.
 */
function ourPlaceholder(inside: string): MacroPlaceholder | null {
  const match = /^([\w.]+)\s*(?:\|\s*fallback\s*:\s*(?:"[^"]*"|'[^']*'))?$/.exec(inside);
  return match ? (PLACEHOLDERS[match[1]!] ?? null) : null;
}

/** The HTML body's `<attribute key="user.name" default="there"/>` back as the placeholder it stands for. */
function attributesAsPlaceholders(html: string): string {
  return html.replace(/<attribute\b([^>]*?)\/?>(?:\s*<\/attribute>)?/gi, (whole, attributes: string) => {
    const key = /\bkey="([^"]*)"/.exec(attributes)?.[1];
    return key === undefined ? whole : `{{${key}}}`;
  });
}

/** The macro's text: its plain text (placeholders as Intercom writes them), else its HTML as text. */
function bodyOf(macro: IntercomMacro): string | null {
  if (macro.body_text != null && macro.body_text.trim() !== '') return macro.body_text;
  if (macro.body != null && macro.body.trim() !== '') return htmlToText(attributesAsPlaceholders(macro.body));
  return null;
}

/** One Intercom macro as the app's, or null when it has no text here (or is only for the Messenger). */
export function mapIntercomMacro(macro: IntercomMacro, accountId: string): Macro | null {
  if (macro.available_on && !macro.available_on.includes('inbox')) return null;
  const body = bodyOf(macro);
  if (body === null) return null;
  const title = macro.name.trim() || `Intercom macro ${macro.id}`;
  const parsed = Macro.safeParse({
    id: `intercom:${accountId}:${macro.id}`,
    title: title.length <= TITLE_MAX ? title : `${title.slice(0, TITLE_MAX - 1).trimEnd()}…`,
    body: translatePlaceholders(body, ourPlaceholder).trim(),
    actions: [],
    after: 'stay',
    source: 'intercom',
    accountId,
  });
  return parsed.success ? parsed.data : null;
}

/**
 * Every macro of the workspace, newest first, page by page (`starting_after`). A long list may leave bodies out:
 * those are read one by one. `request` answers null where the version has no macros (before 2.16).
 */
export async function readIntercomMacros(options: { accountId: string; request: (path: string) => Promise<unknown> }): Promise<Macro[]> {
  const listed: IntercomMacro[] = [];
  let startingAfter: string | null = null;
  for (;;) {
    const cursor: string = startingAfter === null ? '' : `&starting_after=${encodeURIComponent(startingAfter)}`;
    const body = await options.request(`/macros?per_page=${MACROS_PAGE_SIZE}${cursor}`);
    if (body === null) return [];
    const page = IntercomMacroList.safeParse(body);
    if (!page.success) throw new Error(`account "${options.accountId}": unexpected Intercom macro list: ${describeZodError(page.error)}`);
    for (const raw of page.data.data) {
      // A macro the schema does not know is left out, as one Intercom's API cannot describe to us.
      const macro = IntercomMacro.safeParse(raw);
      if (macro.success) listed.push(macro.data);
    }
    const next = page.data.pages?.next?.starting_after ?? null;
    if (next === null || next === startingAfter) break;
    startingAfter = next;
  }
  const complete = await mapConcurrent(listed, FETCH_CONCURRENCY, async (macro) => {
    if (bodyOf(macro) !== null) return macro;
    const one = IntercomMacro.safeParse(await options.request(`/macros/${encodeURIComponent(macro.id)}`));
    return one.success ? one.data : macro;
  });
  return complete.flatMap((macro) => mapIntercomMacro(macro, options.accountId) ?? []);
}
