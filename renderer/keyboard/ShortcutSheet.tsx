import { useOverlayStore } from '../stores/overlay-store.ts';
import type { ActionGroup, TriageAction } from './key-dispatch.ts';
import { KeyCaps } from './KeyCaps.tsx';
import { ModalDialog, ModalHeader } from './ModalDialog.tsx';
import { keyOf } from './shortcut.ts';

const GROUP_ORDER: readonly ActionGroup[] = ['Queue', 'Ticket', 'Write', 'Macros', 'Views', 'Search', 'Sync', 'Help'];

/** "?": every shortcut of the registry, grouped, with the screen a key is limited to. */
export function ShortcutSheet({ actions }: { actions: readonly TriageAction[] }) {
  const open = useOverlayStore((state) => state.overlay === 'shortcuts');
  if (!open) return null;
  return (
    <ModalDialog label="Keyboard shortcuts" className="shortcut-sheet" closesOn={(event) => keyOf(event) === '?'}>
      <ModalHeader focusClose>Keyboard shortcuts</ModalHeader>
      <div className="shortcut-groups">
        {GROUP_ORDER.map((group) => (
          <section key={group} className="shortcut-group" aria-label={group}>
            <h3>{group}</h3>
            <dl>
              {actions
                .filter((action) => action.group === group)
                .map((action) => (
                  <div key={action.id} className="shortcut-row" data-action={action.id}>
                    <dt>{action.title}</dt>
                    <dd>
                      {action.shortcuts.length === 0 && <span className="muted">palette only</span>}
                      {action.shortcuts.map((shortcut, index) => (
                        <span key={index} className="shortcut-option">
                          <KeyCaps shortcut={shortcut} />
                          {shortcut.screen && <span className="muted"> ({shortcut.screen})</span>}
                        </span>
                      ))}
                    </dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="hint shortcut-note">
        Letters follow your keyboard layout (AZERTY, QWERTZ…). Single keys do nothing while you type in a text field;
        Esc leaves it.
      </p>
    </ModalDialog>
  );
}
