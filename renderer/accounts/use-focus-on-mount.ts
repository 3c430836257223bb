import { type RefObject, useEffect } from 'react';

export const ADD_ACCOUNT_ID = 'accounts-add';

/**
 * Moves focus into a view of the accounts screen when it appears (the dialog's own autofocus ran only once): to its
 * `[data-autofocus]` element, else its first input that can be typed in.
 */
export function useFocusOnMount(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const view = ref.current;
    const target = view?.querySelector<HTMLElement>('[data-autofocus]') ?? view?.querySelector<HTMLElement>('input:not([readonly]), button');
    target?.focus();
  }, [ref]);
}
