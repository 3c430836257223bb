import type { SyncPage } from './sync-page.ts';

/**
 * The people and organizations one run has stored, by the version it stored. Export pages side-load the same
 * requesters and organizations again and again (a first sync of 100,000 Zendesk tickets carries each of 3,000
 * organizations some 30 times): one already stored in the same version needs no second write. A record without a
 * version is always written.
 */
export class StoredThisRun {
  readonly #people = new Map<string, string>();
  readonly #organizations = new Map<string, string>();

  /** The page without the people and organizations this run already stored in the version it carries. */
  unseen(page: SyncPage): SyncPage {
    const people = page.people.filter((person) => !storedIn(this.#people, person));
    const organizations = page.organizations.filter((org) => !storedIn(this.#organizations, org));
    return people.length === page.people.length && organizations.length === page.organizations.length ? page : { ...page, people, organizations };
  }

  /** Notes what a page stored. */
  stored(page: SyncPage): void {
    for (const person of page.people) if (person.updatedAt !== null) this.#people.set(person.sourceId, person.updatedAt);
    for (const org of page.organizations) if (org.updatedAt !== null) this.#organizations.set(org.sourceId, org.updatedAt);
  }
}

function storedIn(versions: ReadonlyMap<string, string>, record: { sourceId: string; updatedAt: string | null }): boolean {
  return record.updatedAt !== null && versions.get(record.sourceId) === record.updatedAt;
}
