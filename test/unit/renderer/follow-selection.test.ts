import { describe, expect, it } from 'vitest';
import { followSelection, type HeldRows, type QueueSelection } from '../../../renderer/queue/follow-selection.ts';

/** Rows whose pages are all held, with where the core located a ticket. */
const rowsOf = (keys: (string | undefined)[], located: HeldRows['located'] = null, total = keys.length): HeldRows => ({
  total,
  keyAt: (index) => keys[index],
  located,
});

describe('the selection follows its ticket when the rows change', () => {
  it('stays on the same ticket when a push re-sorts the queue, and says where it went', () => {
    const selection: QueueSelection = { key: 'demo:7', index: 1 };
    expect(followSelection(selection, rowsOf(['demo:1', 'demo:2', 'demo:3', 'demo:7'], { key: 'demo:7', index: 3 }))).toEqual({
      selection: { key: 'demo:7', index: 3 },
      change: { kind: 'moved', from: 1, to: 3 },
    });
    expect(followSelection(selection, rowsOf(['demo:1', 'demo:7'], { key: 'demo:7', index: 1 })).change).toEqual({ kind: 'same' });
  });
  it('follows the ticket to a row whose page is not held: the core located it', () => {
    const moved = followSelection({ key: 'demo:7', index: 2 }, rowsOf(['demo:1', 'demo:2', 'demo:3'], { key: 'demo:7', index: 80_000 }, 100_000));
    expect(moved).toEqual({ selection: { key: 'demo:7', index: 80_000 }, change: { kind: 'moved', from: 2, to: 80_000 } });
  });
  it('takes the row that took its place when the ticket leaves the view', () => {
    expect(followSelection({ key: 'demo:7', index: 1 }, rowsOf(['demo:1', 'demo:2', 'demo:3'], { key: 'demo:7', index: null }))).toEqual({
      selection: { key: 'demo:2', index: 1 },
      change: { kind: 'left' },
    });
    expect(followSelection({ key: 'demo:7', index: 5 }, rowsOf(['demo:1', 'demo:2'], { key: 'demo:7', index: null })).selection).toEqual({ key: 'demo:2', index: 1 });
  });
  it('selects a row by its place while its page is on the way, and its ticket once the page is there', () => {
    const waiting = followSelection({ key: null, index: 150 }, rowsOf([], null, 1000));
    expect(waiting.selection).toEqual({ key: null, index: 150 });
    const keys: (string | undefined)[] = [];
    keys[150] = 'demo:42';
    expect(followSelection(waiting.selection, rowsOf(keys, null, 1000)).selection).toEqual({ key: 'demo:42', index: 150 });
  });
  it('keeps the ticket when the answer located another one (the engineer moved meanwhile)', () => {
    expect(followSelection({ key: 'demo:9', index: 4 }, rowsOf(['demo:1', 'demo:2'], { key: 'demo:7', index: 0 }, 10))).toEqual({
      selection: { key: 'demo:9', index: 4 },
      change: { kind: 'same' },
    });
  });
  it('starts on the first row, and has nothing selected in an empty view', () => {
    expect(followSelection({ key: null, index: 0 }, rowsOf(['demo:4', 'demo:5'])).selection).toEqual({ key: 'demo:4', index: 0 });
    expect(followSelection({ key: 'demo:4', index: 0 }, rowsOf([]))).toEqual({ selection: { key: null, index: 0 }, change: { kind: 'reset' } });
  });
});
