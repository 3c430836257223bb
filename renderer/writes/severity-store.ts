import { create } from 'zustand';
import type { Severity, TicketSummary } from '../../shared/domain/ticket.ts';
import { hostErrorMessage } from '../host/host-error.ts';
import { triageHost } from '../host/triage-host.ts';
import { useNoticeStore } from '../stores/notice-store.ts';
import { useOverlayStore } from '../stores/overlay-store.ts';
import { selectedTicket } from '../stores/selection-store.ts';
import { useTicketStore } from '../stores/ticket-store.ts';
import { type SeverityStep, severityStep } from './severity-step.ts';
import { showWriteNow } from './show-write.ts';

/** A downgrade waiting for its reason. */
export interface AskedDowngrade {
  ticket: TicketSummary;
  to: Severity;
  below: Extract<SeverityStep, { kind: 'downgrade' }>['below'];
}

interface SeverityState {
  asking: AskedDowngrade | null;
  sending: boolean;
  error: string | null;
}

export const useSeverityStore = create<SeverityState>()(() => ({ asking: null, sending: false, error: null }));

/** The ticket keys 1-4 act on: the open one, or the one selected in the queue. */
export function severityTarget(): TicketSummary | null {
  const open = useTicketStore.getState().open;
  if (open !== null) return open.load.state === 'ready' ? open.summary : null;
  return selectedTicket();
}

/** Sets the responder's severity, or asks why first when it is a downgrade. */
export function setSeverity(ticket: TicketSummary, to: Severity): void {
  const step = severityStep(ticket, to);
  if (step.kind === 'unchanged') {
    useNoticeStore.getState().post(`#${ticket.sourceId} is already ${to}`);
    return;
  }
  if (step.kind === 'set') {
    void queueSeverity(ticket, to, null);
    return;
  }
  useSeverityStore.setState({ asking: { ticket, to, below: step.below }, sending: false, error: null });
  useOverlayStore.getState().open('severity');
}

/** The reason typed: the severity and the reason, as an internal note, go in one write. */
export async function confirmDowngrade(reason: string): Promise<void> {
  const { asking, sending } = useSeverityStore.getState();
  if (asking === null || sending) return;
  if (reason.trim() === '') {
    useSeverityStore.setState({ error: 'Say in one line why the severity is lower: the team reads it on the ticket.' });
    return;
  }
  useSeverityStore.setState({ sending: true, error: null });
  const error = await queueSeverity(asking.ticket, asking.to, reason.trim());
  if (error !== null) {
    useSeverityStore.setState({ sending: false, error });
    return;
  }
  useSeverityStore.setState({ asking: null, sending: false });
  useOverlayStore.getState().close();
}

/** Null once queued, else why not. */
async function queueSeverity(ticket: TicketSummary, to: Severity, reason: string | null): Promise<string | null> {
  const host = triageHost();
  if (!host) return 'This page has no Triage Desk host.';
  const key = { accountId: ticket.accountId, sourceId: ticket.sourceId };
  try {
    const entry = await host.queueWrite({
      ticket: key,
      write: reason === null ? { changes: { severity: to } } : { comment: { body: reason, public: false }, changes: { severity: to } },
    });
    showWriteNow(entry);
    if (useTicketStore.getState().open === null) useNoticeStore.getState().post(`#${ticket.sourceId}: severity ${to} queued`);
    return null;
  } catch (error) {
    const message = hostErrorMessage(error);
    useNoticeStore.getState().post(`The severity could not be set: ${message}`);
    return message;
  }
}
