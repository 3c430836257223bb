/**
 * What the host said went wrong, as the person should read it: Electron wraps a handler's error as
 * "Error invoking remote method 'triage:addAccount': AccountsError: ..."; the browser host sends the message alone.
 */
export function hostErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '');
}
