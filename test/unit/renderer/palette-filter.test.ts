import { describe, expect, it } from 'vitest';
import { paletteFilter } from '../../../renderer/keyboard/palette-filter.ts';

describe('the palette ranking', () => {
  it('puts a title or a word starting with the typed text before a scattered match', () => {
    const accounts = paletteFilter('Accounts: add, edit, test, remove', 'accounts', ['Sync']);
    const word = paletteFilter('Open the accounts screen', 'accounts', ['Sync']);
    const scattered = paletteFilter('Pick the ticket for a bulk macro (or unpick it)', 'pick', ['Macros']);
    expect(accounts).toBe(1);
    expect(word).toBe(0.95);
    expect(scattered).toBe(1);
    expect(paletteFilter('Macro: Upstream incident: acknowledged', 'accounts', ['Macros'])).toBeLessThan(word);
    expect(paletteFilter('Pick the ticket for a bulk macro (or unpick it)', 'accounts', ['Macros'])).toBeLessThan(word);
  });

  it('lists everything before anything is typed, and nothing that does not hold the letters', () => {
    expect(paletteFilter('Reply', '', [])).toBe(1);
    expect(paletteFilter('Reply', 'zzz', [])).toBe(0);
  });
});
