import type { TicketKey } from '../../shared/domain/ticket.ts';
import { UsageError } from './usage.ts';

/** `--ticket ACCOUNT:ID` (the id may itself hold colons; the account cannot). */
export function parseTicketArgument(command: string, value: string | undefined): TicketKey {
  const text = value ?? '';
  const separator = text.indexOf(':');
  if (separator <= 0 || separator === text.length - 1) throw new UsageError(`${command}: --ticket must be ACCOUNT:ID (got ${JSON.stringify(text)})`);
  return { accountId: text.slice(0, separator), sourceId: text.slice(separator + 1) };
}
