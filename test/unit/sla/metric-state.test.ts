// The state of one metric at an instant, around every threshold.
import { describe, expect, it } from 'vitest';
import { metricStateAt, type MetricSituation } from '../../../shared/sla/index.ts';

const DEFAULT_RISK = { fractionOfTarget: 0.25, minutesLeft: 30 };
const due = 100_000;
const running = (targetSeconds: number): MetricSituation => ({ dueAt: due, targetSeconds, stoppedAt: null, pause: null });

describe('metric state', () => {
  it.each([
    // [target, seconds before due, state]: 25 % of 8 h is 2 h; for 1 h the 30 minutes are larger.
    [8 * 3600, 7201, 'running'],
    [8 * 3600, 7200, 'at_risk'],
    [8 * 3600, 0, 'at_risk'],
    [3600, 1801, 'running'],
    [3600, 1800, 'at_risk'],
    [0, 1800, 'at_risk'],
  ] as const)('target %i s, %i s left: %s', (target, left, kind) => {
    expect(metricStateAt(running(target), due - left, DEFAULT_RISK)).toEqual({ kind, countdownSeconds: left });
  });

  it('is breached one second after due, with how long ago', () => {
    expect(metricStateAt(running(3600), due + 1, DEFAULT_RISK)).toEqual({ kind: 'breached', breachedForSeconds: 1, countdownSeconds: -1 });
  });

  it('uses the configured thresholds', () => {
    expect(metricStateAt(running(3600), due - 1800, { fractionOfTarget: 0.5, minutesLeft: 0 }).kind).toBe('at_risk');
    expect(metricStateAt(running(3600), due - 1801, { fractionOfTarget: 0.5, minutesLeft: 0 }).kind).toBe('running');
    expect(metricStateAt(running(3600), due - 1, { fractionOfTarget: 0, minutesLeft: 0 }).kind).toBe('running');
  });

  it('is achieved when met at due, missed one second later', () => {
    expect(metricStateAt({ ...running(3600), stoppedAt: due }, due + 50, DEFAULT_RISK)).toEqual({ kind: 'achieved', at: due, spareSeconds: 0 });
    expect(metricStateAt({ ...running(3600), stoppedAt: due + 1 }, due + 50, DEFAULT_RISK)).toEqual({ kind: 'missed', at: due + 1, lateBySeconds: 1 });
  });

  it('is paused with the reason and, when known, the resume time', () => {
    const pause = { reasons: ['hold' as const], since: due - 5000, resumesAt: due - 1000 };
    expect(metricStateAt({ ...running(3600), pause }, due - 4000, DEFAULT_RISK)).toEqual({ kind: 'paused', ...pause, countdownSeconds: 4000 });
    const open = { reasons: ['pending' as const], since: due - 5000, resumesAt: null };
    expect(metricStateAt({ ...running(3600), dueAt: Infinity, pause: open }, due, DEFAULT_RISK)).toEqual({ kind: 'paused', ...open, countdownSeconds: null });
  });

  it('a breach outranks a later pause', () => {
    const pause = { reasons: ['pending' as const], since: due + 10, resumesAt: null };
    expect(metricStateAt({ ...running(3600), pause }, due + 20, DEFAULT_RISK).kind).toBe('breached');
  });
});
