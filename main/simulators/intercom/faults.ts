/**
 * Intercom's fault knobs: the common ones (see common/faults.ts) plus malformed search pages, an expired token and
 * writes applied without an answer.
 * Counts are strict integers, a rate limit retries after 10 seconds by default, and there is no reset knob.
 */

import { applyFaultPatch as applyPatch, createFaults as createCommonFaults, nonNegativeInt, objectOf, type FaultKnobs as CommonFaultKnobs } from '../common/faults.ts';

export type MalformedDefect = 'missing_id' | 'created_at_string';

export interface FaultKnobs extends CommonFaultKnobs {
  /** Spoil one conversation in each of the next `count` non-empty search pages. */
  malformedSearchNext: { count: number; defect: MalformedDefect } | null;
  /** The token has expired: every API request answers 401 until the token is rotated (POST /__control/token). */
  tokenExpired: boolean;
  /** Apply the next N writes, then destroy the socket without answering: the client cannot know it was applied. */
  dropAfterWriteNext: number;
}

export function createFaults(): FaultKnobs {
  return { ...createCommonFaults(), malformedSearchNext: null, tokenExpired: false, dropAfterWriteNext: 0 };
}

export function claimDropAfterWrite(faults: FaultKnobs): boolean {
  if (faults.dropAfterWriteNext <= 0) return false;
  faults.dropAfterWriteNext--;
  return true;
}

/** The defect to put into this search page, if a knob asks for one. */
export function claimMalformed(faults: FaultKnobs): MalformedDefect | null {
  const knob = faults.malformedSearchNext;
  if (!knob || knob.count <= 0) return null;
  knob.count--;
  if (knob.count <= 0) faults.malformedSearchNext = null;
  return knob.defect;
}

function setIntercomKnob(next: FaultKnobs, key: string, value: unknown): boolean {
  switch (key) {
    case 'malformedSearchNext': {
      if (value === null) {
        next.malformedSearchNext = null;
        return true;
      }
      const v = objectOf(value, key);
      const defect = v['defect'] ?? 'missing_id';
      if (defect !== 'missing_id' && defect !== 'created_at_string') throw new Error('malformedSearchNext.defect must be missing_id or created_at_string');
      next.malformedSearchNext = { count: nonNegativeInt(v['count'] ?? 1, 'malformedSearchNext.count'), defect };
      return true;
    }
    case 'tokenExpired':
      // Only rotation ends an expiry, as with a real expired token.
      if (value !== true) throw new Error('tokenExpired can only be set to true; rotate the token (POST /__control/token) to end it');
      next.tokenExpired = true;
      return true;
    case 'dropAfterWriteNext':
      next.dropAfterWriteNext = nonNegativeInt(value, key);
      return true;
    default:
      return false;
  }
}

/** Applies a partial knob update (the control route's body); throws on unknown knobs or bad values. */
export function applyFaultPatch(faults: FaultKnobs, patch: unknown): void {
  applyPatch(faults, patch, { patchName: 'body', count: nonNegativeInt, defaultRetryAfterSeconds: 10, vendorKnob: setIntercomKnob });
}
