import { useEffect } from 'react';
import { QUEUE_VIEWS, QUEUE_VIEW_LABELS } from '../shared/domain/queue-view.ts';
import { AccountsScreen } from './accounts/AccountsScreen.tsx';
import { reportWindowFocus } from './host/window-focus.ts';
import { CommandPalette } from './keyboard/CommandPalette.tsx';
import { installKeyHandler, IS_MAC } from './keyboard/key-handler.ts';
import { SequenceHint } from './keyboard/SequenceHint.tsx';
import { ShortcutSheet } from './keyboard/ShortcutSheet.tsx';
import { describeShortcut } from './keyboard/shortcut.ts';
import { TRIAGE_ACTIONS } from './keyboard/triage-actions.ts';
import { useWithMacroActions } from './macros/macro-actions.ts';
import { MacroPicker } from './macros/MacroPicker.tsx';
import { PickedTicketsBar } from './macros/PickedTicketsBar.tsx';
import { QueueList } from './queue/QueueList.tsx';
import { SearchBox } from './search/SearchBox.tsx';
import { HostBanner } from './status/HostBanner.tsx';
import { QuarantinePanel } from './status/QuarantinePanel.tsx';
import { StatusLine } from './status/StatusLine.tsx';
import { useOverlayStore } from './stores/overlay-store.ts';
import { connectQueueStore, useQueueStore } from './stores/queue-store.ts';
import { useRowsStore } from './stores/rows-store.ts';
import { connectSearchStore, useSearchStore } from './stores/search-store.ts';
import { connectSelectionStore } from './stores/selection-store.ts';
import { connectTicketStore, useTicketStore } from './stores/ticket-store.ts';
import { TicketView } from './ticket/TicketView.tsx';
import { SeverityReasonDialog } from './writes/SeverityReasonDialog.tsx';

/** "G then 1" for each view tab's tooltip, from the registry. */
function viewShortcutHint(view: string): string | undefined {
  const shortcut = TRIAGE_ACTIONS.find((action) => action.id === `view.${view}`)?.shortcuts[0];
  return shortcut ? describeShortcut(shortcut, IS_MAC) : undefined;
}

export function App() {
  useEffect(() => {
    // The search and selection stores follow the queue's rows, so they subscribe before the first load.
    const disconnects = [connectSearchStore(), connectSelectionStore(), connectQueueStore(), connectTicketStore(), installKeyHandler(TRIAGE_ACTIONS), reportWindowFocus()];
    return () => disconnects.forEach((disconnect) => disconnect());
  }, []);
  const view = useQueueStore((state) => state.view);
  // The view's count, once its rows have answered (a search lists other rows).
  const total = useRowsStore((state) => (state.source.kind === 'view' && state.load.state === 'ready' ? state.total : null));
  const selectView = useQueueStore((state) => state.selectView);
  const ticketOpen = useTicketStore((state) => state.open !== null);
  const searching = useSearchStore((state) => state.query.trim() !== '');
  const openOverlay = useOverlayStore((state) => state.open);
  // The palette also lists each macro ("Macro: <title>").
  const paletteActions = useWithMacroActions(TRIAGE_ACTIONS);

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">Triage Desk</h1>
        <nav className="views" aria-label="Queue views">
          {QUEUE_VIEWS.map((id) => (
            <button
              key={id}
              type="button"
              className="view-tab"
              // Search results come from every view: no tab is current while they show.
              aria-current={id === view && !searching ? 'page' : undefined}
              title={viewShortcutHint(id)}
              onClick={() => selectView(id)}
            >
              {QUEUE_VIEW_LABELS[id]}
              {id === view && !searching && <span className="view-count" data-testid="view-count">{total}</span>}
            </button>
          ))}
        </nav>
        <SearchBox />
        <div className="topbar-end">
          <button type="button" className="topbar-button" onClick={() => openOverlay('palette')} title="Command palette">
            <kbd>{IS_MAC ? '⌘' : 'Ctrl'}</kbd> <kbd>K</kbd>
          </button>
          <button type="button" className="topbar-button" onClick={() => openOverlay('shortcuts')} title="Keyboard shortcuts">
            <kbd>?</kbd>
          </button>
        </div>
      </header>
      <HostBanner />
      <main className="workspace">{ticketOpen ? <TicketView /> : <QueueList />}</main>
      <StatusLine />
      <SequenceHint actions={TRIAGE_ACTIONS} />
      <CommandPalette actions={paletteActions} />
      <ShortcutSheet actions={TRIAGE_ACTIONS} />
      <QuarantinePanel />
      <AccountsScreen />
      <MacroPicker />
      <SeverityReasonDialog />
      <PickedTicketsBar />
    </div>
  );
}
