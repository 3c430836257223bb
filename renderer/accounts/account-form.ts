// The accounts screen's form as plain strings, and the draft the host receives. Pure, so it is unit-tested on Node.
import { draftProblems, INTERCOM_REGIONS, zendeskBaseUrlFrom } from '../../shared/settings/account-draft.ts';
import type { AccountSummary } from '../../shared/settings/account-summary.ts';
import type { AccountType } from '../../shared/domain/sync-status.ts';

export type IntercomRegion = (typeof INTERCOM_REGIONS)[number]['region'] | 'other';

export interface AccountForm {
  type: AccountType;
  id: string;
  /** Zendesk: "acme", "acme.zendesk.com" or a full base URL. */
  zendeskSite: string;
  zendeskSignIn: 'apiToken' | 'oauth';
  email: string;
  zendeskToken: string;
  oauthClientId: string;
  /** A finished "Sign in with Zendesk" the host holds the tokens of. */
  signInId: string | null;
  planField: string;
  intercomRegion: IntercomRegion;
  intercomToken: string;
  helpScoutAppId: string;
  helpScoutSecret: string;
  /** Intercom's "other" region and Help Scout: the API's base URL (a proxy, a simulator). */
  baseUrl: string;
}

/** The form's inputs; each problem the host or the schemas report lands on one of them. */
export type FormField = Exclude<keyof AccountForm, 'type' | 'zendeskSignIn' | 'intercomRegion' | 'signInId'> | 'signIn';

export const HELP_SCOUT_BASE_URL = 'https://api.helpscout.net';

export function emptyForm(type: AccountType = 'zendesk'): AccountForm {
  return {
    type,
    id: '',
    zendeskSite: '',
    zendeskSignIn: 'apiToken',
    email: '',
    zendeskToken: '',
    oauthClientId: '',
    signInId: null,
    planField: 'plan',
    intercomRegion: 'US',
    intercomToken: '',
    helpScoutAppId: '',
    helpScoutSecret: '',
    baseUrl: '',
  };
}

/** An account as the form shows it for editing: secrets empty (left empty, they stay as stored). */
export function formOf(account: AccountSummary): AccountForm {
  const form = { ...emptyForm(account.type), id: account.id };
  const auth = account.auth;
  switch (account.type) {
    case 'zendesk':
      return {
        ...form,
        zendeskSite: account.baseUrl,
        planField: account.planField ?? 'plan',
        zendeskSignIn: auth.type === 'oauth' ? 'oauth' : 'apiToken',
        email: auth.type === 'apiToken' ? auth.email : '',
        oauthClientId: auth.type === 'oauth' ? auth.clientId : '',
      };
    case 'intercom': {
      const region = INTERCOM_REGIONS.find((item) => item.baseUrl === account.baseUrl.replace(/\/+$/, ''));
      return { ...form, intercomRegion: region?.region ?? 'other', baseUrl: region ? '' : account.baseUrl };
    }
    case 'helpscout':
      return { ...form, helpScoutAppId: auth.type === 'clientCredentials' ? auth.clientId : '', baseUrl: account.baseUrl };
  }
}

/** What the form asks the host for; an empty secret is left out (an edit keeps the stored one). */
export function draftOf(form: AccountForm): unknown {
  const withSecret = (name: string, value: string): Record<string, string> => (value.trim() === '' ? {} : { [name]: value.trim() });
  const id = form.id.trim();
  switch (form.type) {
    case 'zendesk':
      return {
        id,
        type: 'zendesk',
        baseUrl: zendeskBaseUrlFrom(form.zendeskSite),
        planField: form.planField.trim(),
        auth:
          form.zendeskSignIn === 'apiToken'
            ? { type: 'apiToken', email: form.email.trim(), ...withSecret('token', form.zendeskToken) }
            : { type: 'oauth', clientId: form.oauthClientId.trim(), ...(form.signInId === null ? {} : { signInId: form.signInId }) },
      };
    case 'intercom':
      return {
        id,
        type: 'intercom',
        baseUrl: form.intercomRegion === 'other' ? form.baseUrl.trim() : INTERCOM_REGIONS.find((item) => item.region === form.intercomRegion)!.baseUrl,
        auth: { type: 'bearer', ...withSecret('token', form.intercomToken) },
      };
    case 'helpscout':
      return {
        id,
        type: 'helpscout',
        baseUrl: form.baseUrl.trim() || HELP_SCOUT_BASE_URL,
        auth: { type: 'clientCredentials', clientId: form.helpScoutAppId.trim(), ...withSecret('clientSecret', form.helpScoutSecret) },
      };
  }
}

/** The input a draft's field path (`baseUrl`, `auth.token`...) is typed in, for this kind of account. */
export function formFieldOf(type: AccountType, path: string): FormField {
  switch (path) {
    case 'id':
    case 'planField':
      return path;
    case 'baseUrl':
      return type === 'zendesk' ? 'zendeskSite' : 'baseUrl';
    case 'auth.email':
      return 'email';
    case 'auth.token':
      return type === 'zendesk' ? 'zendeskToken' : 'intercomToken';
    case 'auth.clientId':
      return type === 'zendesk' ? 'oauthClientId' : 'helpScoutAppId';
    case 'auth.clientSecret':
      return 'helpScoutSecret';
    default:
      return 'signIn';
  }
}

/** One message per input, from the same schemas the host checks the draft with. */
export function formProblems(form: AccountForm, adding: boolean): Partial<Record<FormField, string>> {
  const problems: Partial<Record<FormField, string>> = {};
  for (const [path, message] of Object.entries(draftProblems(draftOf(form), adding))) {
    problems[formFieldOf(form.type, path)] ??= message;
  }
  return problems;
}
