// One run's memory of the people and organizations it stored: a repeat in the same version is left out, a new version
// or a record without one is written.
import { describe, expect, it } from 'vitest';
import { StoredThisRun } from '../../../main/core/sync/stored-this-run.ts';
import type { SyncedOrganization, SyncedPerson, SyncPage } from '../../../main/core/sync/sync-page.ts';

const person = (sourceId: string, updatedAt: string | null): SyncedPerson => ({ sourceId, name: sourceId, email: `${sourceId}@acme.test`, role: 'end-user', organizationId: null, updatedAt, raw: {} });
const org = (sourceId: string, updatedAt: string | null): SyncedOrganization => ({ sourceId, name: sourceId, plan: 'growth', updatedAt, raw: {} });
const page = (people: SyncedPerson[], organizations: SyncedOrganization[]): SyncPage => ({ tickets: [], people, organizations, events: [], messages: [], quarantined: [], checkpoint: 'c', caughtUp: false });

describe('StoredThisRun', () => {
  it('leaves out what the run stored in the same version, and keeps new versions and records without one', () => {
    const run = new StoredThisRun();
    const first = page([person('1', '2024-03-01T10:00:00Z'), person('2', null)], [org('9', '2024-01-01T00:00:00Z')]);
    expect(run.unseen(first)).toBe(first);
    run.stored(first);
    const again = run.unseen(page([person('1', '2024-03-01T10:00:00Z'), person('2', null), person('3', '2024-03-02T00:00:00Z')], [org('9', '2024-01-01T00:00:00Z'), org('8', null)]));
    expect(again.people.map((p) => p.sourceId)).toEqual(['2', '3']);
    expect(again.organizations.map((o) => o.sourceId)).toEqual(['8']);
    const changed = run.unseen(page([person('1', '2024-03-05T00:00:00Z')], [org('9', '2024-02-01T00:00:00Z')]));
    expect(changed.people).toHaveLength(1);
    expect(changed.organizations).toHaveLength(1);
  });

  it('remembers only what a page stored, not what it was offered', () => {
    const run = new StoredThisRun();
    run.unseen(page([person('1', '2024-03-01T10:00:00Z')], []));
    expect(run.unseen(page([person('1', '2024-03-01T10:00:00Z')], [])).people).toHaveLength(1);
  });
});
