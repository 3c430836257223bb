/**
 * GET /api/v2/macros/active.json: the team's shared macros, shaped like the go-zendesk macros fixture and
 * Zendesk's reference (actions as {field, value}: comment_value, comment_mode_is_public, status, priority,
 * current_tags adds tags, remove_tags, assignee_id "current_user"). One page; placeholders stay as Zendesk writes
 * them ({{ticket.requester.first_name}}).
 */

import type { ApiResult } from './cursor-export.ts';

interface MacroAction {
  field: string;
  value: string | string[];
}

interface MacroSeed {
  id: number;
  title: string;
  description: string;
  actions: MacroAction[];
}

const CREATED_AT = '2024-03-04T09:12:00Z';
const UPDATED_AT = '2025-01-20T16:40:00Z';

const MACROS: readonly MacroSeed[] = [
  {
    id: 360_101_001,
    title: 'Ask for the request ID',
    description: 'Asks the customer for the X-Request-Id of a failing call and waits for them',
    actions: [
      {
        field: 'comment_value',
        value:
          'Hi {{ticket.requester.first_name}},\n\nCould you send us the X-Request-Id header of one failing call? It lets us find the request in our logs.\n\nThanks,\n{{current_user.first_name}}',
      },
      { field: 'status', value: 'pending' },
    ],
  },
  {
    id: 360_101_002,
    title: 'Rate limits explained',
    description: 'Explains the per-key rate limit and Retry-After, tags the ticket',
    actions: [
      {
        field: 'comment_value',
        value:
          'Hi {{ticket.requester.first_name}},\n\nEach API key may make 600 requests a minute; past that the API answers 429 with a Retry-After header saying how many seconds to wait.\n\n{{current_user.first_name}}',
      },
      { field: 'current_tags', value: 'rate_limit' },
      { field: 'status', value: 'solved' },
    ],
  },
  {
    id: 360_101_003,
    title: 'Escalate to engineering',
    description: 'Internal note for the on-call engineer, raises the priority and takes the ticket',
    actions: [
      { field: 'comment_mode_is_public', value: 'false' },
      { field: 'comment_value', value: 'Escalating to the on-call engineer: customer impact confirmed.' },
      { field: 'priority', value: 'high' },
      { field: 'current_tags', value: 'escalated' },
      { field: 'assignee_id', value: 'current_user' },
    ],
  },
  {
    id: 360_101_004,
    title: 'Close and save',
    description: 'Sets the ticket status to `solved`',
    actions: [{ field: 'status', value: 'solved' }],
  },
];

export function activeMacros(baseUrl: string): ApiResult {
  const macros = MACROS.map((macro, index) => ({
    url: `${baseUrl}/api/v2/macros/${macro.id}.json`,
    id: macro.id,
    title: macro.title,
    raw_title: macro.title,
    active: true,
    default: false,
    position: index + 1,
    description: macro.description,
    actions: macro.actions,
    restriction: null,
    created_at: CREATED_AT,
    updated_at: UPDATED_AT,
  }));
  return { status: 200, body: { macros, next_page: null, previous_page: null, count: macros.length } };
}
