// The one registry of what the engineer can do from the keyboard. The key handler, the command palette and the
// cheat sheet all read it, so a shortcut shown is a shortcut that works.
import { QUEUE_VIEW_LABELS, type QueueView } from '../../shared/domain/queue-view.ts';
import type { TicketKey } from '../../shared/domain/ticket.ts';
import { MACRO_ACTIONS } from '../macros/macro-actions.ts';
import { useOverlayStore } from '../stores/overlay-store.ts';
import { useQueueStore } from '../stores/queue-store.ts';
import { useSearchStore } from '../stores/search-store.ts';
import { selectedTicket, useSelectionStore } from '../stores/selection-store.ts';
import { openTicketByKey, useTicketStore } from '../stores/ticket-store.ts';
import { helpdeskUrlOf } from '../ticket/helpdesk-url.ts';
import { writeActions } from '../writes/write-actions.ts';
import { focusSoon, QUEUE_GRID_ID, SEARCH_INPUT_ID, TICKET_VIEW_ID } from './focus-targets.ts';
import type { TriageAction } from './key-dispatch.ts';

const always = (): boolean => true;

export function openSelected(): void {
  const ticket = selectedTicket();
  if (ticket === null) return;
  useTicketStore.getState().openTicket(ticket);
  focusSoon(TICKET_VIEW_ID);
}

/** The ticket of the oldest write a helpdesk refused, of any account; null when none is. */
function oldestRefusedTicket(): TicketKey | null {
  return useQueueStore.getState().sync?.accounts.find((account) => account.oldestRefusedTicket !== null)?.oldestRefusedTicket ?? null;
}

/** From anywhere (the status line, the palette, `g r`): the ticket whose write waits for an edit, a retry or a discard. */
export function openOldestRefused(): void {
  const key = oldestRefusedTicket();
  if (key === null) return;
  void openTicketByKey(key).then(() => focusSoon(TICKET_VIEW_ID));
}

export function backToQueue(): void {
  useTicketStore.getState().close();
  focusSoon(QUEUE_GRID_ID);
}

/** In the queue, moves the selection; in the ticket view, opens the next or previous ticket of the queue. */
function step(delta: number): void {
  useSelectionStore.getState().move(delta);
  if (useTicketStore.getState().open !== null) openSelected();
}

/** From the ticket view, the queue's next ticket: after "send and next" or a macro applied "and next". */
export function openNextTicket(): void {
  step(1);
}

function goToView(view: QueueView): void {
  if (useTicketStore.getState().open !== null) backToQueue();
  useQueueStore.getState().selectView(view);
}

/** Each view and the key after "g", in the order of the tabs. */
const VIEW_KEYS: readonly (readonly [QueueView, string])[] = [
  ['p1', '1'],
  ['p2', '2'],
  ['p3', '3'],
  ['p4', '4'],
  ['breaching_soon', 'b'],
  ['mine', 'm'],
  ['unassigned', 'u'],
  ['all_open', 'a'],
];

export const TRIAGE_ACTIONS: readonly TriageAction[] = [
  {
    id: 'queue.next',
    title: 'Next ticket',
    group: 'Queue',
    shortcuts: [{ keys: ['j'] }, { keys: ['ArrowDown'], screen: 'queue', inSearch: true }],
    available: always,
    run: () => step(1),
  },
  {
    id: 'queue.previous',
    title: 'Previous ticket',
    group: 'Queue',
    shortcuts: [{ keys: ['k'] }, { keys: ['ArrowUp'], screen: 'queue', inSearch: true }],
    available: always,
    run: () => step(-1),
  },
  {
    id: 'ticket.open',
    title: 'Open ticket',
    group: 'Queue',
    shortcuts: [{ keys: ['Enter'], inSearch: true }, { keys: ['o'] }],
    available: (context) => context.screen === 'queue' && selectedTicket() !== null,
    run: openSelected,
  },
  {
    id: 'ticket.close',
    title: 'Back to queue',
    group: 'Ticket',
    shortcuts: [{ keys: ['Escape'] }],
    available: (context) => context.screen === 'ticket',
    run: backToQueue,
  },
  {
    id: 'ticket.open-in-helpdesk',
    title: 'Open in helpdesk',
    group: 'Ticket',
    shortcuts: [{ keys: ['h'] }],
    available: (context) => {
      const open = useTicketStore.getState().open;
      return context.screen === 'ticket' && open?.load.state === 'ready' && helpdeskUrlOf(open.load.detail.url) !== null;
    },
    run: () => {
      const open = useTicketStore.getState().open;
      const url = open?.load.state === 'ready' ? helpdeskUrlOf(open.load.detail.url) : null;
      // The hosts turn a new window into the system browser, for http(s) and mailto only.
      if (url !== null) window.open(url, '_blank', 'noopener,noreferrer');
    },
  },
  ...VIEW_KEYS.map(
    ([view, key]): TriageAction => ({
      id: `view.${view}`,
      title: `Go to ${QUEUE_VIEW_LABELS[view]}`,
      group: 'Views',
      shortcuts: [{ keys: ['g', key] }],
      available: always,
      run: () => goToView(view),
    }),
  ),
  {
    id: 'search.focus',
    title: 'Search tickets',
    group: 'Search',
    shortcuts: [{ keys: ['/'] }],
    available: always,
    run: () => {
      if (useTicketStore.getState().open !== null) useTicketStore.getState().close();
      focusSoon(SEARCH_INPUT_ID, { select: true });
    },
  },
  {
    id: 'search.leave',
    title: 'Leave the search box',
    group: 'Search',
    shortcuts: [{ keys: ['Escape'], inSearch: true }],
    available: (context) => context.focus === 'search',
    run: () => focusSoon(QUEUE_GRID_ID),
  },
  {
    id: 'search.clear',
    title: 'Clear search',
    group: 'Search',
    shortcuts: [{ keys: ['Escape'], screen: 'queue' }],
    available: (context) => context.screen === 'queue' && context.searching && context.focus !== 'search',
    run: () => useSearchStore.getState().setQuery(''),
  },
  {
    id: 'sync.quarantine',
    title: 'Show quarantined records',
    group: 'Sync',
    shortcuts: [{ keys: ['g', 'q'] }],
    available: () => useQueueStore.getState().sync?.accounts.some((account) => account.quarantined > 0) ?? false,
    run: () => useOverlayStore.getState().open('quarantine'),
  },
  {
    id: 'writes.refused',
    title: 'Open the ticket of the oldest refused write',
    group: 'Sync',
    shortcuts: [{ keys: ['g', 'r'] }],
    available: () => oldestRefusedTicket() !== null,
    run: openOldestRefused,
  },
  {
    id: 'sync.accounts',
    title: 'Accounts: add, edit, test, remove',
    group: 'Sync',
    shortcuts: [{ keys: ['g', 's'] }],
    available: always,
    run: () => useOverlayStore.getState().open('accounts'),
  },
  ...writeActions({ openNextTicket }),
  ...MACRO_ACTIONS,
  {
    id: 'help.palette',
    title: 'Command palette',
    group: 'Help',
    shortcuts: [{ keys: ['k'], mod: true }],
    available: always,
    run: () => useOverlayStore.getState().open('palette'),
  },
  {
    id: 'help.shortcuts',
    title: 'Keyboard shortcuts',
    group: 'Help',
    shortcuts: [{ keys: ['?'] }],
    available: always,
    run: () => useOverlayStore.getState().open('shortcuts'),
  },
];
