// A macro over several tickets: each ticket's preview from its own detail, and which are applied or skipped.
// No DOM here: unit-tested on Node.
import type { TicketDetail } from '../../shared/domain/ticket-detail.ts';
import { type TicketSummary, ticketKeyString } from '../../shared/domain/ticket.ts';
import type { Macro } from '../../shared/macros/macro.ts';
import { type MacroPreview, previewMacro } from './macro-preview.ts';

export type TicketLoad = { state: 'loading' } | { state: 'ready'; detail: TicketDetail } | { state: 'error'; message: string };

export interface TicketPlan {
  ticket: TicketSummary;
  /** Null until the ticket's detail arrives, or when it could not be read. */
  preview: MacroPreview | null;
  /** Why the ticket is skipped: its detail could not be read, or its preview has an error (the first one). */
  problem: string | null;
  loading: boolean;
}

export interface MacroPlan {
  tickets: TicketPlan[];
  /** The tickets the macro will be applied to: previews without errors. */
  ready: TicketPlan[];
  skipped: TicketPlan[];
  loading: number;
}

export function planMacro(macro: Macro, tickets: readonly TicketSummary[], loads: ReadonlyMap<string, TicketLoad>): MacroPlan {
  const plans = tickets.map((ticket): TicketPlan => {
    const load = loads.get(ticketKeyString(ticket)) ?? { state: 'loading' };
    if (load.state === 'loading') return { ticket, preview: null, problem: null, loading: true };
    if (load.state === 'error') return { ticket, preview: null, problem: load.message, loading: false };
    const preview = previewMacro(macro, load.detail);
    return { ticket, preview, problem: preview.errors[0] ?? null, loading: false };
  });
  return {
    tickets: plans,
    ready: plans.filter((plan) => plan.preview?.writes != null),
    skipped: plans.filter((plan) => !plan.loading && plan.problem !== null),
    loading: plans.filter((plan) => plan.loading).length,
  };
}
