import { DateTime } from 'luxon';
import type { TicketDetail } from '../domain/ticket-detail.ts';
import type { SlaMetricName } from '../domain/ticket-due.ts';
import type { MacroContext } from './macro-template.ts';

/** The engineer applying the macro, as the helpdesk knows them. */
export interface MacroAgent {
  name: string;
  email: string;
}

/** Day, date and time: "Tue 24 Nov 2026, 14:00", followed by the zone's city ("Berlin time") or "UTC". */
const DUE_FORMAT = 'ccc d LLL yyyy, HH:mm';

/**
 * The values a macro may insert for `ticket`. Dues are written in the customer's time zone (an IANA name) so that
 * "we will answer by 14:00" means 14:00 where they are; without a known zone they are written in UTC and say so.
 */
export function macroContextOf(ticket: TicketDetail, agent: MacroAgent | null, customerZone: string | null): MacroContext {
  const zone = customerZone && DateTime.now().setZone(customerZone).isValid ? customerZone : 'UTC';
  const due = (metric: SlaMetricName): string | null => {
    const view = ticket.sla.find((candidate) => candidate.metric === metric);
    if (!view || view.stoppedAt !== null || view.dueAt === null) return null;
    return `${DateTime.fromSeconds(view.dueAt, { zone }).toFormat(DUE_FORMAT, { locale: 'en-GB' })} ${zoneWords(zone)}`;
  };
  return {
    'requester.name': ticket.requester?.name || null,
    'requester.first_name': firstNameOf(ticket.requester?.name),
    'requester.email': ticket.requester?.email || null,
    'customer.organization': ticket.organization?.name || null,
    'customer.plan': ticket.organization?.plan || null,
    'ticket.id': ticket.sourceId,
    'ticket.subject': ticket.subject || null,
    'ticket.status': ticket.status,
    'ticket.severity': ticket.severity,
    'ticket.url': ticket.url,
    'sla.first_response.due': due('firstResponse'),
    'sla.next_response.due': due('nextResponse'),
    'sla.resolution.due': due('resolution'),
    'agent.name': agent?.name || null,
    'agent.first_name': firstNameOf(agent?.name),
    'agent.email': agent?.email || null,
  };
}

/**
 * "Berlin time" rather than an abbreviation: abbreviations depend on the locale ("CET" or "GMT+1") and some are
 * ambiguous (IST), while the city of the IANA name is what the customer knows.
 */
function zoneWords(zone: string): string {
  if (zone === 'UTC') return 'UTC';
  return `${zone.split('/').at(-1)!.replaceAll('_', ' ')} time`;
}

/** The first word of a name that looks like a person's ("Ada Lovelace" → "Ada"); null for an address or nothing. */
function firstNameOf(name: string | undefined): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first && !first.includes('@') ? first : null;
}
