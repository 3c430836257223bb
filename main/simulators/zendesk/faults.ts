/**
 * Zendesk's fault knobs: the common ones (see common/faults.ts), which count only API requests under `onlyPath`
 * when it is set (e.g. "/api/v2/search/export"), the search index's lag, and writes applied without an answer.
 * Counts also take flags (true is 1), a rate limit retries after 1 second by default, and `{"reset": true}` clears
 * every knob first.
 */

import {
  applyFaultPatch as applyPatch,
  countOrFlag,
  createFaults as createCommonFaults,
  nonNegativeInt,
  type FaultKnobs as CommonFaultKnobs,
} from '../common/faults.ts';

export interface FaultKnobs extends CommonFaultKnobs {
  /** The faults touch only API requests whose path starts with this (null: every API request). */
  onlyPath: string | null;
  /** A ticket changed less than this many milliseconds ago is not found by the search yet. */
  searchIndexLagMs: number;
  /** Apply the next N writes, then destroy the socket without answering: the client cannot know it was applied. */
  dropAfterWriteNext: number;
}

export function createFaults(): FaultKnobs {
  return { ...createCommonFaults(), onlyPath: null, searchIndexLagMs: 0, dropAfterWriteNext: 0 };
}

export function claimDropAfterWrite(faults: FaultKnobs): boolean {
  if (faults.dropAfterWriteNext <= 0) return false;
  faults.dropAfterWriteNext--;
  return true;
}

/** Whether the faults apply to a request for this path. */
export function faultsApplyTo(faults: FaultKnobs, pathname: string): boolean {
  return faults.onlyPath === null || pathname.startsWith(faults.onlyPath);
}

function setZendeskKnob(next: FaultKnobs, key: string, value: unknown): boolean {
  switch (key) {
    case 'onlyPath':
      if (value !== null && (typeof value !== 'string' || !value.startsWith('/api/'))) throw new Error('onlyPath must be a path starting with /api/, or null');
      next.onlyPath = typeof value === 'string' ? value : null;
      return true;
    case 'searchIndexLagMs':
      next.searchIndexLagMs = nonNegativeInt(value, key);
      return true;
    case 'dropAfterWriteNext':
      next.dropAfterWriteNext = countOrFlag(value, key);
      return true;
    default:
      return false;
  }
}

export function applyFaultPatch(faults: FaultKnobs, patch: unknown): void {
  applyPatch(faults, patch, { patchName: 'faults', count: countOrFlag, defaultRetryAfterSeconds: 1, reset: createFaults, vendorKnob: setZendeskKnob });
}
