import { create } from 'zustand';

/**
 * The one 1 Hz tick every countdown reads: a single timer for the whole window, aligned to the wall clock's second
 * so all countdowns change together. Only components that select it re-render, which are the visible due cells.
 */
export const useCountdownClock = create<{ nowSeconds: number }>(() => ({ nowSeconds: Math.floor(Date.now() / 1000) }));

let started = false;

export function startCountdownClock(): void {
  if (started) return;
  started = true;
  const tick = (): void => {
    const now = Date.now();
    useCountdownClock.setState({ nowSeconds: Math.floor(now / 1000) });
    setTimeout(tick, 1000 - (now % 1000));
  };
  tick();
}
