import { describe, expect, it } from 'vitest';
import { IntercomMacro, mapIntercomMacro, readIntercomMacros } from '../../../main/core/connectors/intercom/intercom-macros.ts';
import { haveSpec, loadOpenApi } from '../../support/intercom-simulator-openapi.ts';

// Intercom 2.16's macros (the spec's own example list) as the app's read-only macros.
describe.skipIf(!haveSpec)('Intercom macros', () => {
  it('maps the spec\'s example list: name, plain text body, placeholders made ours where there is one', async () => {
    const example = loadOpenApi().example('/macros', 'get', '200');
    const asked: string[] = [];
    const macros = await readIntercomMacros({
      accountId: 'acme-ic',
      request: async (path) => {
        asked.push(path);
        // The example says there is a next page; the second answer ends the list.
        return asked.length === 1 ? example : { type: 'list', data: [], pages: { type: 'pages', per_page: 150, next: null } };
      },
    });
    expect(asked).toEqual(['/macros?per_page=150', '/macros?per_page=150&starting_after=WzE3MTk0OTM3NTcuMCwgIjEyMyJd']);
    expect(macros).toEqual([
      {
        id: 'intercom:acme-ic:123',
        title: 'Order Status Update',
        body: 'Hi {{requester.name}}, your order #{{order.number}} is ready for pickup!',
        actions: [],
        after: 'stay',
        source: 'intercom',
        accountId: 'acme-ic',
      },
      {
        id: 'intercom:acme-ic:456',
        title: 'Welcome Message',
        body: "Welcome to our support! I'm {{agent.name}}. How can I help you today?",
        actions: [],
        after: 'stay',
        source: 'intercom',
        accountId: 'acme-ic',
      },
    ]);
  });

  it('reads the HTML body when there is no plain text, and fetches a macro whose body the list left out', async () => {
    const listed = {
      type: 'list',
      data: [
        { type: 'macro', id: '1001', name: 'Quick Response 1', body: null, body_text: null, available_on: ['inbox'] },
        {
          type: 'macro',
          id: '567',
          name: 'Account Status Review',
          body: '<p>Hi <attribute key="user.first_name" default="there"/>,</p><p>Status: <attribute key="user.custom_attributes.account_status" default="pending review"/> &amp; more</p>',
          available_on: ['inbox'],
        },
        { type: 'macro', id: '4', name: 'Messenger only', body_text: 'Hello!', available_on: ['messenger'] },
      ],
      pages: { type: 'pages', per_page: 150, next: null },
    };
    const macros = await readIntercomMacros({
      accountId: 'acme-ic',
      request: async (path) =>
        path === '/macros/1001' ? { type: 'macro', id: '1001', name: 'Quick Response 1', body_text: 'Thanks {{ first_name | fallback: \'there\' }}!' } : listed,
    });
    expect(macros.map(({ id, body }) => ({ id, body }))).toEqual([
      { id: 'intercom:acme-ic:1001', body: 'Thanks {{requester.first_name}}!' },
      { id: 'intercom:acme-ic:567', body: 'Hi {{requester.first_name}},\n\nStatus: {{user.custom_attributes.account_status}} & more' },
    ]);
  });

  it('has none where the version has no macros, and names a list it cannot read', async () => {
    await expect(readIntercomMacros({ accountId: 'acme-ic', request: async () => null })).resolves.toEqual([]);
    await expect(readIntercomMacros({ accountId: 'acme-ic', request: async () => ({ macros: [] }) })).rejects.toThrow(
      'account "acme-ic": unexpected Intercom macro list: data:',
    );
  });

  it('leaves out a macro with no text at all', () => {
    expect(mapIntercomMacro(IntercomMacro.parse({ id: 9, name: 'Empty', body: null, body_text: '  ' }), 'acme-ic')).toBeNull();
  });
});
