/**
 * Help Scout's fault knobs: the common ones (see common/faults.ts) plus malformed conversation list pages and writes
 * applied without an answer. Only /v2/ API requests count, not the token endpoint (a connector's token renewal is
 * tested with the token knobs instead). Expiring tokens is an action, not a knob: the server's `expireTokens()`, or
 * `{"expireTokens": true}` on /__control/faults.
 */

import { applyFaultPatch as applyPatch, countOrFlag, createFaults as createCommonFaults, type FaultKnobs as CommonFaultKnobs } from '../common/faults.ts';

export interface FaultKnobs extends CommonFaultKnobs {
  /** Put one malformed conversation in each of the next N conversation list pages that have any. */
  malformedNext: number;
  /** Apply the next N writes, then destroy the socket without answering: the client cannot know it was applied. */
  dropAfterWriteNext: number;
}

export function createFaults(): FaultKnobs {
  return { ...createCommonFaults(), malformedNext: 0, dropAfterWriteNext: 0 };
}

export function claimDropAfterWrite(faults: FaultKnobs): boolean {
  if (faults.dropAfterWriteNext <= 0) return false;
  faults.dropAfterWriteNext--;
  return true;
}

export function claimMalformed(faults: FaultKnobs): boolean {
  if (faults.malformedNext <= 0) return false;
  faults.malformedNext--;
  return true;
}

function setHelpScoutKnob(next: FaultKnobs, key: string, value: unknown): boolean {
  switch (key) {
    case 'expireTokens':
      // The control route acts on it once the patch is valid.
      return true;
    case 'malformedNext':
    case 'dropAfterWriteNext':
      next[key] = countOrFlag(value, key);
      return true;
    default:
      return false;
  }
}

/**
 * Applies a JSON patch of knobs: counts also take flags (true is 1), a rate limit retries after 1 second by
 * default, `{"reset": true}` clears every knob first, and `expireTokens` is left to the caller.
 */
export function applyFaultPatch(faults: FaultKnobs, patch: unknown): void {
  applyPatch(faults, patch, { patchName: 'faults', count: countOrFlag, defaultRetryAfterSeconds: 1, reset: createFaults, vendorKnob: setHelpScoutKnob });
}
