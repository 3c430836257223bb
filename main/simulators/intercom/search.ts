/**
 * POST /conversations/search: the query language of the OpenAPI description (single filters `{field, operator,
 * value}` and `AND` / `OR` groups nested at most two deep, at most 15 filters a group), cursor paging with
 * `pagination {per_page <= 150, starting_after}`, and an optional `sort {field, order}`.
 *
 * As the spec's operator table says ("Greater (or equal) than", "Lower (or equal) than"), `>` and `<` on
 * integers and dates include the boundary: `updated_at > T` matches a conversation updated at exactly T.
 * Clients that poll with a high-water mark therefore see the last page's conversations again.
 */

import { RequestError, type ConversationStore } from './store.ts';
import { seconds, waitingSince } from './serialize.ts';
import type { ConversationRecord } from './types.ts';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 150;
const MAX_FILTERS_PER_GROUP = 15;
const MAX_DEPTH = 2;

type Kind = 'date' | 'integer' | 'string' | 'boolean' | 'list';
type FieldValue = number | string | boolean | null | string[];

interface FieldDef {
  kind: Kind;
  get(c: ConversationRecord): FieldValue;
}

const FIELDS: Readonly<Record<string, FieldDef>> = {
  id: { kind: 'string', get: (c) => c.id },
  created_at: { kind: 'date', get: (c) => seconds(c.createdAt) },
  updated_at: { kind: 'date', get: (c) => seconds(c.updatedAt) },
  waiting_since: { kind: 'date', get: (c) => waitingSince(c) },
  snoozed_until: { kind: 'date', get: (c) => (c.snoozedUntil === null ? null : seconds(c.snoozedUntil)) },
  state: { kind: 'string', get: (c) => c.state },
  priority: { kind: 'string', get: (c) => c.priority },
  open: { kind: 'boolean', get: (c) => c.state !== 'closed' },
  read: { kind: 'boolean', get: (c) => c.read },
  admin_assignee_id: { kind: 'integer', get: (c) => c.adminAssigneeId },
  team_assignee_id: { kind: 'integer', get: (c) => c.teamAssigneeId },
  contact_ids: { kind: 'list', get: (c) => [c.contactId] },
  tag_ids: { kind: 'list', get: (c) => c.tags.map((t) => t.id) },
  teammate_ids: { kind: 'list', get: (c) => [...new Set(c.parts.flatMap((p) => (p.author.kind === 'admin' ? [p.author.id] : [])))] },
  'source.type': { kind: 'string', get: (c) => c.source.type },
  'source.id': { kind: 'string', get: (c) => c.source.id },
  'source.subject': { kind: 'string', get: (c) => c.source.subject },
  'source.author.id': { kind: 'string', get: (c) => c.contactId },
  'statistics.count_conversation_parts': { kind: 'integer', get: (c) => c.parts.length },
};

const OPERATORS: Readonly<Record<Kind, readonly string[]>> = {
  date: ['=', '!=', 'IN', 'NIN', '>', '<', '>=', '<='],
  integer: ['=', '!=', 'IN', 'NIN', '>', '<', '>=', '<='],
  string: ['=', '!=', 'IN', 'NIN', '~', '!~', '^', '$'],
  boolean: ['=', '!='],
  list: ['=', '!=', 'IN', 'NIN'],
};

/** Sort keys the simulator accepts, as numbers (ids are numeric strings). */
const SORT_KEYS: Readonly<Record<string, (c: ConversationRecord) => number>> = {
  updated_at: (c) => seconds(c.updatedAt),
  created_at: (c) => seconds(c.createdAt),
  id: (c) => Number(c.id),
};

type Scalar = number | string | boolean | null;
type Predicate = (c: ConversationRecord) => boolean;

function invalid(message: string, field?: string): RequestError {
  const err = new RequestError(400, 'parameter_invalid', message);
  if (field !== undefined) err.field = field;
  return err;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Dates and integers also come as numeric strings (the spec's own example sends `"1306054154"`). */
function scalarFor(kind: Kind, raw: unknown, field: string): Scalar {
  if (raw === null) return null;
  if (kind === 'date' || kind === 'integer') {
    const n = typeof raw === 'string' && /^-?\d{1,15}$/.test(raw.trim()) ? Number(raw) : raw;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw invalid(`${field} takes ${kind === 'date' ? 'a Unix timestamp' : 'an integer'}, got ${JSON.stringify(raw)}`, field);
    return n;
  }
  if (kind === 'boolean') {
    if (typeof raw !== 'boolean') throw invalid(`${field} takes true or false`, field);
    return raw;
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') throw invalid(`${field} takes a string`, field);
  return String(raw);
}

function filterPredicate(node: Record<string, unknown>): Predicate {
  const field = node['field'];
  const operator = node['operator'];
  if (typeof field !== 'string') throw invalid('each filter needs a field');
  const def = FIELDS[field];
  if (!def) throw invalid(`${field} is not a searchable conversation field`, field);
  if (typeof operator !== 'string' || !OPERATORS[def.kind].includes(operator)) {
    throw invalid(`operator ${JSON.stringify(operator)} does not apply to ${field} (allowed: ${OPERATORS[def.kind].join(' ')})`, field);
  }
  const raw = node['value'];
  if (operator === 'IN' || operator === 'NIN') {
    if (!Array.isArray(raw)) throw invalid(`${operator} takes an array of values`, field);
    const wanted = raw.map((v) => scalarFor(def.kind, v, field));
    const has = (c: ConversationRecord): boolean => {
      const value = def.get(c);
      return Array.isArray(value) ? value.some((v) => wanted.includes(v)) : wanted.includes(value);
    };
    return operator === 'IN' ? has : (c) => !has(c);
  }
  const wanted = scalarFor(def.kind, raw, field);
  const equal = (c: ConversationRecord): boolean => {
    const value = def.get(c);
    return Array.isArray(value) ? value.includes(String(wanted)) : value === wanted;
  };
  const text = (c: ConversationRecord): string => String(def.get(c) ?? '').toLowerCase();
  const needle = String(wanted ?? '').toLowerCase();
  const number = (c: ConversationRecord): number | null => {
    const value = def.get(c);
    return typeof value === 'number' ? value : null;
  };
  if ((operator === '>' || operator === '<' || operator === '>=' || operator === '<=') && typeof wanted !== 'number') {
    throw invalid(`${operator} takes a number`, field);
  }
  const bound = typeof wanted === 'number' ? wanted : 0;
  switch (operator) {
    case '=':
      return equal;
    case '!=':
      return (c) => !equal(c);
    // Intercom's > and < include the boundary (see the module comment): the trap is the point.
    case '>':
    case '>=':
      return (c) => (number(c) ?? -Infinity) >= bound;
    case '<':
    case '<=':
      return (c) => (number(c) ?? Infinity) <= bound;
    case '~':
      return (c) => text(c).includes(needle);
    case '!~':
      return (c) => !text(c).includes(needle);
    case '^':
      return (c) => text(c).startsWith(needle);
    default:
      return (c) => text(c).endsWith(needle);
  }
}

export function parseQuery(query: unknown, depth = 1): Predicate {
  if (!isObject(query)) throw invalid('query must be an object', 'query');
  if ('field' in query) return filterPredicate(query);
  const operator = query['operator'];
  const items = query['value'];
  if ((operator !== 'AND' && operator !== 'OR') || !Array.isArray(items)) {
    throw invalid('a query is either {field, operator, value} or {operator: "AND" | "OR", value: [...]}', 'query');
  }
  if (depth > MAX_DEPTH) throw invalid(`queries nest at most ${MAX_DEPTH} levels deep`, 'query');
  if (items.length === 0) throw invalid(`${operator} needs at least one filter`, 'query');
  if (items.length > MAX_FILTERS_PER_GROUP) throw invalid(`at most ${MAX_FILTERS_PER_GROUP} filters in one ${operator} group`, 'query');
  const predicates = items.map((item) => parseQuery(item, depth + 1));
  return operator === 'AND' ? (c) => predicates.every((p) => p(c)) : (c) => predicates.some((p) => p(c));
}

/** A stateless keyset cursor: base64 of `[sort value, conversation id]` (Intercom's also start with "Wz", i.e. `[`). */
export function encodeCursor(sortValue: number, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, Number(id)])).toString('base64');
}

export function decodeCursor(cursor: string): [number, number] | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      return [parsed[0] as number, parsed[1] as number];
    }
    return null;
  } catch {
    return null;
  }
}

export interface SearchPage {
  conversations: ConversationRecord[];
  totalCount: number;
  page: number;
  perPage: number;
  totalPages: number;
  /** The next request's `starting_after`, or null on the last page. */
  nextCursor: string | null;
}

export function searchConversations(store: ConversationStore, body: unknown): SearchPage {
  if (!isObject(body)) throw invalid('the body must be a JSON object');
  if (!('query' in body)) throw new RequestError(400, 'parameter_not_found', 'query is a required parameter');
  const predicate = parseQuery(body['query']);

  let perPage = DEFAULT_PER_PAGE;
  let startingAfter: string | null = null;
  const pagination = body['pagination'];
  if (pagination !== undefined && pagination !== null) {
    if (!isObject(pagination)) throw invalid('pagination must be an object', 'pagination');
    const size = pagination['per_page'];
    if (size !== undefined) {
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_PER_PAGE) {
        throw invalid(`per_page must be an integer from 1 to ${MAX_PER_PAGE}`, 'per_page');
      }
      perPage = size;
    }
    const after = pagination['starting_after'];
    if (after !== undefined && after !== null) {
      if (typeof after !== 'string') throw invalid('starting_after must be a string', 'starting_after');
      startingAfter = after;
    }
  }

  let sortField = 'updated_at';
  let descending = false;
  const sort = body['sort'];
  if (sort !== undefined && sort !== null) {
    if (!isObject(sort) || typeof sort['field'] !== 'string' || !(sort['field'] in SORT_KEYS)) {
      throw invalid(`sort.field must be one of ${Object.keys(SORT_KEYS).join(', ')}`, 'sort');
    }
    const order = sort['order'] ?? 'ascending';
    if (order !== 'ascending' && order !== 'descending') throw invalid('sort.order must be ascending or descending', 'sort');
    sortField = sort['field'];
    descending = order === 'descending';
  }
  const sortKey = SORT_KEYS[sortField] ?? ((c: ConversationRecord) => seconds(c.updatedAt));

  const matches = store.ordered(sortField, sortKey, descending).filter(predicate);
  let start = 0;
  if (startingAfter !== null) {
    const cursor = decodeCursor(startingAfter);
    if (!cursor) throw invalid('starting_after is not a cursor this search returned', 'starting_after');
    const [value, id] = cursor;
    const after = (c: ConversationRecord): boolean => {
      const key = sortKey(c);
      const n = Number(c.id);
      return descending ? key < value || (key === value && n < id) : key > value || (key === value && n > id);
    };
    start = matches.findIndex(after);
    if (start < 0) start = matches.length;
  }
  const conversations = matches.slice(start, start + perPage);
  const last = conversations[conversations.length - 1];
  const more = start + perPage < matches.length;
  return {
    conversations,
    totalCount: matches.length,
    page: Math.floor(start / perPage) + 1,
    perPage,
    totalPages: Math.ceil(matches.length / perPage),
    nextCursor: more && last ? encodeCursor(sortKey(last), last.id) : null,
  };
}
