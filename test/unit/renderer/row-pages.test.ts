import { describe, expect, it } from 'vitest';
import type { TicketSummary } from '../../../shared/domain/ticket.ts';
import { MAX_PAGES, PAGE_SIZE, RowPages } from '../../../renderer/queue/row-pages.ts';
import { ticketSummary } from '../../support/ticket-fixtures.ts';

const ticket = (row: number): TicketSummary => ticketSummary({ sourceId: String(row), subject: `Ticket on row ${row}` });
const rows = (from: number, count: number): TicketSummary[] => Array.from({ length: count }, (_, i) => ticket(from + i));

describe('the page cache of the queue rows', () => {
  it('holds rows by their place in the whole view, split into pages', () => {
    const pages = RowPages.from(2 * PAGE_SIZE, rows(2 * PAGE_SIZE, 2 * PAGE_SIZE + 7));
    expect(pages.size).toBe(3);
    expect(pages.keyAt(2 * PAGE_SIZE)).toBe(`acme:${2 * PAGE_SIZE}`);
    expect(pages.keyAt(4 * PAGE_SIZE + 6)).toBe(`acme:${4 * PAGE_SIZE + 6}`);
    expect(pages.rowAt(4 * PAGE_SIZE + 7)).toBeUndefined();
    expect(pages.rowAt(0)).toBeUndefined();
  });

  it('names the runs of missing pages around the screen, one request each, within the total', () => {
    const pages = RowPages.from(PAGE_SIZE, rows(PAGE_SIZE, PAGE_SIZE)).with(4 * PAGE_SIZE, rows(4 * PAGE_SIZE, PAGE_SIZE));
    expect(pages.missing(0, 6 * PAGE_SIZE, 100_000)).toEqual([
      [0, PAGE_SIZE],
      [2 * PAGE_SIZE, 2 * PAGE_SIZE],
      [5 * PAGE_SIZE, PAGE_SIZE],
    ]);
    expect(pages.missing(-50, 2 * PAGE_SIZE, 2 * PAGE_SIZE)).toEqual([[0, PAGE_SIZE]]);
    expect(pages.missing(99_990, 100_050, 100_000)).toEqual([[999 * PAGE_SIZE, PAGE_SIZE]]);
    expect(RowPages.EMPTY.missing(0, 10, 0)).toEqual([]);
  });

  it('keeps memory bounded: the pages nearest the screen and the selected row stay', () => {
    let pages = RowPages.EMPTY;
    for (let page = 0; page < MAX_PAGES * 3; page++) pages = pages.with(page * PAGE_SIZE, rows(page * PAGE_SIZE, PAGE_SIZE));
    const trimmed = pages.trim(50 * PAGE_SIZE, 3 * PAGE_SIZE + 5);
    expect(trimmed.size).toBe(MAX_PAGES);
    expect(trimmed.has(50)).toBe(true);
    expect(trimmed.has(3)).toBe(true);
    expect(trimmed.has(0)).toBe(false);
    expect(pages.trim(0, 0).size).toBe(MAX_PAGES);
  });
});
