// What the engineer does with a write the helpdesk refused (or that conflicts with a newer change): edit its text
// and send it again, send it again as it is, or discard it, its text going back to the draft. Nothing typed is lost.
import type { DraftKind, OutboxEntry } from '../../shared/domain/outbox-entry.ts';
import { ticketKeyString } from '../../shared/domain/ticket.ts';
import { editInComposer, openComposer, reloadDraft, saveDraftsNow, useComposerStore } from '../composer/composer-store.ts';
import { hostErrorMessage } from '../host/host-error.ts';
import { triageHost } from '../host/triage-host.ts';
import { useNoticeStore } from '../stores/notice-store.ts';
import { useTicketStore } from '../stores/ticket-store.ts';
import { showWriteNow } from './show-write.ts';

/** Marks each write shown in the conversation, so the keys act on the one that has focus. */
export const WRITE_ID_ATTRIBUTE = 'data-write-id';

function openWrites(): readonly OutboxEntry[] {
  const open = useTicketStore.getState().open;
  return open?.load.state === 'ready' ? open.load.detail.writes : [];
}

/** The refused write the keys act on: the one holding focus, else the first of the open ticket. */
export function refusedWriteTarget(): OutboxEntry | null {
  const refused = openWrites().filter((entry) => entry.state === 'failed');
  const focusedId = document.activeElement?.closest(`[${WRITE_ID_ATTRIBUTE}]`)?.getAttribute(WRITE_ID_ATTRIBUTE);
  return refused.find((entry) => entry.id === focusedId) ?? refused[0] ?? null;
}

function draftKindOf(entry: OutboxEntry): DraftKind | null {
  const { comment } = entry.write;
  return comment === null ? null : comment.public ? 'reply' : 'note';
}

export function canEdit(entry: OutboxEntry): boolean {
  return draftKindOf(entry) !== null;
}

/** Its text back in the composer; sending it then retries this entry with the new text and the same field changes. */
export function editRefusedWrite(entry: OutboxEntry): void {
  const kind = draftKindOf(entry);
  if (kind === null) return;
  editInComposer({ id: entry.id, kind, changes: entry.write.changes, text: entry.write.comment!.body });
}

export async function retryRefusedWrite(entry: OutboxEntry): Promise<void> {
  const host = triageHost();
  if (!host) return;
  try {
    showWriteNow(await host.retryWrite({ id: entry.id }));
  } catch (error) {
    useNoticeStore.getState().post(`The write could not be sent again: ${hostErrorMessage(error)}`);
  }
}

/** Drops the entry; the core appends its text to the ticket's draft, which the composer then shows. */
export async function discardRefusedWrite(entry: OutboxEntry): Promise<void> {
  const host = triageHost();
  if (!host) return;
  const kind = draftKindOf(entry);
  if (useComposerStore.getState().editing?.id === entry.id) useComposerStore.setState({ editing: null, mode: null });
  try {
    // The draft on disk must be what is on screen before the core appends the entry's text to it.
    await saveDraftsNow();
    await host.discardWrite({ id: entry.id });
  } catch (error) {
    useNoticeStore.getState().post(`The write could not be discarded: ${hostErrorMessage(error)}`);
    return;
  }
  await useTicketStore.getState().reload();
  const open = useTicketStore.getState().open;
  if (kind === null || open === null || open.load.state !== 'ready' || ticketKeyString(open.key) !== ticketKeyString(entry.ticket)) return;
  reloadDraft(entry.ticket, kind, open.load.detail.drafts[kind]);
  openComposer(kind);
}
