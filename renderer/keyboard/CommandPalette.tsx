import { Command } from 'cmdk';
import { useState } from 'react';
import { useOverlayStore } from '../stores/overlay-store.ts';
import type { ActionGroup, TriageAction } from './key-dispatch.ts';
import { currentContext, IS_MAC } from './key-handler.ts';
import { KeyCaps } from './KeyCaps.tsx';
import { ModalDialog } from './ModalDialog.tsx';
import { paletteFilter } from './palette-filter.ts';
import { isModChord, keyOf } from './shortcut.ts';

const GROUP_ORDER: readonly ActionGroup[] = ['Queue', 'Ticket', 'Write', 'Macros', 'Views', 'Search', 'Sync', 'Help'];

/** Cmd/Ctrl+K: every action that applies here, fuzzy-matched as the engineer types, each with its shortcut. */
export function CommandPalette({ actions }: { actions: readonly TriageAction[] }) {
  const open = useOverlayStore((state) => state.overlay === 'palette');
  return open ? <PaletteDialog actions={actions} /> : null;
}

function PaletteDialog({ actions }: { actions: readonly TriageAction[] }) {
  const close = useOverlayStore((state) => state.close);
  // Read where the engineer was before the dialog took focus: that is where the action will run.
  const [available] = useState(() => {
    const context = currentContext(document.activeElement);
    return actions.filter((action) => action.id !== 'help.palette' && action.available(context));
  });
  const [search, setSearch] = useState('');
  const run = (action: TriageAction): void => {
    close();
    action.run();
  };
  return (
    <ModalDialog
      label="Command palette"
      className="palette"
      closesOn={(event) => isModChord({ ...event, altGraph: event.getModifierState('AltGraph') }, IS_MAC) && keyOf(event) === 'k'}
    >
      <Command label="Command palette" loop filter={paletteFilter}>
        <Command.Input className="palette-input" placeholder="Type a command…" value={search} onValueChange={setSearch} data-autofocus />
        <Command.List className="palette-list">
          <Command.Empty className="palette-empty">No action matches.</Command.Empty>
          {/* Grouped while browsing; one list ranked by the match once something is typed (cmdk ranks within a group only). */}
          {search.trim() === ''
            ? GROUP_ORDER.map((group) => {
                const items = available.filter((action) => action.group === group);
                if (items.length === 0) return null;
                return (
                  <Command.Group key={group} heading={group}>
                    {items.map((action) => (
                      <PaletteItem key={action.id} action={action} onRun={run} />
                    ))}
                  </Command.Group>
                );
              })
            : available.map((action) => <PaletteItem key={action.id} action={action} onRun={run} />)}
        </Command.List>
      </Command>
    </ModalDialog>
  );
}

function PaletteItem({ action, onRun }: { action: TriageAction; onRun: (action: TriageAction) => void }) {
  return (
    <Command.Item value={action.title} keywords={[action.group]} onSelect={() => onRun(action)} className="palette-item" data-action={action.id}>
      <span>{action.title}</span>
      {action.shortcuts[0] && <KeyCaps shortcut={action.shortcuts[0]} />}
    </Command.Item>
  );
}
