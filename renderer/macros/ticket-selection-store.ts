import { create } from 'zustand';
import { type TicketSummary, ticketKeyString } from '../../shared/domain/ticket.ts';

interface TicketSelectionState {
  /** The tickets picked with `x` for a bulk macro, by key, in the order they were picked. */
  tickets: ReadonlyMap<string, TicketSummary>;
}

/** Several tickets of the queue picked for one macro; the queue's selected row is apart from it. */
export const useTicketSelectionStore = create<TicketSelectionState>()(() => ({ tickets: new Map() }));

export function toggleInSelection(ticket: TicketSummary): void {
  const tickets = new Map(useTicketSelectionStore.getState().tickets);
  const key = ticketKeyString(ticket);
  if (tickets.has(key)) tickets.delete(key);
  else tickets.set(key, ticket);
  useTicketSelectionStore.setState({ tickets });
}

export function clearSelection(): void {
  useTicketSelectionStore.setState({ tickets: new Map() });
}
