import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TriageCore } from '../../main/core/triage-core.ts';
import type { RetryPolicy } from '../../main/core/sync/helpdesk-http.ts';
import { startIntercomSimulator, type IntercomSimulator } from '../../main/simulators/intercom/server.ts';
import { startZendeskSimulator, type ZendeskSimulator } from '../../main/simulators/zendesk/server.ts';
import type { Macro } from '../../shared/macros/macro.ts';
import { MACRO_PLACEHOLDERS, type MacroContext, renderMacroTemplate } from '../../shared/macros/macro-template.ts';
import type { AccountConfig } from '../../shared/settings/account-config.ts';
import { haveSpec, loadOpenApi } from '../support/intercom-simulator-openapi.ts';
import { useTempDirs } from '../support/temp-dir.ts';

// The helpdesks' own macros, read by each account's sync from the Zendesk and Intercom simulators over loopback HTTP,
// listed read-only by the core after the local ones.
const FAST_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 };
const LOCAL: Macro[] = [{ id: 'thanks', title: 'Thanks', body: 'Thanks!', actions: [], after: 'next', source: 'local' }];
const CONTEXT = Object.fromEntries(Object.keys(MACRO_PLACEHOLDERS).map((name) => [name, `<${name}>`])) as MacroContext;

describe('macros imported from the helpdesks', () => {
  const tempDir = useTempDirs();
  let zendesk: ZendeskSimulator;
  let intercom: IntercomSimulator;

  beforeAll(async () => {
    zendesk = await startZendeskSimulator({ seed: 5, organizations: 10, tickets: 20, activityIntervalMs: false });
    intercom = await startIntercomSimulator({ seed: 5, companies: 10, conversations: 20 });
  });
  afterAll(async () => {
    await zendesk.close();
    await intercom.close();
  });

  const accounts = (): AccountConfig[] => [
    { id: 'acme-zd', type: 'zendesk', baseUrl: zendesk.url, auth: { type: 'apiToken', ...zendesk.credentials }, planField: 'plan' },
    { id: 'acme-ic', type: 'intercom', baseUrl: intercom.url, auth: { type: 'bearer', token: intercom.token } },
  ];
  const macroReads = (): number =>
    zendesk.requests.filter((r) => r.path.startsWith('/api/v2/macros/')).length + intercom.requests.filter((r) => r.path.startsWith('/macros')).length;

  it('lists local macros, then each account\'s own with their actions and our placeholders, read once per half hour', async () => {
    const core = new TriageCore({ dataDir: tempDir(), accounts: accounts(), retry: FAST_RETRY, macros: LOCAL });
    try {
      expect(core.handle('listMacros', {}).macros).toEqual(LOCAL);
      await core.syncOnce();
      const { macros } = core.handle('listMacros', {});
      expect(macros.map((macro) => [macro.source, macro.id])).toEqual([
        ['local', 'thanks'],
        ['zendesk', 'zendesk:acme-zd:360101001'],
        ['zendesk', 'zendesk:acme-zd:360101002'],
        ['zendesk', 'zendesk:acme-zd:360101003'],
        ['zendesk', 'zendesk:acme-zd:360101004'],
        // Newest first, as Intercom lists them; the Messenger-only one is not for the inbox.
        ['intercom', 'intercom:acme-ic:9001'],
        ['intercom', 'intercom:acme-ic:9002'],
        ['intercom', 'intercom:acme-ic:9003'],
      ]);
      const byId = new Map(macros.map((macro) => [macro.id, macro]));

      const ask = byId.get('zendesk:acme-zd:360101001')!;
      expect(ask.body).toMatch(/^Hi \{\{requester\.first_name\}\},\n\nCould you send us the X-Request-Id header/);
      expect(ask.body).toMatch(/\{\{agent\.first_name\}\}$/);
      expect(ask.actions).toEqual([{ field: 'status', value: 'pending' }]);
      expect(byId.get('zendesk:acme-zd:360101003')).toMatchObject({
        title: 'Escalate to engineering',
        body: '',
        after: 'stay',
        actions: [
          { field: 'severity', value: 'P2' },
          { field: 'assignee', value: 'me' },
          { field: 'tags', op: 'add', values: ['escalated'] },
          { field: 'note', body: 'Escalating to the on-call engineer: customer impact confirmed.' },
        ],
      });
      expect(renderMacroTemplate(ask.body, CONTEXT).errors).toEqual([]);

      expect(byId.get('intercom:acme-ic:9001')).toEqual({
        id: 'intercom:acme-ic:9001',
        title: 'Ask for the request ID',
        body: 'Hi {{requester.first_name}},\n\nCould you send us the X-Request-Id header of one failing call?\n\n{{agent.name}}',
        actions: [],
        after: 'stay',
        source: 'intercom',
        accountId: 'acme-ic',
      });
      expect(byId.get('intercom:acme-ic:9002')?.body).toBe('Your plan at {{customer.organization}} allows 600 requests a minute.');
      // A placeholder with no equivalent stays as Intercom wrote it: the preview shows it and the macro is not sent.
      const refund = renderMacroTemplate(byId.get('intercom:acme-ic:9003')!.body, CONTEXT);
      expect(refund.text).toBeNull();
      expect(refund.errors).toEqual(['line 1, column 23: unknown placeholder {{conversation.custom_attributes.order_number}}']);

      const reads = macroReads();
      await core.syncOnce();
      expect(macroReads()).toBe(reads);
      expect(core.handle('listMacros', {}).macros).toEqual(macros);
    } finally {
      await core.close();
    }
  });

  it('syncs as usual when the macros cannot be read, and lists none of that account\'s', async () => {
    zendesk.faults.onlyPath = '/api/v2/macros/';
    zendesk.faults.failNext = { count: 10, status: 500 };
    const core = new TriageCore({ dataDir: tempDir(), accounts: accounts(), retry: FAST_RETRY, macros: LOCAL });
    try {
      await core.syncOnce();
      expect(core.syncStatus().accounts.map((account) => [account.accountId, account.state, account.lastError])).toEqual([
        ['acme-zd', 'idle', null],
        ['acme-ic', 'idle', null],
      ]);
      expect(core.store.listAllTickets().some((ticket) => ticket.accountId === 'acme-zd')).toBe(true);
      expect(new Set(core.handle('listMacros', {}).macros.map((macro) => macro.source))).toEqual(new Set(['local', 'intercom']));
    } finally {
      zendesk.faults.onlyPath = null;
      zendesk.faults.failNext = null;
      await core.close();
    }
  });

  it.skipIf(!haveSpec)('serves Intercom\'s /macros in the 2.16 shape, paged by starting_after, and not before 2.16', async () => {
    const get = async (path: string, version = '2.16'): Promise<{ status: number; body: { data: { id: string }[]; pages: { next: { starting_after: string } | null } } }> => {
      const response = await fetch(`${intercom.url}${path}`, { headers: { authorization: `Bearer ${intercom.token}`, 'intercom-version': version } });
      return { status: response.status, body: (await response.json()) as never };
    };
    const spec = loadOpenApi();
    const first = await get('/macros?per_page=3');
    expect(first.status).toBe(200);
    expect(spec.validate('macro_list', first.body)).toEqual([]);
    expect(first.body.data.map((macro) => macro.id)).toEqual(['9001', '9002', '9003']);
    const cursor = first.body.pages.next!.starting_after;
    expect(JSON.parse(Buffer.from(cursor, 'base64').toString())).toEqual([Date.parse('2025-07-19T08:00:00.000Z') / 1000, '9003']);
    const second = await get(`/macros?per_page=3&starting_after=${encodeURIComponent(cursor)}`);
    expect(second.body.data.map((macro) => macro.id)).toEqual(['9004']);
    expect(second.body.pages.next).toBeNull();
    expect(spec.validate('macro', (await get('/macros/9002')).body)).toEqual([]);
    expect((await get('/macros', '2.15')).status).toBe(404);
  });
});
