import { describe, expect, it } from 'vitest';
import { type ActionContext, dispatchKey, type TriageAction } from '../../../renderer/keyboard/key-dispatch.ts';
import { describeShortcut, type KeyPress } from '../../../renderer/keyboard/shortcut.ts';

// The composer's keys: Ctrl/Cmd+Enter and Ctrl/Cmd+Shift+Enter send from the text field, Esc leaves it; plain
// letters still type there.
const press = (key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({ key, code: '', ctrlKey: false, metaKey: false, altKey: false, altGraph: false, ...modifiers });
const action = (id: string, shortcuts: TriageAction['shortcuts']): TriageAction => ({ id, title: id, group: 'Write', shortcuts, available: () => true, run: () => undefined });

const ACTIONS = [
  action('close-ticket', [{ keys: ['Escape'] }]),
  action('send-next', [{ keys: ['Enter'], mod: true, shift: true }]),
  action('send', [{ keys: ['Enter'], mod: true, shift: false }]),
  action('leave-composer', [{ keys: ['Escape'], inText: true }]),
  action('reply', [{ keys: ['r'] }]),
  action('palette', [{ keys: ['k'], mod: true }]),
];
const TYPING: ActionContext = { screen: 'ticket', focus: 'text', searching: false };
const VIEWING: ActionContext = { screen: 'ticket', focus: 'other', searching: false };
const ran = (keyPress: KeyPress, context: ActionContext, mac = false): string | null => {
  const outcome = dispatchKey(ACTIONS, keyPress, context, null, mac);
  return outcome.kind === 'run' ? outcome.action.id : null;
};

describe('keys in the composer', () => {
  it('tells Ctrl+Enter from Ctrl+Shift+Enter (Cmd on macOS), in the text field too', () => {
    expect(ran(press('Enter', { ctrlKey: true }), TYPING)).toBe('send');
    expect(ran(press('Enter', { ctrlKey: true, shiftKey: true }), TYPING)).toBe('send-next');
    expect(ran(press('Enter', { metaKey: true, shiftKey: true }), TYPING, true)).toBe('send-next');
    expect(ran(press('Enter', { metaKey: true }), TYPING, true)).toBe('send');
    // A chord that does not say Shift takes it either way.
    expect(ran(press('k', { ctrlKey: true, shiftKey: true }), TYPING)).toBe('palette');
  });
  it('lets Esc leave the text field while letters type, and Esc elsewhere closes the ticket', () => {
    expect(ran(press('Escape'), TYPING)).toBe('leave-composer');
    expect(ran(press('r'), TYPING)).toBeNull();
    expect(ran(press('Enter'), TYPING)).toBeNull();
    expect(ran(press('Escape'), VIEWING)).toBe('close-ticket');
    expect(ran(press('r'), VIEWING)).toBe('reply');
  });
  it('shows Shift on the key caps', () => {
    expect(describeShortcut({ keys: ['Enter'], mod: true, shift: true }, false)).toBe('Ctrl+Shift+Enter');
    expect(describeShortcut({ keys: ['Enter'], mod: true, shift: true }, true)).toBe('⌘+⇧+Enter');
    expect(describeShortcut({ keys: ['Enter'], mod: true, shift: false }, false)).toBe('Ctrl+Enter');
  });
});
