import { describe, expect, it } from 'vitest';
import { compareQueueOrder, QueueOrder, type QueueOrderEntry, type SubsetRule } from '../../../main/core/store/queue-order.ts';
import { seededRandom } from '../../support/seeded-random.ts';

const NOW = 1_800_000_000;

function entry(id: number, random: () => number): QueueOrderEntry {
  const dueAt = random() < 0.2 ? null : NOW + Math.floor(random() * 50) * 60;
  return {
    id,
    accountId: 'acme',
    sourceId: String(id),
    open: random() < 0.8,
    severity: random() < 0.1 ? null : `P${1 + Math.floor(random() * 4)}`,
    assigneeId: null,
    dueAt,
    dueRiskAt: dueAt === null ? null : dueAt - 600,
    // Few distinct values, so that many entries tie on everything but their id.
    waitingSince: random() < 0.3 ? null : 1_700_000_000 + Math.floor(random() * 5),
  };
}

const p2: SubsetRule = { keep: (e) => e.open && e.severity === 'P2' };
const breachingAt = (nowSeconds: number): SubsetRule => ({
  keep: (e) => e.open && e.dueRiskAt !== null && e.dueRiskAt <= nowSeconds,
  changesAt: (e) => (e.open ? e.dueRiskAt : null),
});

describe('QueueOrder', () => {
  it('finds a ticket by binary search where a scan of the order or of a subset finds it, and nothing that is not there', () => {
    const random = seededRandom(7);
    const order = new QueueOrder(Array.from({ length: 2_000 }, (_, i) => entry(i + 1, random)));
    order.update(new Map([[5, null], [6, entry(6, random)], [2_001, entry(2_001, random)]]));
    const all = order.ordered();
    const severity2 = order.subset('p2', '', () => p2, NOW);
    for (const entries of [all, severity2]) {
      expect([...entries].sort(compareQueueOrder)).toEqual(entries);
      for (let id = 1; id <= 2_002; id++) expect(order.rowOf(entries, id), `ticket ${id}`).toBe(entries.findIndex((e) => e.id === id));
    }
    expect(order.rowOf(all, 5)).toBe(-1);
    expect(severity2.length).toBeLessThan(all.length);
  });

  it('keeps each view as filtering the whole order again would give it, through updates and as the clock moves', () => {
    const random = seededRandom(11);
    const order = new QueueOrder(Array.from({ length: 1_000 }, (_, i) => entry(i + 1, random)));
    let nextId = 1_001;
    let now = NOW;
    const takes: string[] = [];
    let bigUpdates = 0;
    const counted = (rule: SubsetRule, name: string): (() => SubsetRule) => () => {
      takes.push(name);
      return rule;
    };
    for (let round = 0; round < 200; round++) {
      // Small updates follow the kept views; bigger ones (now and then a sync page's worth, merged into the order)
      // make them be taken again.
      const changes = new Map<number, QueueOrderEntry | null>();
      const size = round % 50 === 49 ? 100 : round % 10 === 9 ? 20 : 1 + Math.floor(random() * 5);
      if (size > 8) bigUpdates++;
      for (let i = 0; i < size; i++) {
        const id = random() < 0.2 ? nextId++ : 1 + Math.floor(random() * (nextId - 1));
        changes.set(id, random() < 0.1 ? null : entry(id, random));
      }
      order.update(changes);
      now += Math.floor(random() * 40);
      const all = order.ordered();
      expect(order.subset('p2', '', counted(p2, 'p2'), now)).toEqual(all.filter(p2.keep));
      expect(order.subset('breaching', '', counted(breachingAt(now), 'breaching'), now)).toEqual(all.filter(breachingAt(now).keep));
    }
    // Views are taken again only after a big update (p2) or when a due turned at risk since (breaching), not on every ask.
    expect(takes.filter((name) => name === 'p2').length).toBe(1 + bigUpdates);
    expect(takes.filter((name) => name === 'breaching').length).toBeLessThan(200);
    expect(takes.filter((name) => name === 'breaching').length).toBeGreaterThan(5);
  });

  it('shows a ticket in Breaching soon once the due an update gave it turns at risk', () => {
    const random = seededRandom(5);
    const tickets = Array.from({ length: 100 }, (_, i) => ({ ...entry(i + 1, random), open: true, dueAt: NOW + 3_600, dueRiskAt: NOW + 3_000 }));
    const order = new QueueOrder(tickets);
    expect(order.subset('breaching', '', () => breachingAt(NOW), NOW)).toEqual([]);
    order.update(new Map([[7, { ...tickets[6]!, dueAt: NOW + 60, dueRiskAt: NOW + 10 }]]));
    expect(order.subset('breaching', '', () => breachingAt(NOW + 5), NOW + 5)).toEqual([]);
    expect(order.subset('breaching', '', () => breachingAt(NOW + 10), NOW + 10).map((e) => e.id)).toEqual([7]);
  });

  it('takes a search again after any update', () => {
    const random = seededRandom(3);
    const order = new QueueOrder(Array.from({ length: 100 }, (_, i) => entry(i + 1, random)));
    let matches = new Set([1, 2, 3]);
    const search = (): SubsetRule => {
      const found = matches;
      return { keep: (e) => found.has(e.id), retakeAfterUpdates: true };
    };
    expect(order.subset('search', 'api', search, NOW).map((e) => e.id).sort()).toEqual([1, 2, 3]);
    matches = new Set([4]);
    // Until an update, the same words are the same results.
    expect(order.subset('search', 'api', search, NOW).map((e) => e.id).sort()).toEqual([1, 2, 3]);
    order.update(new Map([[50, entry(50, random)]]));
    expect(order.subset('search', 'api', search, NOW).map((e) => e.id)).toEqual([4]);
  });
});
