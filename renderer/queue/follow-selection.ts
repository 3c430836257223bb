// Where the selected row goes when the rows change under it (a push re-sorted the view, a search narrowed it, a page
// arrived). Only some pages of the rows are held, so where the ticket went comes from the core (`located`).

export interface QueueSelection {
  /** ticketKeyString of the selected ticket; null while its row's page is on its way, or when the list is empty. */
  readonly key: string | null;
  /** Its row (0-based), kept so that when the ticket leaves the list the row that took its place is selected. */
  readonly index: number;
}

export type SelectionChange =
  | { readonly kind: 'same' }
  | { readonly kind: 'moved'; readonly from: number; readonly to: number }
  | { readonly kind: 'left' }
  | { readonly kind: 'reset' };

export interface HeldRows {
  readonly total: number;
  /** The ticket key of a row whose page is held. */
  keyAt(index: number): string | undefined;
  /** Where the core found a ticket when these rows were asked for (index null: not in them); null if none asked. */
  readonly located: { readonly key: string; readonly index: number | null } | null;
}

/**
 * The selection over the new rows: the same ticket wherever the core located it; if it left, the row now at its
 * place; a row waiting for its page gets its ticket once the page is there.
 */
export function followSelection(selection: QueueSelection, rows: HeldRows): { selection: QueueSelection; change: SelectionChange } {
  if (rows.total === 0) return { selection: { key: null, index: 0 }, change: { kind: selection.key === null ? 'same' : 'reset' } };
  const { located } = rows;
  if (selection.key !== null && located !== null && located.key === selection.key) {
    if (located.index !== null) {
      const to = located.index;
      return { selection: { key: selection.key, index: to }, change: to === selection.index ? { kind: 'same' } : { kind: 'moved', from: selection.index, to } };
    }
    const index = Math.min(selection.index, rows.total - 1);
    return { selection: { key: rows.keyAt(index) ?? null, index }, change: { kind: 'left' } };
  }
  const index = Math.min(selection.index, rows.total - 1);
  if (selection.key === null) {
    const key = rows.keyAt(index) ?? null;
    return { selection: { key, index }, change: { kind: key === null ? 'same' : 'reset' } };
  }
  return { selection: { key: selection.key, index }, change: { kind: 'same' } };
}
