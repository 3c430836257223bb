import { useEffect } from 'react';
import type { TicketDetail } from '../../shared/domain/ticket-detail.ts';
import { ticketKeyString } from '../../shared/domain/ticket.ts';
import { IS_MAC } from '../keyboard/key-handler.ts';
import { openMacroPicker } from '../macros/macros-store.ts';
import { COMPOSER_INPUT_ID, loadDrafts, openComposer, saveDraftsNow, sendComposer, typeInComposer, useComposerStore } from './composer-store.ts';

const DRAFT_WORDS = { saving: 'Saving draft…', saved: 'Draft saved', failed: 'Draft not saved yet: trying again' } as const;

/**
 * Below the conversation: a reply to the customer or an internal note, plain text. Closed, it is a bar with the
 * keys that open it; each draft is kept per ticket as it is typed.
 */
export function Composer({ ticket }: { ticket: TicketDetail | null }) {
  const loaded = useComposerStore((state) => state.ticket);
  const mode = useComposerStore((state) => state.mode);
  const keyString = ticket === null ? null : ticketKeyString(ticket);
  useEffect(() => {
    if (ticket !== null) loadDrafts({ accountId: ticket.accountId, sourceId: ticket.sourceId }, ticket.drafts);
    // Only a new ticket brings drafts: a refetch of this one must not overwrite what is being typed.
  }, [keyString]);
  // Leaving the ticket view saves what is still waiting.
  useEffect(() => () => void saveDraftsNow(), []);
  const current = ticket !== null && loaded !== null && ticketKeyString(loaded) === keyString;
  return current && mode !== null ? <ComposerEditor ticket={ticket} /> : <ComposerBar ready={current} />;
}

function ComposerBar({ ready }: { ready: boolean }) {
  const texts = useComposerStore((state) => state.texts);
  return (
    <div className="composer-bar" data-testid="composer-bar">
      <button type="button" className="composer-open" disabled={!ready} onClick={() => openComposer('reply')}>
        Reply <kbd>R</kbd>
        {ready && texts.reply.trim() !== '' && <span className="draft-mark">draft</span>}
      </button>
      <button type="button" className="composer-open composer-open-note" disabled={!ready} onClick={() => openComposer('note')}>
        Internal note <kbd>N</kbd>
        {ready && texts.note.trim() !== '' && <span className="draft-mark">draft</span>}
      </button>
      <button type="button" className="composer-open" disabled={!ready} onClick={() => openMacroPicker()}>
        Macro <kbd>M</kbd>
      </button>
      <span className="hint composer-bar-hint">
        <kbd>1</kbd>-<kbd>4</kbd> severity
      </span>
    </div>
  );
}

function ComposerEditor({ ticket }: { ticket: TicketDetail }) {
  const mode = useComposerStore((state) => state.mode)!;
  const text = useComposerStore((state) => state.editing?.text ?? state.texts[mode]);
  const editing = useComposerStore((state) => state.editing !== null);
  const draftState = useComposerStore((state) => state.draftState[mode]);
  const sending = useComposerStore((state) => state.sending);
  const error = useComposerStore((state) => state.error);
  const mod = IS_MAC ? '⌘' : 'Ctrl';
  const reply = mode === 'reply';
  return (
    <section className={`composer composer-${mode}`} aria-label={reply ? 'Reply to the customer' : 'Internal note'} data-testid="composer" data-mode={mode}>
      <header className="composer-header">
        <span className="composer-title">{reply ? `Reply to ${ticket.requester?.name ?? 'the customer'}` : 'Internal note'}</span>
        <span className="composer-audience">{reply ? 'The customer sees this' : 'Only your team sees this'}</span>
        {editing && <span className="composer-editing">Editing a refused {reply ? 'reply' : 'note'}: sending tries it again</span>}
        <span className="composer-draft muted" data-testid="draft-state">
          {!editing && draftState !== null ? DRAFT_WORDS[draftState] : ''}
        </span>
      </header>
      <textarea
        id={COMPOSER_INPUT_ID}
        className="composer-input"
        aria-label={reply ? 'Reply' : 'Internal note'}
        placeholder={reply ? 'Write to the customer…' : 'Write a note for your team…'}
        rows={6}
        // Opened by a key: typing goes here at once (focusSoon's one frame can come before React has rendered it).
        autoFocus
        value={text}
        onChange={(event) => typeInComposer(event.target.value)}
        onBlur={() => void saveDraftsNow()}
      />
      {error !== null && (
        <p className="field-problem composer-error" role="alert">
          {error}
        </p>
      )}
      <footer className="composer-footer">
        <span className="hint">
          <kbd>{mod}</kbd> <kbd>Enter</kbd> send · <kbd>{mod}</kbd> <kbd>{IS_MAC ? '⇧' : 'Shift'}</kbd> <kbd>Enter</kbd> send and next ·{' '}
          <kbd>Esc</kbd> leave, draft kept
        </span>
        <button type="button" className="account-button primary" disabled={sending} onClick={() => void sendComposer()}>
          {reply ? 'Send reply' : 'Add note'}
        </button>
      </footer>
    </section>
  );
}
