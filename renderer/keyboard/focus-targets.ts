// The places keyboard focus goes back to, by element id, so stores and actions need no component refs.

export const QUEUE_GRID_ID = 'queue-grid';
export const SEARCH_INPUT_ID = 'ticket-search';
export const TICKET_VIEW_ID = 'ticket-view';

/**
 * Focuses an element now if it is on the page (so the next key lands there even when typed at once), else after
 * React has rendered the update that mounts it.
 */
export function focusSoon(id: string, options: { select?: boolean } = {}): void {
  const focus = (): boolean => {
    const element = document.getElementById(id);
    if (element === null) return false;
    element.focus({ preventScroll: true });
    if (options.select && element instanceof HTMLInputElement) element.select();
    return true;
  };
  if (!focus()) requestAnimationFrame(focus);
}
