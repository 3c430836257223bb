import type { OutboxEntry } from '../../shared/domain/outbox-entry.ts';
import { ticketKeyString } from '../../shared/domain/ticket.ts';
import { useTicketStore } from '../stores/ticket-store.ts';

/**
 * Shows a write the core just took on the open ticket at once, without waiting for the push and refetch that
 * follow (they replace it with the core's view a moment later).
 */
export function showWriteNow(entry: OutboxEntry): void {
  const open = useTicketStore.getState().open;
  if (open === null || open.load.state !== 'ready' || ticketKeyString(open.key) !== ticketKeyString(entry.ticket)) return;
  const { detail } = open.load;
  const writes = detail.writes.some((write) => write.id === entry.id)
    ? detail.writes.map((write) => (write.id === entry.id ? entry : write))
    : [...detail.writes, entry];
  useTicketStore.setState({ open: { ...open, load: { state: 'ready', detail: { ...detail, writes } } } });
}
