// What a metric looks like at an instant: the state the queue colours and the notifications fire on.
import type { PauseReason } from './metrics.ts';
import type { EpochSeconds } from './wall-clock.ts';

export interface AtRiskSettings {
  readonly fractionOfTarget: number;
  readonly minutesLeft: number;
}

/** Countdowns are calendar seconds to due (as Zendesk shows them), negative once breached. */
export type MetricState =
  | { readonly kind: 'running'; readonly countdownSeconds: number }
  | { readonly kind: 'at_risk'; readonly countdownSeconds: number }
  | {
      readonly kind: 'paused';
      readonly reasons: readonly PauseReason[];
      readonly since: EpochSeconds;
      /** Null when the pause ends on a future status or tag change. */
      readonly resumesAt: EpochSeconds | null;
      /** Null while due is unknown (the pause has no known end). */
      readonly countdownSeconds: number | null;
    }
  | { readonly kind: 'breached'; readonly breachedForSeconds: number; readonly countdownSeconds: number }
  | { readonly kind: 'achieved'; readonly at: EpochSeconds; readonly spareSeconds: number }
  | { readonly kind: 'missed'; readonly at: EpochSeconds; readonly lateBySeconds: number };

export interface MetricSituation {
  /** Infinity while an open-ended pause holds the clock before the target is used up. */
  readonly dueAt: EpochSeconds;
  readonly targetSeconds: number;
  readonly stoppedAt: EpochSeconds | null;
  /** The pause in force at `now`, if any. */
  readonly pause: { readonly reasons: readonly PauseReason[]; readonly since: EpochSeconds; readonly resumesAt: EpochSeconds | null } | null;
}

export function metricStateAt(situation: MetricSituation, now: EpochSeconds, atRisk: AtRiskSettings): MetricState {
  return metricStateWithRiskWindow(situation, now, riskWindowSeconds(situation.targetSeconds, atRisk));
}

/** How long before due a metric turns at risk: the larger of the policy's share of the target and its minutes. */
export function riskWindowSeconds(targetSeconds: number, atRisk: AtRiskSettings): number {
  return Math.floor(Math.max(atRisk.fractionOfTarget * targetSeconds, atRisk.minutesLeft * 60));
}

export function metricStateWithRiskWindow(situation: MetricSituation, now: EpochSeconds, riskWindow: number): MetricState {
  const { dueAt, stoppedAt, pause } = situation;
  if (stoppedAt !== null) {
    return stoppedAt <= dueAt
      ? { kind: 'achieved', at: stoppedAt, spareSeconds: dueAt - stoppedAt }
      : { kind: 'missed', at: stoppedAt, lateBySeconds: stoppedAt - dueAt };
  }
  const countdownSeconds = dueAt - now;
  // A breach stands even if the ticket was paused after it.
  if (countdownSeconds < 0) return { kind: 'breached', breachedForSeconds: -countdownSeconds, countdownSeconds };
  if (pause !== null) {
    return { kind: 'paused', ...pause, countdownSeconds: dueAt === Infinity ? null : countdownSeconds };
  }
  return countdownSeconds <= riskWindow ? { kind: 'at_risk', countdownSeconds } : { kind: 'running', countdownSeconds };
}
