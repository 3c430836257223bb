/**
 * Zendesk's fault patch: counts also take flags (true is 1), a rate limit retries after 1 second by default, and
 * `{"reset": true}` clears every knob first. Only /api/ requests count (see common/faults.ts).
 */

import { applyFaultPatch as applyPatch, countOrFlag, createFaults, type FaultKnobs } from '../common/faults.ts';

export function applyFaultPatch(faults: FaultKnobs, patch: unknown): void {
  applyPatch(faults, patch, { patchName: 'faults', count: countOrFlag, defaultRetryAfterSeconds: 1, reset: createFaults });
}
