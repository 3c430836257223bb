import { triageHost } from './triage-host.ts';

/**
 * Tells the host whether the engineer is looking at the window, now and whenever that changes: the core polls faster
 * while they are. Returns the function that stops reporting.
 */
export function reportWindowFocus(): () => void {
  let reported: boolean | null = null;
  const report = (): void => {
    const focused = document.visibilityState === 'visible' && document.hasFocus();
    if (focused === reported) return;
    reported = focused;
    // A report lost with the host changes nothing the engineer sees; the host banner says the host is gone.
    triageHost()?.reportWindowFocus({ focused }).catch(() => undefined);
  };
  report();
  window.addEventListener('focus', report);
  window.addEventListener('blur', report);
  document.addEventListener('visibilitychange', report);
  return () => {
    window.removeEventListener('focus', report);
    window.removeEventListener('blur', report);
    document.removeEventListener('visibilitychange', report);
  };
}
