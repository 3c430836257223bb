import { create } from 'zustand';
import { useOverlayStore } from '../stores/overlay-store.ts';
import { useSearchStore } from '../stores/search-store.ts';
import { useTicketStore } from '../stores/ticket-store.ts';
import { SEARCH_INPUT_ID } from './focus-targets.ts';
import { type ActionContext, dispatchKey, type FocusPlace, type TriageAction } from './key-dispatch.ts';
import { isModifierKey, type KeyPress } from './shortcut.ts';

/** How long the second key of a sequence ("g" then "1") may take. */
const SEQUENCE_MS = 1500;

export const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform);

/** The first key of a sequence waiting for its second, shown as a hint. */
export const useKeySequenceStore = create<{ prefix: string | null }>(() => ({ prefix: null }));

function focusPlaceOf(element: Element | null): FocusPlace {
  if (element === null) return 'other';
  if (element.id === SEARCH_INPUT_ID) return 'search';
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return 'text';
  if (element instanceof HTMLInputElement) return ['button', 'checkbox', 'radio', 'reset', 'submit'].includes(element.type) ? 'other' : 'text';
  return element instanceof HTMLElement && element.isContentEditable ? 'text' : 'other';
}

/** Where the engineer is, as the actions see it; `focused` is the element that has (or had) keyboard focus. */
export function currentContext(focused: Element | null): ActionContext {
  return {
    screen: useTicketStore.getState().open === null ? 'queue' : 'ticket',
    focus: focusPlaceOf(focused),
    searching: useSearchStore.getState().query.trim() !== '',
  };
}

/** Enter and Space on a button or link press it; they are not queue shortcuts there. */
function activatesControl(event: KeyboardEvent): boolean {
  if (event.key !== 'Enter' && event.key !== ' ') return false;
  const target = event.target;
  return target instanceof Element && target.closest('button, a[href], summary, select, [role="button"], [role="option"]') !== null;
}

/** Listens for the registry's shortcuts on the whole window. Returns the uninstall. */
export function installKeyHandler(actions: readonly TriageAction[]): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const setPrefix = (prefix: string | null): void => {
    if (timer !== null) clearTimeout(timer);
    timer = prefix === null ? null : setTimeout(() => setPrefix(null), SEQUENCE_MS);
    useKeySequenceStore.setState({ prefix });
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    // The palette and the cheat sheet are modal and handle their own keys; IME composition is typing.
    if (event.defaultPrevented || event.isComposing || useOverlayStore.getState().overlay !== null) return;
    if (isModifierKey(event.key) || activatesControl(event)) return;
    const press: KeyPress = {
      key: event.key,
      code: event.code,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      altKey: event.altKey,
      altGraph: event.getModifierState('AltGraph'),
      shiftKey: event.shiftKey,
    };
    const prefix = useKeySequenceStore.getState().prefix;
    const outcome = dispatchKey(actions, press, currentContext(document.activeElement), prefix, IS_MAC);
    if (prefix !== null) setPrefix(null);
    if (outcome.kind === 'none') return;
    event.preventDefault();
    if (outcome.kind === 'prefix') setPrefix(outcome.key);
    else outcome.action.run();
  };

  window.addEventListener('keydown', onKeyDown);
  return () => {
    window.removeEventListener('keydown', onKeyDown);
    setPrefix(null);
  };
}
