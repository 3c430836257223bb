import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, parseQuery, searchConversations } from '../../../main/simulators/intercom/search.ts';
import { serializeConversation } from '../../../main/simulators/intercom/serialize.ts';
import { ConversationStore, RequestError } from '../../../main/simulators/intercom/store.ts';
import type { ConversationRecord } from '../../../main/simulators/intercom/types.ts';
import { haveSpec, loadOpenApi } from '../../support/intercom-simulator-openapi.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const s = new ConversationStore({ seed: 5, companies: 20, conversations: 80, now: () => NOW });
const all = [...s.conversations.values()];
const sec = (ms: number): number => Math.floor(ms / 1000);
const matching = (query: unknown): ConversationRecord[] => all.filter(parseQuery(query));

describe('intercom search query language', () => {
  const boundary = sec(all[40]?.updatedAt ?? 0);

  it('reads > and < on dates as inclusive, and >= and <= the same', () => {
    const gt = matching({ field: 'updated_at', operator: '>', value: boundary });
    expect(gt.map((c) => c.id)).toContain(all[40]?.id);
    expect(gt).toEqual(all.filter((c) => sec(c.updatedAt) >= boundary));
    expect(matching({ field: 'updated_at', operator: '>=', value: boundary })).toEqual(gt);
    const lt = matching({ field: 'updated_at', operator: '<', value: boundary });
    expect(lt).toEqual(all.filter((c) => sec(c.updatedAt) <= boundary));
    expect(matching({ field: 'updated_at', operator: '=', value: boundary })).toEqual(all.filter((c) => sec(c.updatedAt) === boundary));
  });

  it('takes dates as numeric strings, as the spec example sends them', () => {
    expect(matching({ field: 'created_at', operator: '>', value: String(boundary) })).toEqual(matching({ field: 'created_at', operator: '>', value: boundary }));
  });

  it('combines AND and OR, nested two deep', () => {
    const query = { operator: 'OR', value: [{ field: 'state', operator: '=', value: 'snoozed' }, { operator: 'AND', value: [{ field: 'read', operator: '=', value: false }, { field: 'open', operator: '=', value: true }] }] };
    expect(matching(query)).toEqual(all.filter((c) => c.state === 'snoozed' || (!c.read && c.state !== 'closed')));
  });

  it('matches list fields by membership', () => {
    const tag = all[0]?.tags[0]?.id ?? '';
    expect(matching({ field: 'tag_ids', operator: '=', value: tag })).toEqual(all.filter((c) => c.tags.some((t) => t.id === tag)));
    expect(matching({ field: 'tag_ids', operator: 'NIN', value: [tag] })).toEqual(all.filter((c) => !c.tags.some((t) => t.id === tag)));
  });

  it('rejects what the spec forbids, naming the field', () => {
    const reject = (query: unknown): RequestError => {
      try {
        parseQuery(query);
      } catch (err) {
        if (err instanceof RequestError) return err;
        throw err;
      }
      throw new Error(`accepted ${JSON.stringify(query)}`);
    };
    expect(reject({ field: 'state', operator: '<', value: 'open' })).toMatchObject({ status: 400, code: 'parameter_invalid', field: 'state' });
    expect(reject({ field: 'updated_at', operator: '~', value: 1 }).field).toBe('updated_at');
    expect(reject({ field: 'updated_at', operator: '>', value: 'last week' }).field).toBe('updated_at');
    expect(reject({ operator: 'XOR', value: [] }).status).toBe(400);
    expect(reject({ operator: 'AND', value: [{ operator: 'AND', value: [{ operator: 'AND', value: [] }] }] }).message).toMatch(/nest/);
  });
});

describe('intercom search paging', () => {
  it('encodes cursors like Intercom (base64 of a JSON array) and refuses junk', () => {
    const cursor = encodeCursor(1_795_000_000, '215470000000042');
    expect(cursor).toMatch(/^Wz/);
    expect(decodeCursor(cursor)).toEqual([1_795_000_000, 215_470_000_000_042]);
    expect(decodeCursor('not a cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64'))).toBeNull();
  });

  it('concatenated pages are the whole result in updated_at order, with page numbers and totals', () => {
    const query = { field: 'state', operator: '!=', value: 'closed' };
    const expected = matching(query).sort((a, b) => a.updatedAt - b.updatedAt || Number(a.id) - Number(b.id));
    const got: ConversationRecord[] = [];
    let cursor: string | null = null;
    for (let page = 1; ; page++) {
      const result = searchConversations(s, { query, pagination: { per_page: 6, ...(cursor ? { starting_after: cursor } : {}) } });
      expect(result).toMatchObject({ page, perPage: 6, totalCount: expected.length, totalPages: Math.ceil(expected.length / 6) });
      got.push(...result.conversations);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    expect(got.map((c) => c.id)).toEqual(expected.map((c) => c.id));
  });

  it('defaults to 20 a page and refuses more than 150', () => {
    expect(searchConversations(s, { query: { field: 'updated_at', operator: '>', value: 0 } }).conversations).toHaveLength(20);
    expect(() => searchConversations(s, { query: { field: 'updated_at', operator: '>', value: 0 }, pagination: { per_page: 151 } })).toThrow(RequestError);
  });
});

describe.skipIf(!haveSpec)('intercom OpenAPI helper', () => {
  const spec = loadOpenApi();

  it('accepts a served conversation and catches what the spec forbids', () => {
    const c = serializeConversation(all[10] as ConversationRecord, { workspace: s.workspace, fiveLevelPriority: true });
    expect(spec.validate('conversation', c)).toEqual([]);
    expect(spec.validate('conversation', { ...c, admin_assignee_id: null })).toEqual(['conversation.admin_assignee_id: null, but the spec does not allow null']);
    expect(spec.validate('conversation', { ...c, priority: 'priority' })[0]).toMatch(/priority: "priority" is not one of none, low, medium, high, urgent/);
    expect(spec.validate('conversation', { ...c, id: 42 })).toEqual(['conversation.id: expected a string, got 42']);
    expect(spec.validate('error', { type: 'error.list', errors: [{ message: 'x' }] })).toEqual(['error.errors[0].code: required, missing']);
  });
});
