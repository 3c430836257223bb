import { describe, expect, it } from 'vitest';
import { draftOf, emptyForm, formOf, formProblems } from '../../../renderer/accounts/account-form.ts';
import type { AccountSummary } from '../../../shared/settings/account-summary.ts';

// The accounts form: what it sends the host, and one message per field from the shared schemas.
describe('the accounts form', () => {
  it('turns a Zendesk subdomain into its base URL and leaves an empty secret out', () => {
    const form = { ...emptyForm('zendesk'), id: 'acme-zd', zendeskSite: 'Acme', email: 'agent@acme.test' };
    expect(draftOf(form)).toEqual({
      id: 'acme-zd',
      type: 'zendesk',
      baseUrl: 'https://acme.zendesk.com',
      planField: 'plan',
      auth: { type: 'apiToken', email: 'agent@acme.test' },
    });
    expect(draftOf({ ...form, zendeskSite: 'acme.zendesk.com', zendeskToken: ' env:ZD_TOKEN ' })).toMatchObject({
      baseUrl: 'https://acme.zendesk.com',
      auth: { token: 'env:ZD_TOKEN' },
    });
  });

  it('names each bad field once, in words', () => {
    const problems = formProblems({ ...emptyForm('zendesk'), id: 'acme zd', zendeskSite: 'http://acme.example', email: 'agent' }, true);
    expect(problems).toEqual({
      id: 'use letters, digits, ".", "_" or "-" (at most 64)',
      zendeskSite: '"http://acme.example" must be https (plain http is allowed only for 127.0.0.1, localhost or [::1])',
      email: "enter the agent's email, like agent@acme.com",
      zendeskToken: 'enter the API token',
    });
    // Editing, a secret left empty keeps the stored one.
    expect(formProblems({ ...emptyForm('zendesk'), id: 'acme-zd', zendeskSite: 'acme', email: 'agent@acme.test' }, false)).toEqual({});
    expect(formProblems({ ...emptyForm('intercom'), id: 'ic', intercomToken: 'env:' }, true)).toEqual({
      intercomToken: 'env: must be followed by a variable name, like env:HELPDESK_TOKEN',
    });
    expect(formProblems({ ...emptyForm('zendesk'), id: 'z', zendeskSite: 'acme', zendeskSignIn: 'oauth' }, true)).toEqual({
      oauthClientId: "enter the OAuth client's unique identifier",
      signIn: 'sign in with Zendesk first',
    });
  });

  it('shows a stored account with its region or base URL, and no secret', () => {
    const intercom: AccountSummary = { id: 'ic', type: 'intercom', baseUrl: 'https://api.eu.intercom.io', planField: null, auth: { type: 'bearer' }, secrets: [] };
    expect(formOf(intercom)).toMatchObject({ intercomRegion: 'EU', baseUrl: '', intercomToken: '' });
    expect(draftOf(formOf({ ...intercom, baseUrl: 'http://127.0.0.1:4010' }))).toEqual({
      id: 'ic',
      type: 'intercom',
      baseUrl: 'http://127.0.0.1:4010',
      auth: { type: 'bearer' },
    });
    const helpScout: AccountSummary = { id: 'hs', type: 'helpscout', baseUrl: 'https://api.helpscout.net', planField: null, auth: { type: 'clientCredentials', clientId: 'app-1' }, secrets: [] };
    expect(draftOf({ ...formOf(helpScout), helpScoutSecret: 's3cret' })).toEqual({
      id: 'hs',
      type: 'helpscout',
      baseUrl: 'https://api.helpscout.net',
      auth: { type: 'clientCredentials', clientId: 'app-1', clientSecret: 's3cret' },
    });
  });
});
