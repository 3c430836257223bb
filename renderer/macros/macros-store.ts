import { create } from 'zustand';
import type { TicketSummary } from '../../shared/domain/ticket.ts';
import type { Macro } from '../../shared/macros/macro.ts';
import { hostErrorMessage } from '../host/host-error.ts';
import { triageHost } from '../host/triage-host.ts';
import { useOverlayStore } from '../stores/overlay-store.ts';
import { selectedTicket } from '../stores/selection-store.ts';
import { useTicketStore } from '../stores/ticket-store.ts';
import { useTicketSelectionStore } from './ticket-selection-store.ts';

/** What a macro is applied to: the open ticket, or tickets of the queue (the picked ones, or the selected row). */
export type MacroTargets = { kind: 'open' } | { kind: 'tickets'; tickets: TicketSummary[] };

interface MacrosState {
  /** The macros the core lists (local ones from the settings); null until they arrive. */
  macros: Macro[] | null;
  loadError: string | null;
  /** The picker, while open: what it applies to and the macro it starts on. */
  picker: { targets: MacroTargets; start: string | null } | null;
}

export const useMacrosStore = create<MacrosState>()(() => ({ macros: null, loadError: null, picker: null }));

let loading: Promise<void> | null = null;

/**
 * Asks the core for the macros; the list already shown stays until the answer comes. Asked again whenever the picker
 * opens: a helpdesk's macros arrive after its account's first sync.
 */
export function loadMacros(): Promise<void> {
  loading ??= (async () => {
    const host = triageHost();
    try {
      if (!host) throw new Error('This page has no Triage Desk host.');
      const { macros } = await host.listMacros({});
      useMacrosStore.setState({ macros, loadError: null });
    } catch (error) {
      useMacrosStore.setState({ loadError: hostErrorMessage(error) });
    } finally {
      loading = null;
    }
  })();
  return loading;
}

/** Where a macro would go now, or null when there is nothing to apply it to. */
export function macroTargets(): MacroTargets | null {
  const open = useTicketStore.getState().open;
  if (open !== null) return open.load.state === 'ready' ? { kind: 'open' } : null;
  const picked = [...useTicketSelectionStore.getState().tickets.values()];
  if (picked.length > 0) return { kind: 'tickets', tickets: picked };
  const selected = selectedTicket();
  return selected === null ? null : { kind: 'tickets', tickets: [selected] };
}

/** The accounts of the tickets a macro would go to. */
export function targetAccounts(targets: MacroTargets): string[] {
  if (targets.kind === 'tickets') return targets.tickets.map((ticket) => ticket.accountId);
  const open = useTicketStore.getState().open;
  return open === null ? [] : [open.summary.accountId];
}

/** `m` (or "Macro: ..." in the palette): the picker over the current targets, on macro `start` if given. */
export function openMacroPicker(start: string | null = null): void {
  const targets = macroTargets();
  if (targets === null) return;
  void loadMacros();
  useMacrosStore.setState({ picker: { targets, start } });
  useOverlayStore.getState().open('macros');
}
