// Where the selected row goes when the rows change under it (a push re-sorted the view, a search narrowed it).

export interface QueueSelection {
  /** ticketKeyString of the selected ticket, or null when the list is empty. */
  readonly key: string | null;
  /** Its row (0-based), kept so that when the ticket leaves the list the row that took its place is selected. */
  readonly index: number;
}

export type SelectionChange =
  | { readonly kind: 'same' }
  | { readonly kind: 'moved'; readonly from: number; readonly to: number }
  | { readonly kind: 'left' }
  | { readonly kind: 'reset' };

/**
 * The selection over the new rows: the same ticket wherever it went; if it left, the row now at its place; the
 * first row when nothing was selected.
 */
export function followSelection(
  selection: QueueSelection,
  rows: { readonly count: number; keyAt(index: number): string; indexOf(key: string): number },
): { selection: QueueSelection; change: SelectionChange } {
  const { count, keyAt, indexOf } = rows;
  if (count === 0) return { selection: { key: null, index: 0 }, change: { kind: selection.key === null ? 'same' : 'reset' } };
  if (selection.key === null) return { selection: { key: keyAt(0), index: 0 }, change: { kind: 'reset' } };
  const index = indexOf(selection.key);
  if (index >= 0) {
    return { selection: { key: selection.key, index }, change: index === selection.index ? { kind: 'same' } : { kind: 'moved', from: selection.index, to: index } };
  }
  const nearest = Math.min(selection.index, count - 1);
  return { selection: { key: keyAt(nearest), index: nearest }, change: { kind: 'left' } };
}
