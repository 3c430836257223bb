/**
 * Custom ticket statuses: every account with them on has one default per status category (new, open, pending,
 * hold, solved; closed tickets count as solved) and the team's own ones, each in a category. A ticket's `status`
 * is always its custom status's category. GET /api/v2/custom_statuses.json lists them all, unpaginated.
 */

import type { ApiResult } from './cursor-export.ts';
import type { TicketRecord, ZendeskExportStatus } from './types.ts';

export type StatusCategory = 'new' | 'open' | 'pending' | 'hold' | 'solved';

export interface CustomStatusRecord {
  id: number;
  category: StatusCategory;
  agentLabel: string;
  endUserLabel: string;
  description: string;
  isDefault: boolean;
}

const CREATED_AT = '2024-03-04T09:15:00Z';

/** The defaults keep Zendesk's dynamic-content labels (`{{zd.status_open}}`), as live accounts show them. */
export const CUSTOM_STATUSES: readonly CustomStatusRecord[] = [
  { id: 12_480_498_776_701, category: 'new', agentLabel: 'New', endUserLabel: 'Open', description: 'Ticket is awaiting assignment to an agent', isDefault: true },
  { id: 12_480_498_776_702, category: 'open', agentLabel: 'Open', endUserLabel: 'Open', description: 'Staff is working on the ticket', isDefault: true },
  { id: 12_480_498_776_703, category: 'pending', agentLabel: 'Pending', endUserLabel: 'Awaiting your reply', description: 'Staff is waiting for the requester to reply', isDefault: true },
  { id: 12_480_498_776_704, category: 'hold', agentLabel: 'On-hold', endUserLabel: 'Open', description: 'Staff is waiting for a third party', isDefault: true },
  { id: 12_480_498_776_705, category: 'solved', agentLabel: 'Solved', endUserLabel: 'Solved', description: 'The ticket has been solved', isDefault: true },
  { id: 12_480_498_776_711, category: 'open', agentLabel: 'Investigating', endUserLabel: 'Open', description: 'Reproducing the problem', isDefault: false },
  { id: 12_480_498_776_712, category: 'pending', agentLabel: 'Awaiting customer logs', endUserLabel: 'Awaiting your reply', description: 'Asked the customer for request ids and logs', isDefault: false },
  { id: 12_480_498_776_713, category: 'hold', agentLabel: 'Waiting on engineering', endUserLabel: 'Open', description: 'Escalated to the API team', isDefault: false },
];

const BY_ID = new Map(CUSTOM_STATUSES.map((status) => [status.id, status]));

export function customStatus(id: number): CustomStatusRecord | undefined {
  return BY_ID.get(id);
}

function categoryOf(status: ZendeskExportStatus): StatusCategory {
  return status === 'closed' || status === 'deleted' ? 'solved' : status;
}

/** The custom status a ticket shows: its own while it fits the ticket's status, else the category's default. */
export function customStatusIdOf(t: TicketRecord): number {
  const category = categoryOf(t.status);
  const own = t.customStatusId === null ? undefined : BY_ID.get(t.customStatusId);
  if (own && own.category === category) return own.id;
  const fallback = CUSTOM_STATUSES.find((s) => s.isDefault && s.category === category);
  if (!fallback) throw new Error(`no default custom status for category ${category}`);
  return fallback.id;
}

/**
 * The team's own statuses on some seeded tickets, chosen by ticket id so the seed's random streams stay as they
 * were: every second ticket on hold waits on engineering, every fourth pending one on logs, every fifth open one is
 * being investigated.
 */
export function seededCustomStatusId(id: number, status: ZendeskExportStatus): number | null {
  if (status === 'hold' && id % 2 === 0) return 12_480_498_776_713;
  if (status === 'pending' && id % 4 === 0) return 12_480_498_776_712;
  if (status === 'open' && id % 5 === 0) return 12_480_498_776_711;
  return null;
}

/** GET /api/v2/custom_statuses.json; `active` and `status_categories` filter as in Zendesk. */
export function listCustomStatuses(query: URLSearchParams): ApiResult {
  const categories = query.get('status_categories')?.split(',').map((s) => s.trim()).filter(Boolean) ?? null;
  const active = query.get('active');
  const statuses = CUSTOM_STATUSES.filter((s) => (categories === null || categories.includes(s.category)) && active !== 'false');
  return {
    status: 200,
    body: {
      custom_statuses: statuses.map((s) => ({
        id: s.id,
        status_category: s.category,
        agent_label: s.agentLabel,
        raw_agent_label: s.isDefault ? `{{zd.status_${s.category}}}` : s.agentLabel,
        end_user_label: s.endUserLabel,
        raw_end_user_label: s.isDefault ? `{{zd.status_end_user_${s.category}}}` : s.endUserLabel,
        description: s.description,
        raw_description: s.isDefault ? `{{zd.status_${s.category}_description}}` : s.description,
        end_user_description: '',
        raw_end_user_description: '',
        active: true,
        default: s.isDefault,
        created_at: CREATED_AT,
        updated_at: CREATED_AT,
      })),
    },
  };
}
