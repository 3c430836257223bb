// The macros' entries of the action registry (triage-actions.ts spreads MACRO_ACTIONS in), and one palette entry
// per macro. This module must not import the registry back.
import { useEffect, useMemo } from 'react';
import { type Macro, macroAppliesTo } from '../../shared/macros/macro.ts';
import type { TriageAction } from '../keyboard/key-dispatch.ts';
import { selectedTicket } from '../stores/selection-store.ts';
import { loadMacros, macroTargets, openMacroPicker, targetAccounts, useMacrosStore } from './macros-store.ts';
import { clearSelection, toggleInSelection, useTicketSelectionStore } from './ticket-selection-store.ts';

const anyTarget = (): boolean => macroTargets() !== null;

export const MACRO_ACTIONS: readonly TriageAction[] = [
  {
    id: 'macro.pick',
    title: 'Apply a macro…',
    group: 'Macros',
    shortcuts: [{ keys: ['m'] }],
    available: anyTarget,
    run: () => openMacroPicker(),
  },
  {
    id: 'selection.toggle',
    title: 'Pick the ticket for a bulk macro (or unpick it)',
    group: 'Macros',
    shortcuts: [{ keys: ['x'] }],
    available: (context) => context.screen === 'queue' && selectedTicket() !== null,
    run: () => {
      const ticket = selectedTicket();
      if (ticket !== null) toggleInSelection(ticket);
    },
  },
  {
    id: 'selection.clear',
    title: 'Unpick every picked ticket',
    group: 'Macros',
    shortcuts: [{ keys: ['Escape'] }],
    available: (context) => context.screen === 'queue' && context.focus !== 'search' && useTicketSelectionStore.getState().tickets.size > 0,
    run: clearSelection,
  },
];

/** "Macro: <title>" for each macro: the picker opens on it, with its preview. */
export function macroPaletteActions(macros: readonly Macro[]): TriageAction[] {
  return macros.map((macro) => ({
    id: `macro.${macro.id}`,
    title: `Macro: ${macro.title}`,
    group: 'Macros',
    shortcuts: [],
    available: () => {
      const targets = macroTargets();
      return targets !== null && macroAppliesTo(macro, targetAccounts(targets));
    },
    run: () => openMacroPicker(macro.id),
  }));
}

/** The registry plus one palette entry per macro, once the core has listed them. */
export function useWithMacroActions(actions: readonly TriageAction[]): readonly TriageAction[] {
  const macros = useMacrosStore((state) => state.macros);
  useEffect(() => {
    void loadMacros();
  }, []);
  return useMemo(() => (macros === null ? actions : [...actions, ...macroPaletteActions(macros)]), [actions, macros]);
}
