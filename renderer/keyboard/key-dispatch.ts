// From a key press to the action it triggers, given where the engineer is. Pure, so it is unit-tested on Node.
import { isModChord, isPlainPress, keyOf, type KeyPress, type Shortcut } from './shortcut.ts';

export type Screen = 'queue' | 'ticket';
/** Where keyboard focus is: the search box, another text field, or anything else. */
export type FocusPlace = 'search' | 'text' | 'other';

export interface ActionContext {
  readonly screen: Screen;
  readonly focus: FocusPlace;
  /** Whether the search box holds a query. */
  readonly searching: boolean;
}

export interface ActionShortcut extends Shortcut {
  /** Only on this screen (the arrows move the queue's selection but scroll the ticket view). */
  readonly screen?: Screen;
  /** Also while typing in the search box, where arrows, Enter and Esc act on the results. */
  readonly inSearch?: boolean;
  /** Also while typing in a text field (Esc leaves the composer). */
  readonly inText?: boolean;
}

export type ActionGroup = 'Queue' | 'Views' | 'Ticket' | 'Write' | 'Macros' | 'Search' | 'Sync' | 'Help';

/** One thing the engineer can do: the key handler, the command palette and the cheat sheet all read this. */
export interface TriageAction {
  readonly id: string;
  readonly title: string;
  readonly group: ActionGroup;
  readonly shortcuts: readonly ActionShortcut[];
  available(context: ActionContext): boolean;
  run(): void;
}

export type KeyOutcome =
  | { readonly kind: 'run'; readonly action: TriageAction }
  | { readonly kind: 'prefix'; readonly key: string }
  | { readonly kind: 'none' };

const NONE: KeyOutcome = { kind: 'none' };

/**
 * The action a press triggers. Cmd/Ctrl chords act everywhere; single keys act only outside text fields (and,
 * when marked, in the search box or a text field); `pendingPrefix` is the first key of a sequence ("g") pressed just before.
 */
export function dispatchKey(
  actions: readonly TriageAction[],
  press: KeyPress,
  context: ActionContext,
  pendingPrefix: string | null,
  mac: boolean,
): KeyOutcome {
  const key = keyOf(press);
  const fits = (shortcut: ActionShortcut): boolean => shortcut.screen === undefined || shortcut.screen === context.screen;
  const find = (matches: (shortcut: ActionShortcut) => boolean): KeyOutcome => {
    for (const action of actions) {
      if (action.shortcuts.some((shortcut) => fits(shortcut) && matches(shortcut)) && action.available(context)) return { kind: 'run', action };
    }
    return NONE;
  };

  if (isModChord(press, mac)) {
    const shift = press.shiftKey === true;
    return find((shortcut) => shortcut.mod === true && shortcut.keys.length === 1 && shortcut.keys[0] === key && (shortcut.shift === undefined || shortcut.shift === shift));
  }
  if (!isPlainPress(press)) return NONE;
  const typedHere = (shortcut: ActionShortcut): boolean =>
    context.focus === 'search' ? shortcut.inSearch === true : context.focus === 'text' ? shortcut.inText === true : true;
  const plain = (shortcut: ActionShortcut): boolean => shortcut.mod !== true && typedHere(shortcut);

  if (pendingPrefix !== null) {
    return find((shortcut) => plain(shortcut) && shortcut.keys.length === 2 && shortcut.keys[0] === pendingPrefix && shortcut.keys[1] === key);
  }
  const single = find((shortcut) => plain(shortcut) && shortcut.keys.length === 1 && shortcut.keys[0] === key);
  if (single.kind === 'run') return single;
  const startsSequence = actions.some(
    (action) => action.available(context) && action.shortcuts.some((shortcut) => fits(shortcut) && plain(shortcut) && shortcut.keys.length === 2 && shortcut.keys[0] === key),
  );
  return startsSequence ? { kind: 'prefix', key } : NONE;
}
