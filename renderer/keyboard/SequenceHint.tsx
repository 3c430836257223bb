import type { TriageAction } from './key-dispatch.ts';
import { useKeySequenceStore } from './key-handler.ts';
import { KeyCaps } from './KeyCaps.tsx';

/** After "g": what the second key can be, so nobody has to remember it. */
export function SequenceHint({ actions }: { actions: readonly TriageAction[] }) {
  const prefix = useKeySequenceStore((state) => state.prefix);
  if (prefix === null) return null;
  const next = actions.flatMap((action) =>
    action.shortcuts.filter((shortcut) => shortcut.keys.length === 2 && shortcut.keys[0] === prefix).map((shortcut) => ({ action, shortcut })),
  );
  return (
    <div className="sequence-hint" role="status" data-testid="sequence-hint">
      {next.map(({ action, shortcut }) => (
        <span key={action.id} className="sequence-option">
          <KeyCaps shortcut={shortcut} /> {action.title.replace(/^Go to /, '')}
        </span>
      ))}
    </div>
  );
}
