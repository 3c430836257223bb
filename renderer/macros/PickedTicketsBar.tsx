import { useTicketStore } from '../stores/ticket-store.ts';
import { useTicketSelectionStore } from './ticket-selection-store.ts';

/** While tickets are picked for a bulk macro: how many, and the keys that act on them. */
export function PickedTicketsBar() {
  const count = useTicketSelectionStore((state) => state.tickets.size);
  const inQueue = useTicketStore((state) => state.open === null);
  if (count === 0 || !inQueue) return null;
  return (
    <div className="picked-bar" role="status" data-testid="picked-tickets">
      <strong>
        {count} ticket{count === 1 ? '' : 's'} picked
      </strong>
      <span>
        <kbd>M</kbd> apply a macro to them
      </span>
      <span>
        <kbd>X</kbd> pick / unpick
      </span>
      <span>
        <kbd>Esc</kbd> unpick all
      </span>
    </div>
  );
}
