// The places keyboard focus goes back to, by element id, so stores and actions need no component refs.

export const QUEUE_GRID_ID = 'queue-grid';
export const SEARCH_INPUT_ID = 'ticket-search';
export const TICKET_VIEW_ID = 'ticket-view';

/** Focuses an element after React has rendered the current update (it may be mounting right now). */
export function focusSoon(id: string, options: { select?: boolean } = {}): void {
  requestAnimationFrame(() => {
    const element = document.getElementById(id);
    if (element === null) return;
    element.focus({ preventScroll: true });
    if (options.select && element instanceof HTMLInputElement) element.select();
  });
}
