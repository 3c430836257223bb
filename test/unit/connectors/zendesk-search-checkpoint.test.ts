import { describe, expect, it } from 'vitest';
import { finishQuery, isSearchCheckpoint, OVERLAP_MS, readSearchCheckpoint } from '../../../main/core/connectors/zendesk/zendesk-search-sync.ts';

const position = (fields: Partial<ReturnType<typeof readSearchCheckpoint>>) => ({ ...readSearchCheckpoint(null), ...fields });

describe("an agent's search checkpoint", () => {
  it('starts from every ticket without a checkpoint or with an admin export checkpoint', () => {
    const fresh = { since: null, mark: null, after: null, afterAt: null, seen: {}, deletedAt: null, deletedSeen: [] };
    expect(readSearchCheckpoint(null)).toEqual(fresh);
    expect(readSearchCheckpoint('{"tickets":"MTU3NjYxMzUzOS4wfHw0Njd8","events":12,"seenAtEvents":[]}')).toEqual(fresh);
    expect(isSearchCheckpoint('MTU3NjYxMzUzOS4wfHw0Njd8')).toBe(false);
  });

  it('reads its own checkpoint back and refuses a damaged one', () => {
    const stored = position({ since: '2026-11-20T09:50:00Z', seen: { '7': ['2026-11-20T09:55:00Z', 'abc'] } });
    expect(readSearchCheckpoint(JSON.stringify({ search: stored }))).toEqual(stored);
    expect(() => readSearchCheckpoint('{"search":{"since":3}}')).toThrow(/unreadable Zendesk search checkpoint/);
  });

  it("moves the bound to the finished query's start minus the overlap, and forgets what is older", () => {
    const done = position({
      since: '2026-11-20T08:00:00Z',
      mark: '2026-11-20T10:00:00Z',
      after: 'cursor',
      afterAt: 1,
      seen: { '1': ['2026-11-20T09:55:00Z', 'a'], '2': ['2026-11-20T09:40:00Z', 'b'] },
    });
    finishQuery(done);
    expect(OVERLAP_MS).toBe(10 * 60_000);
    expect(done).toMatchObject({ since: '2026-11-20T09:50:00Z', mark: null, after: null, afterAt: null, seen: { '1': ['2026-11-20T09:55:00Z', 'a'] } });
  });

  it('never moves the bound back', () => {
    const done = position({ since: '2026-11-20T09:58:00Z', mark: '2026-11-20T10:00:00Z' });
    finishQuery(done);
    expect(done.since).toBe('2026-11-20T09:58:00Z');
  });
});
