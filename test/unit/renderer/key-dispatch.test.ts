import { describe, expect, it } from 'vitest';
import { type ActionContext, dispatchKey, type TriageAction } from '../../../renderer/keyboard/key-dispatch.ts';
import { describeShortcut, isModChord, keyOf, type KeyPress } from '../../../renderer/keyboard/shortcut.ts';

const press = (key: string, code: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  altGraph: false,
  ...modifiers,
});

const action = (id: string, shortcuts: TriageAction['shortcuts'], available: TriageAction['available'] = () => true): TriageAction => ({
  id,
  title: id,
  group: 'Queue',
  shortcuts,
  available,
  run: () => undefined,
});

const ACTIONS: readonly TriageAction[] = [
  action('next', [{ keys: ['j'] }, { keys: ['ArrowDown'], screen: 'queue', inSearch: true }]),
  action('open', [{ keys: ['Enter'], inSearch: true }], (context) => context.screen === 'queue'),
  action('close', [{ keys: ['Escape'] }], (context) => context.screen === 'ticket'),
  action('leave-search', [{ keys: ['Escape'], inSearch: true }], (context) => context.focus === 'search'),
  action('clear-search', [{ keys: ['Escape'] }], (context) => context.searching && context.focus !== 'search'),
  action('p1', [{ keys: ['g', '1'] }]),
  action('all', [{ keys: ['g', 'a'] }]),
  action('search', [{ keys: ['/'] }]),
  action('palette', [{ keys: ['k'], mod: true }]),
  action('help', [{ keys: ['?'] }]),
];

const QUEUE: ActionContext = { screen: 'queue', focus: 'other', searching: false };
const ran = (outcome: ReturnType<typeof dispatchKey>): string | null => (outcome.kind === 'run' ? outcome.action.id : outcome.kind === 'prefix' ? `prefix ${outcome.key}` : null);
const dispatch = (keyPress: KeyPress, context: ActionContext = QUEUE, prefix: string | null = null, mac = false) => ran(dispatchKey(ACTIONS, keyPress, context, prefix, mac));

describe('keys are characters, not physical keys', () => {
  it('reads event.key: AZERTY "a" (on KeyQ) is a, its "?" (Shift on KeyM) is ?', () => {
    expect(dispatch(press('a', 'KeyQ'), QUEUE, 'g')).toBe('all');
    expect(dispatch(press('q', 'KeyA'), QUEUE, 'g')).toBeNull();
    expect(dispatch(press('?', 'KeyM', {}))).toBe('help');
    expect(dispatch(press('/', 'Period'))).toBe('search');
  });
  it('AZERTY digits need Shift, QWERTZ "/" is Shift+7: Shift does not stop a character shortcut', () => {
    expect(dispatch(press('g', 'KeyG'))).toBe('prefix g');
    expect(dispatch(press('1', 'Digit1'), QUEUE, 'g')).toBe('p1');
    expect(dispatch(press('/', 'Digit7'))).toBe('search');
  });
  it('Caps Lock and Shift do not change a letter', () => {
    expect(dispatch(press('J', 'KeyJ'))).toBe('next');
  });
  it('AltGr (Ctrl+Alt on Windows) types characters; it is not a chord', () => {
    expect(dispatch(press('/', 'Digit7', { ctrlKey: true, altKey: true, altGraph: true }))).toBe('search');
  });
  it('on a Cyrillic layout a letter key falls back to its position', () => {
    expect(keyOf(press('о', 'KeyJ'))).toBe('j');
    expect(dispatch(press('о', 'KeyJ'))).toBe('next');
    expect(dispatch(press('л', 'KeyK', { ctrlKey: true }))).toBe('palette');
  });
  it('Cmd+K on macOS, Ctrl+K elsewhere; Alt or Ctrl with a letter is no single-key shortcut', () => {
    expect(dispatch(press('k', 'KeyK', { metaKey: true }), QUEUE, null, true)).toBe('palette');
    expect(dispatch(press('k', 'KeyK', { ctrlKey: true }), QUEUE, null, true)).toBeNull();
    expect(dispatch(press('k', 'KeyK', { ctrlKey: true }))).toBe('palette');
    expect(dispatch(press('j', 'KeyJ', { altKey: true }))).toBeNull();
    expect(dispatch(press('j', 'KeyJ', { ctrlKey: true }))).toBeNull();
    expect(isModChord(press('k', 'KeyK', { ctrlKey: true, altKey: true }), false)).toBe(false);
  });
});

describe('where the engineer is decides what a key does', () => {
  it('single keys do nothing in a text field; chords still work', () => {
    const typing: ActionContext = { ...QUEUE, focus: 'text' };
    expect(dispatch(press('j', 'KeyJ'), typing)).toBeNull();
    expect(dispatch(press('?', 'Slash'), typing)).toBeNull();
    expect(dispatch(press('Escape', 'Escape'), typing)).toBeNull();
    expect(dispatch(press('k', 'KeyK', { ctrlKey: true }), typing)).toBe('palette');
  });
  it('in the search box only arrows, Enter and Esc act', () => {
    const searching: ActionContext = { screen: 'queue', focus: 'search', searching: true };
    expect(dispatch(press('j', 'KeyJ'), searching)).toBeNull();
    expect(dispatch(press('g', 'KeyG'), searching)).toBeNull();
    expect(dispatch(press('ArrowDown', 'ArrowDown'), searching)).toBe('next');
    expect(dispatch(press('Enter', 'Enter'), searching)).toBe('open');
    expect(dispatch(press('Escape', 'Escape'), searching)).toBe('leave-search');
  });
  it('Esc goes back to the queue from a ticket, and clears a search in the queue', () => {
    expect(dispatch(press('Escape', 'Escape'), { screen: 'ticket', focus: 'other', searching: true })).toBe('close');
    expect(dispatch(press('Escape', 'Escape'), { screen: 'queue', focus: 'other', searching: true })).toBe('clear-search');
    expect(dispatch(press('Escape', 'Escape'))).toBeNull();
  });
  it('arrows move the selection in the queue but are left to scroll the ticket view', () => {
    expect(dispatch(press('ArrowDown', 'ArrowDown'), { screen: 'ticket', focus: 'other', searching: false })).toBeNull();
    expect(dispatch(press('j', 'KeyJ'), { screen: 'ticket', focus: 'other', searching: false })).toBe('next');
  });
  it('a sequence runs only with its own second key', () => {
    expect(dispatch(press('x', 'KeyX'), QUEUE, 'g')).toBeNull();
    expect(dispatch(press('1', 'Digit1'))).toBeNull();
  });
});

describe('shortcuts in words', () => {
  it('names sequences and chords the way the cheat sheet shows them', () => {
    expect(describeShortcut({ keys: ['g', '1'] }, false)).toBe('G then 1');
    expect(describeShortcut({ keys: ['k'], mod: true }, false)).toBe('Ctrl+K');
    expect(describeShortcut({ keys: ['k'], mod: true }, true)).toBe('⌘+K');
    expect(describeShortcut({ keys: ['Escape'] }, false)).toBe('Esc');
  });
});
