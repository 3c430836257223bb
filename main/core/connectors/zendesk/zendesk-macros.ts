import { z } from 'zod';
import { Macro, type MacroAction } from '../../../../shared/macros/macro.ts';
import type { MacroPlaceholder } from '../../../../shared/macros/macro-template.ts';
import { TicketStatus } from '../../../../shared/domain/ticket.ts';
import { describeZodError } from '../../../../shared/validation/describe-zod-error.ts';
import { HelpdeskHttpError } from '../../sync/helpdesk-http.ts';
import { htmlToText } from '../message-text.ts';
import { translatePlaceholders } from '../macro-placeholders.ts';
import { severityOfPriority } from './zendesk-mapping.ts';

// The team's shared Zendesk macros (`GET /api/v2/macros/active.json`) as read-only macros of the app: the comment
// becomes the reply (or the note, when the macro's comment is private), the field changes the app knows become its
// actions, and Zendesk's Liquid placeholders become ours where there is an equivalent.

const MACROS_PAGE_SIZE = 100;
const TITLE_MAX = 120;

const ZendeskMacroAction = z.object({
  field: z.string(),
  value: z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number()]))]),
});
type ZendeskMacroAction = z.infer<typeof ZendeskMacroAction>;

export const ZendeskMacro = z.object({
  id: z.number().int(),
  title: z.string(),
  actions: z.array(ZendeskMacroAction),
});
export type ZendeskMacro = z.infer<typeof ZendeskMacro>;

const ZendeskMacrosPage = z.object({
  macros: z.array(z.unknown()),
  next_page: z.string().nullable().optional(),
});

const PLACEHOLDERS: Readonly<Record<string, MacroPlaceholder>> = {
  'ticket.requester.first_name': 'requester.first_name',
  'ticket.requester.name': 'requester.name',
  'ticket.requester.email': 'requester.email',
  'ticket.organization.name': 'customer.organization',
  'ticket.id': 'ticket.id',
  'ticket.title': 'ticket.subject',
  'ticket.status': 'ticket.status',
  'ticket.link': 'ticket.url',
  'current_user.first_name': 'agent.first_name',
  'current_user.name': 'agent.name',
  'current_user.email': 'agent.email',
};

/** Zendesk's placeholders as ours; a Liquid tag ({% if %}) is made a placeholder the preview refuses, never sent as text. */
export function translateZendeskTemplate(text: string): string {
  const tagged = text.replace(/\{%([\s\S]*?)%\}/g, '{{%$1%}}');
  return translatePlaceholders(tagged, (inside) => PLACEHOLDERS[inside] ?? null);
}

/** A value Zendesk gives as a string, a list, a number or a boolean, as its words. */
function wordsOf(value: ZendeskMacroAction['value']): string[] {
  if (value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => String(item).split(/\s+/)).filter((word) => word !== '');
}

/** A comment action's text: a string, or `[channel, text]` as the API also writes it. */
function commentText(value: ZendeskMacroAction['value']): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const text = value.at(-1);
    return typeof text === 'string' ? text : null;
  }
  return null;
}

/**
 * One Zendesk macro as the app's, or null when nothing of it can be applied here. Actions the app cannot apply
 * (ticket type, group, custom fields, a named assignee...) are named in the title, so that the engineer knows the
 * macro does less here than in Zendesk.
 */
export function mapZendeskMacro(macro: ZendeskMacro, accountId: string): Macro | null {
  let comment: string | null = null;
  let isPublic = true;
  const actions: MacroAction[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  const notImported: string[] = [];
  for (const action of macro.actions) {
    const value = typeof action.value === 'string' ? action.value : null;
    switch (action.field) {
      case 'comment_value':
        comment ??= commentText(action.value);
        continue;
      case 'comment_value_html': {
        // The HTML is what Zendesk's agent workspace applies when a macro has both.
        const html = commentText(action.value);
        if (html !== null) comment = htmlToText(html);
        continue;
      }
      case 'comment_mode_is_public':
        isPublic = String(action.value) !== 'false';
        continue;
      case 'status': {
        const status = TicketStatus.safeParse(value);
        if (status.success) actions.push({ field: 'status', value: status.data });
        else notImported.push(action.field);
        continue;
      }
      case 'priority': {
        const severity = value === null ? null : severityOfPriority(value);
        if (severity) actions.push({ field: 'severity', value: severity });
        else notImported.push(action.field);
        continue;
      }
      case 'assignee_id':
        if (value === 'current_user') actions.push({ field: 'assignee', value: 'me' });
        else if (value === '' || action.value === null) actions.push({ field: 'assignee', value: 'nobody' });
        else notImported.push(action.field);
        continue;
      // `set_tags` replaces the ticket's tags in Zendesk; here it adds them, and leaves the others.
      case 'current_tags':
      case 'set_tags':
        added.push(...wordsOf(action.value));
        continue;
      case 'remove_tags':
        removed.push(...wordsOf(action.value));
        continue;
      default:
        notImported.push(action.field);
    }
  }
  if (added.length > 0) actions.push({ field: 'tags', op: 'add', values: [...new Set(added)] });
  if (removed.length > 0) actions.push({ field: 'tags', op: 'remove', values: [...new Set(removed)] });
  const text = comment === null ? '' : translateZendeskTemplate(comment).trim();
  if (text !== '' && !isPublic) actions.push({ field: 'note', body: text });
  const body = isPublic ? text : '';
  if (body === '' && actions.length === 0) return null;
  const parsed = Macro.safeParse({
    id: `zendesk:${accountId}:${macro.id}`,
    title: titleOf(macro, [...new Set(notImported)]),
    body,
    actions,
    after: 'stay',
    source: 'zendesk',
    accountId,
  });
  return parsed.success ? parsed.data : null;
}

function titleOf(macro: ZendeskMacro, notImported: string[]): string {
  const title = macro.title.trim() || `Zendesk macro ${macro.id}`;
  const suffix = notImported.length === 0 ? '' : ` (not imported: ${notImported.join(', ')})`;
  const full = `${title}${suffix}`;
  return full.length <= TITLE_MAX ? full : `${full.slice(0, TITLE_MAX - 1).trimEnd()}…`;
}

/**
 * Every active macro the signed-in user may use, page by page (`next_page`, followed only on the same API). A user
 * who may not list macros (403) or a helpdesk without them (404) has none.
 */
export async function readZendeskMacros(options: { accountId: string; apiBase: string; get: (path: string) => Promise<unknown> }): Promise<Macro[]> {
  const macros: Macro[] = [];
  let path: string | null = `/macros/active.json?per_page=${MACROS_PAGE_SIZE}`;
  while (path !== null) {
    let body: unknown;
    try {
      body = await options.get(path);
    } catch (error) {
      if (error instanceof HelpdeskHttpError && (error.status === 403 || error.status === 404)) return [];
      throw error;
    }
    const page = ZendeskMacrosPage.safeParse(body);
    if (!page.success) throw new Error(`account "${options.accountId}": unexpected Zendesk macros page: ${describeZodError(page.error)}`);
    for (const raw of page.data.macros) {
      // A macro the schema does not know is left out, as one Zendesk's API cannot describe to us.
      const macro = ZendeskMacro.safeParse(raw);
      const mapped = macro.success ? mapZendeskMacro(macro.data, options.accountId) : null;
      if (mapped) macros.push(mapped);
    }
    const next = page.data.next_page ?? null;
    if (next !== null && !next.startsWith(`${options.apiBase}/`)) {
      throw new Error(`account "${options.accountId}": Zendesk's next macros page ${next} is not on ${options.apiBase}`);
    }
    path = next === null ? null : next.slice(options.apiBase.length);
  }
  return macros;
}
