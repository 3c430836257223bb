// The composer's, the refused writes' and the severity keys' entries of the action registry (triage-actions.ts
// spreads them in). Navigation comes in as an argument: this module must not import the registry back.
import { SEVERITIES } from '../../shared/domain/ticket.ts';
import { COMPOSER_INPUT_ID, leaveComposer, openComposer, sendComposer, useComposerStore } from '../composer/composer-store.ts';
import type { ActionContext, TriageAction } from '../keyboard/key-dispatch.ts';
import { useTicketStore } from '../stores/ticket-store.ts';
import { canEdit, discardRefusedWrite, editRefusedWrite, refusedWriteTarget, retryRefusedWrite } from './refused-writes.ts';
import { setSeverity, severityTarget } from './severity-store.ts';

export interface TicketNavigation {
  /** From the ticket view, the next ticket of the queue. */
  openNextTicket(): void;
}

const ticketReady = (context: ActionContext): boolean => context.screen === 'ticket' && useTicketStore.getState().open?.load.state === 'ready';
const composing = (context: ActionContext): boolean => context.screen === 'ticket' && useComposerStore.getState().mode !== null;

export function writeActions(navigation: TicketNavigation): TriageAction[] {
  return [
    {
      id: 'write.reply',
      title: 'Reply to the customer',
      group: 'Write',
      shortcuts: [{ keys: ['r'] }],
      available: ticketReady,
      run: () => openComposer('reply'),
    },
    {
      id: 'write.note',
      title: 'Write an internal note',
      group: 'Write',
      shortcuts: [{ keys: ['n'] }],
      available: ticketReady,
      run: () => openComposer('note'),
    },
    {
      id: 'write.send-next',
      title: 'Send and open the next ticket',
      group: 'Write',
      shortcuts: [{ keys: ['Enter'], mod: true, shift: true }],
      available: composing,
      run: () => {
        void sendComposer().then((sent) => {
          if (sent) navigation.openNextTicket();
        });
      },
    },
    {
      id: 'write.send',
      title: 'Send',
      group: 'Write',
      shortcuts: [{ keys: ['Enter'], mod: true, shift: false }],
      available: composing,
      run: () => void sendComposer(),
    },
    {
      id: 'write.leave',
      title: 'Leave the composer (the draft is kept)',
      group: 'Write',
      shortcuts: [{ keys: ['Escape'], inText: true }],
      available: (context) => composing(context) && context.focus === 'text' && document.activeElement?.id === COMPOSER_INPUT_ID,
      run: leaveComposer,
    },
    {
      id: 'write.edit',
      title: 'Edit the refused write',
      group: 'Write',
      shortcuts: [{ keys: ['e'] }],
      available: (context) => {
        const target = context.screen === 'ticket' ? refusedWriteTarget() : null;
        return target !== null && canEdit(target);
      },
      run: () => {
        const target = refusedWriteTarget();
        if (target !== null) editRefusedWrite(target);
      },
    },
    {
      id: 'write.retry',
      title: 'Send the refused write again',
      group: 'Write',
      shortcuts: [{ keys: ['t'] }],
      available: (context) => context.screen === 'ticket' && refusedWriteTarget() !== null,
      run: () => {
        const target = refusedWriteTarget();
        if (target !== null) void retryRefusedWrite(target);
      },
    },
    {
      id: 'write.discard',
      title: 'Discard the refused write (keeps its text)',
      group: 'Write',
      shortcuts: [{ keys: ['d'] }],
      available: (context) => context.screen === 'ticket' && refusedWriteTarget() !== null,
      run: () => {
        const target = refusedWriteTarget();
        if (target !== null) void discardRefusedWrite(target);
      },
    },
    ...SEVERITIES.map(
      (severity, index): TriageAction => ({
        id: `severity.${severity}`,
        title: `Set severity ${severity}`,
        group: 'Write',
        shortcuts: [{ keys: [String(index + 1)] }],
        available: () => severityTarget() !== null,
        run: () => {
          const target = severityTarget();
          if (target !== null) setSeverity(target, severity);
        },
      }),
    ),
  ];
}
