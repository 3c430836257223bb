/**
 * GET /macros and GET /macros/{id} (Intercom-Version 2.16 and later): the workspace's saved replies, shaped like the
 * 2.16 spec's `macro` and `macro_list`. Newest `updated_at` first; `starting_after` is the Base64 JSON
 * `[updated_at, id]` of the previous page's last macro; `body` is HTML with placeholders as
 * `<attribute key=".." default=".."/>`, `body_text` keeps them as written (`{{user.first_name|fallback:"there"}}`).
 */

import { atLeast216 } from './http.ts';
import { RequestError } from './store.ts';

interface MacroSeed {
  id: string;
  name: string;
  body: string;
  bodyText: string;
  createdAt: string;
  updatedAt: string;
  availableOn: ('inbox' | 'messenger')[];
}

const MACROS: readonly MacroSeed[] = [
  {
    id: '9001',
    name: 'Ask for the request ID',
    body: '<p>Hi <attribute key="user.first_name" default="there"/>,</p><p>Could you send us the X-Request-Id header of one failing call?</p><p><attribute key="teammate.name"/></p>',
    bodyText: 'Hi {{user.first_name|fallback:"there"}},\n\nCould you send us the X-Request-Id header of one failing call?\n\n{{teammate.name}}',
    createdAt: '2025-07-17T11:18:08.000Z',
    updatedAt: '2025-07-21T15:30:24.000Z',
    availableOn: ['inbox', 'messenger'],
  },
  {
    id: '9002',
    name: 'Plan limits',
    body: '<p>Your plan at <attribute key="company.name" default="your company"/> allows 600 requests a minute.</p>',
    bodyText: 'Your plan at {{company.name|fallback:"your company"}} allows 600 requests a minute.',
    createdAt: '2025-07-18T09:00:00.000Z',
    updatedAt: '2025-07-20T10:00:00.000Z',
    availableOn: ['inbox'],
  },
  {
    id: '9003',
    name: 'Refund for an order',
    body: '<p>The refund for order #<attribute key="conversation.custom_attributes.order_number"/> is on its way.</p>',
    bodyText: 'The refund for order #{{conversation.custom_attributes.order_number}} is on its way.',
    createdAt: '2025-07-19T08:00:00.000Z',
    updatedAt: '2025-07-19T08:00:00.000Z',
    availableOn: ['inbox'],
  },
  {
    id: '9004',
    name: 'Messenger greeting',
    body: '<p>Hello! How can we help?</p>',
    bodyText: 'Hello! How can we help?',
    createdAt: '2025-07-01T08:00:00.000Z',
    updatedAt: '2025-07-02T08:00:00.000Z',
    availableOn: ['messenger'],
  },
];

const MAX_PER_PAGE = 150;

function serializeMacro(macro: MacroSeed): Record<string, unknown> {
  return {
    type: 'macro',
    id: macro.id,
    name: macro.name,
    body: macro.body,
    body_text: macro.bodyText,
    created_at: macro.createdAt,
    updated_at: macro.updatedAt,
    visible_to: 'everyone',
    visible_to_team_ids: [],
    available_on: macro.availableOn,
  };
}

const newestFirst = (a: MacroSeed, b: MacroSeed): number => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || Number(b.id) - Number(a.id);
const cursorOf = (macro: MacroSeed): string => Buffer.from(JSON.stringify([Date.parse(macro.updatedAt) / 1000, macro.id])).toString('base64');

function notInVersion(version: string): RequestError | null {
  return atLeast216(version) ? null : new RequestError(404, 'not_found', 'Resource Not Found');
}

export function listMacros(version: string, query: URLSearchParams): { status: number; body: unknown } {
  const refusal = notInVersion(version);
  if (refusal) throw refusal;
  const perPage = Number(query.get('per_page') ?? 50);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    throw new RequestError(400, 'parameter_invalid', `per_page must be between 1 and ${MAX_PER_PAGE}`);
  }
  const sorted = [...MACROS].sort(newestFirst);
  const after = query.get('starting_after');
  let start = 0;
  if (after !== null) {
    const index = sorted.findIndex((macro) => cursorOf(macro) === after);
    if (index === -1) throw new RequestError(400, 'parameter_invalid', 'Invalid starting_after cursor');
    start = index + 1;
  }
  const data = sorted.slice(start, start + perPage);
  const last = data.at(-1);
  const next = last !== undefined && start + perPage < sorted.length ? { starting_after: cursorOf(last) } : null;
  return { status: 200, body: { type: 'list', data: data.map(serializeMacro), pages: { type: 'pages', per_page: perPage, next } } };
}

export function getMacro(version: string, id: string): { status: number; body: unknown } {
  const refusal = notInVersion(version);
  if (refusal) throw refusal;
  const macro = MACROS.find((seed) => seed.id === id);
  if (!macro) throw new RequestError(404, 'not_found', 'Macro not found');
  return { status: 200, body: serializeMacro(macro) };
}
