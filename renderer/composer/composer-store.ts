import { create } from 'zustand';
import type { DraftKind, OutboxEntry, TicketFieldChanges } from '../../shared/domain/outbox-entry.ts';
import type { TicketDetail } from '../../shared/domain/ticket-detail.ts';
import { type TicketKey, ticketKeyString } from '../../shared/domain/ticket.ts';
import { hostErrorMessage } from '../host/host-error.ts';
import { triageHost } from '../host/triage-host.ts';
import { focusSoon, TICKET_VIEW_ID } from '../keyboard/focus-targets.ts';
import { showWriteNow } from '../writes/show-write.ts';
import { type DraftSaveState, DraftSaver } from './draft-saver.ts';

export const COMPOSER_INPUT_ID = 'composer-input';

/** A refused write whose text is back in the composer: sending it retries that entry with the new text. */
export interface EditedWrite {
  id: string;
  kind: DraftKind;
  /** The entry's field changes, sent again with the edited text. */
  changes: TicketFieldChanges | null;
  text: string;
}

interface ComposerState {
  /** The ticket whose drafts `texts` holds; null before a ticket's detail arrived. */
  ticket: TicketKey | null;
  /** Which composer is open: a public reply or an internal note; null when closed. */
  mode: DraftKind | null;
  /** Both drafts of the ticket, as typed (saved a moment after typing pauses). */
  texts: Record<DraftKind, string>;
  editing: EditedWrite | null;
  draftState: Record<DraftKind, DraftSaveState | null>;
  sending: boolean;
  /** Why the last send did not go (an empty message, the host's refusal). */
  error: string | null;
}

const NO_DRAFTS: Record<DraftKind, string> = { reply: '', note: '' };
const NO_DRAFT_STATE: Record<DraftKind, DraftSaveState | null> = { reply: null, note: null };

export const useComposerStore = create<ComposerState>()(() => ({
  ticket: null,
  mode: null,
  texts: NO_DRAFTS,
  editing: null,
  draftState: NO_DRAFT_STATE,
  sending: false,
  error: null,
}));

const isCurrent = (ticket: TicketKey): boolean => {
  const current = useComposerStore.getState().ticket;
  return current !== null && ticketKeyString(current) === ticketKeyString(ticket);
};

const saver = new DraftSaver({
  save: async (ticket, kind, body) => {
    const host = triageHost();
    if (!host) throw new Error('no host');
    await host.saveDraft({ ticket, kind, body });
  },
  onState: (ticket, kind, state) => {
    if (isCurrent(ticket)) useComposerStore.setState((composer) => ({ draftState: { ...composer.draftState, [kind]: state } }));
  },
});

/** Takes the drafts of a ticket whose detail just arrived; the ticket already held keeps what is being typed. */
export function loadDrafts(ticket: TicketKey, drafts: TicketDetail['drafts']): void {
  if (isCurrent(ticket)) return;
  void saver.flush();
  useComposerStore.setState({
    ticket,
    mode: null,
    texts: { reply: drafts.reply ?? '', note: drafts.note ?? '' },
    editing: null,
    draftState: NO_DRAFT_STATE,
    sending: false,
    error: null,
  });
}

/** Replaces one draft with the core's (a discarded write's text came back to it). */
export function reloadDraft(ticket: TicketKey, kind: DraftKind, body: string | null): void {
  if (!isCurrent(ticket)) return;
  useComposerStore.setState((composer) => ({ texts: { ...composer.texts, [kind]: body ?? '' } }));
}

export function openComposer(kind: DraftKind): void {
  useComposerStore.setState({ mode: kind, editing: null, error: null });
  focusSoon(COMPOSER_INPUT_ID);
}

/** Puts a refused write's text in the composer; sending retries that entry. */
export function editInComposer(edited: EditedWrite): void {
  useComposerStore.setState({ mode: edited.kind, editing: edited, error: null });
  focusSoon(COMPOSER_INPUT_ID);
}

/** Esc: the composer closes, its draft kept (an edit of a refused write is dropped; the entry stays as it was). */
export function leaveComposer(): void {
  void saver.flush();
  useComposerStore.setState({ mode: null, editing: null, error: null });
  focusSoon(TICKET_VIEW_ID);
}

export function typeInComposer(text: string): void {
  const { ticket, mode, editing } = useComposerStore.getState();
  if (ticket === null || mode === null) return;
  if (editing !== null) {
    useComposerStore.setState({ editing: { ...editing, text }, error: null });
    return;
  }
  useComposerStore.setState((composer) => ({ texts: { ...composer.texts, [mode]: text }, error: null }));
  saver.schedule(ticket, mode, text);
}

/** Saves what is waiting now: the composer lost focus, or the ticket is closing. */
export function saveDraftsNow(): Promise<void> {
  return saver.flush();
}

/**
 * Ctrl/Cmd+Enter: the open composer's text into the outbox (or, when editing a refused write, that write again
 * with the new text). Resolves true once the core has it.
 */
export async function sendComposer(): Promise<boolean> {
  const { ticket, mode, texts, editing, sending } = useComposerStore.getState();
  if (ticket === null || mode === null || sending) return false;
  const body = editing?.text ?? texts[mode];
  if (body.trim() === '') {
    useComposerStore.setState({ error: 'Nothing to send: the message is empty.' });
    return false;
  }
  const host = triageHost();
  if (!host) return false;
  useComposerStore.setState({ sending: true, error: null });
  const comment = { body, public: mode === 'reply' };
  let entry: OutboxEntry;
  try {
    if (editing !== null) {
      entry = await host.retryWrite({ id: editing.id, write: { comment, changes: editing.changes } });
    } else {
      // The outbox clears the draft as it takes the text: a save still waiting must not bring it back.
      saver.cancel(ticket, mode);
      entry = await host.queueWrite({ ticket, write: { comment }, fromDraft: mode });
    }
  } catch (error) {
    if (editing === null) saver.schedule(ticket, mode, body);
    if (isCurrent(ticket)) useComposerStore.setState({ sending: false, error: hostErrorMessage(error) });
    return false;
  }
  if (isCurrent(ticket)) {
    useComposerStore.setState((composer) => ({
      mode: null,
      editing: null,
      sending: false,
      texts: editing === null ? { ...composer.texts, [mode]: '' } : composer.texts,
      draftState: editing === null ? { ...composer.draftState, [mode]: null } : composer.draftState,
    }));
    focusSoon(TICKET_VIEW_ID);
  }
  showWriteNow(entry);
  return true;
}
