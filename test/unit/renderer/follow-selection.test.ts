import { describe, expect, it } from 'vitest';
import { followSelection, type QueueSelection } from '../../../renderer/queue/follow-selection.ts';

const rowsOf = (keys: string[]) => ({ count: keys.length, keyAt: (index: number) => keys[index]!, indexOf: (key: string) => keys.indexOf(key) });

describe('the selection follows its ticket when the rows change', () => {
  it('stays on the same ticket when a push re-sorts the queue, and says where it went', () => {
    const selection: QueueSelection = { key: 'demo:7', index: 1 };
    expect(followSelection(selection, rowsOf(['demo:1', 'demo:2', 'demo:3', 'demo:7']))).toEqual({
      selection: { key: 'demo:7', index: 3 },
      change: { kind: 'moved', from: 1, to: 3 },
    });
    expect(followSelection(selection, rowsOf(['demo:1', 'demo:7'])).change).toEqual({ kind: 'same' });
  });
  it('takes the row that took its place when the ticket leaves the view', () => {
    expect(followSelection({ key: 'demo:7', index: 1 }, rowsOf(['demo:1', 'demo:2', 'demo:3']))).toEqual({
      selection: { key: 'demo:2', index: 1 },
      change: { kind: 'left' },
    });
    expect(followSelection({ key: 'demo:7', index: 5 }, rowsOf(['demo:1', 'demo:2'])).selection).toEqual({ key: 'demo:2', index: 1 });
  });
  it('starts on the first row, and has nothing selected in an empty view', () => {
    expect(followSelection({ key: null, index: 0 }, rowsOf(['demo:4', 'demo:5'])).selection).toEqual({ key: 'demo:4', index: 0 });
    expect(followSelection({ key: 'demo:4', index: 0 }, rowsOf([]))).toEqual({ selection: { key: null, index: 0 }, change: { kind: 'reset' } });
  });
});
