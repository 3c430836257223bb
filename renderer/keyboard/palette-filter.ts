import { defaultFilter } from 'cmdk';

/**
 * The palette's ranking: an action whose title, or a word of it, starts with what was typed comes before one that
 * merely holds its letters in order ("accounts" finds "Accounts: …" first, not a title with a, c, c, o… spread out).
 */
export function paletteFilter(value: string, search: string, keywords?: string[]): number {
  const typed = search.trim().toLowerCase();
  if (typed === '') return 1;
  const title = value.toLowerCase();
  if (title.startsWith(typed)) return 1;
  if (title.split(/[^\p{L}\p{N}-]+/u).some((word) => word.startsWith(typed))) return 0.95;
  return Math.min(0.9, defaultFilter(value, search, keywords));
}
