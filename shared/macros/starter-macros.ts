// The macros a new install starts with, written for a team that answers for an HTTP API: the questions such a team
// answers every day. Teams edit or replace them in the settings; the upstream tag pauses resolution (DESIGN §5).
import type { MacroInput } from './macro.ts';

export const STARTER_MACROS: readonly MacroInput[] = [
  {
    id: 'api-key-header',
    title: 'How to send the API key (X-Api-Key)',
    shortcut: '1',
    body: [
      'Hi {{requester.first_name}},',
      '',
      'Every request needs your API key in the X-Api-Key header, not in the query string or another header:',
      '',
      '    curl -H "X-Api-Key: YOUR_KEY" "https://api.example-data.test/userinfo-by-username/?username=..."',
      '',
      'A request without it answers 401 "Missing X-Api-Key header"; a rotated or test key answers 401 "Invalid API key".',
      'Your keys are under Settings > API keys in the dashboard.',
      '',
      '{{agent.first_name}}',
    ].join('\n'),
    actions: [{ field: 'status', value: 'pending' }, { field: 'tags', op: 'add', values: ['how-to', 'auth'] }],
    after: 'next',
  },
  {
    id: 'rate-limit-explained',
    title: 'Rate limits and Retry-After',
    shortcut: '2',
    body: [
      'Hi {{requester.first_name}},',
      '',
      'The 429 "Rate limit exceeded" answers mean the key went over its per-minute allowance on the {{customer.plan}} plan.',
      'Each 429 carries a Retry-After header: wait that many seconds before the next request, and spread bursts out',
      'instead of retrying in a loop. The limits per plan are at https://docs.example-data.test/errors#RATE_LIMITED.',
      '',
      '{{agent.first_name}}',
    ].join('\n'),
    actions: [{ field: 'status', value: 'pending' }, { field: 'tags', op: 'add', values: ['rate-limit'] }],
    after: 'next',
  },
  {
    id: 'upstream-incident',
    title: 'Upstream incident: acknowledged',
    shortcut: '3',
    body: [
      'Hi {{requester.first_name}},',
      '',
      'Thanks for the report. The timeouts and parse errors you see ("Upstream timeout", "Upstream payload changed")',
      'come from the upstream platform, not from your integration. Engineering is on it; we will write to you here as',
      'soon as it is resolved. We will answer again by {{sla.next_response.due}} at the latest.',
      '',
      '{{agent.first_name}}',
    ].join('\n'),
    actions: [{ field: 'tags', op: 'add', values: ['upstream'] }, { field: 'note', body: 'Upstream incident acknowledged to {{requester.name}}; the upstream tag pauses the resolution clock.' }],
    after: 'stay',
  },
  {
    id: 'docs-feedback-thanks',
    title: 'Docs feedback: thanks',
    shortcut: '4',
    body: [
      'Hi {{requester.first_name}},',
      '',
      'Thank you for pointing this out in the docs. I have passed it to the documentation team, and the page will be',
      'corrected in the next docs release.',
      '',
      '{{agent.first_name}}',
    ].join('\n'),
    actions: [{ field: 'status', value: 'solved' }, { field: 'tags', op: 'add', values: ['docs-feedback'] }],
    after: 'next',
  },
];
