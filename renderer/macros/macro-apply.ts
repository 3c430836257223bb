import type { OutboxWrite } from '../../shared/domain/outbox-entry.ts';
import type { TicketKey } from '../../shared/domain/ticket.ts';
import type { Macro, MacroAfter } from '../../shared/macros/macro.ts';
import { hostErrorMessage } from '../host/host-error.ts';
import { triageHost } from '../host/triage-host.ts';
import { backToQueue, openNextTicket } from '../keyboard/triage-actions.ts';
import { useNoticeStore } from '../stores/notice-store.ts';
import { showWriteNow } from '../writes/show-write.ts';
import { clearSelection } from './ticket-selection-store.ts';

/** A ticket and what the macro queues on it (its preview had no error). */
export interface PlannedWrites {
  ticket: TicketKey;
  writes: readonly OutboxWrite[];
}

async function queueAll(planned: PlannedWrites): Promise<void> {
  const host = triageHost();
  if (!host) throw new Error('This page has no Triage Desk host.');
  for (const write of planned.writes) showWriteNow(await host.queueWrite({ ticket: planned.ticket, write }));
}

/** Applies the macro to the open ticket. Resolves with why it failed, or null. */
export async function applyToOpenTicket(macro: Macro, planned: PlannedWrites): Promise<string | null> {
  try {
    await queueAll(planned);
  } catch (error) {
    return hostErrorMessage(error);
  }
  useNoticeStore.getState().post(`Macro "${macro.title}" queued on #${planned.ticket.sourceId}`);
  return null;
}

/** What the ticket view does once a macro is applied: stay, the next ticket, or back to the queue. */
export function goOnAfterMacro(after: MacroAfter): void {
  if (after === 'next') openNextTicket();
  else if (after === 'close') backToQueue();
}

/** Applies the macro to each planned ticket of the queue; the picked tickets are unpicked once it is done. */
export async function applyToTickets(macro: Macro, planned: readonly PlannedWrites[], skipped: number): Promise<void> {
  const failed: string[] = [];
  for (const each of planned) {
    try {
      await queueAll(each);
    } catch (error) {
      failed.push(`#${each.ticket.sourceId} (${hostErrorMessage(error)})`);
    }
  }
  clearSelection();
  const queued = planned.length - failed.length;
  const parts = [`Macro "${macro.title}" queued on ${queued} ticket${queued === 1 ? '' : 's'}`];
  if (skipped > 0) parts.push(`${skipped} skipped`);
  if (failed.length > 0) parts.push(`not queued: ${failed.join(', ')}`);
  useNoticeStore.getState().post(parts.join('; '));
}
