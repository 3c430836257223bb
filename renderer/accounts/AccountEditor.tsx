import { type FormEvent, type KeyboardEvent, type ReactNode, useRef, useState } from 'react';
import { INTERCOM_REGIONS } from '../../shared/settings/account-draft.ts';
import type { AccountSummary, ConnectionTestResult, SecretStorage, SecretSummary } from '../../shared/settings/account-summary.ts';
import type { TriageRequest } from '../../shared/contract/triage-contract.ts';
import { hostErrorMessage } from '../host/host-error.ts';
import { triageHost } from '../host/triage-host.ts';
import { useNoticeStore } from '../stores/notice-store.ts';
import { type AccountForm, draftOf, emptyForm, type FormField, formFieldOf, formOf, formProblems, HELP_SCOUT_BASE_URL, type IntercomRegion } from './account-form.ts';
import { HELPDESK_NAMES, secretWords } from './AccountsScreen.tsx';
import { useFocusOnMount } from './use-focus-on-mount.ts';

type TestState = { kind: 'idle' } | { kind: 'testing' } | { kind: 'done'; result: ConnectionTestResult };
type SignInState = { kind: 'idle' } | { kind: 'waiting'; url: string; openedByHost: boolean } | { kind: 'done' } | { kind: 'failed'; message: string };

const fieldId = (name: FormField): string => `account-${name}`;

interface AccountEditorProps {
  /** The account to edit, or null to add one. */
  account: AccountSummary | null;
  storage: SecretStorage;
  onDone(): void;
}

/** The add/edit form: inline validation from the shared schemas, Test connection, Sign in with Zendesk, Save. */
export function AccountEditor({ account, storage, onDone }: AccountEditorProps) {
  const adding = account === null;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnMount(formRef);
  const post = useNoticeStore((state) => state.post);
  const [form, setForm] = useState<AccountForm>(() => (account ? formOf(account) : emptyForm()));
  const [touched, setTouched] = useState<ReadonlySet<FormField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [storeAnyway, setStoreAnyway] = useState(false);
  const [test, setTest] = useState<TestState>({ kind: 'idle' });
  const [signIn, setSignIn] = useState<SignInState>({ kind: 'idle' });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const problems = formProblems(form, adding);
  const shown = (name: FormField): string | undefined => (submitted || touched.has(name) ? problems[name] : undefined);
  const testFailedOn = test.kind === 'done' && !test.result.ok && test.result.field !== null ? formFieldOf(form.type, test.result.field) : null;

  const change = (patch: Partial<AccountForm>): void => {
    setForm((current) => {
      const next = { ...current, ...patch };
      // A sign-in is for one Zendesk and one OAuth client.
      if ((patch.zendeskSite !== undefined || patch.oauthClientId !== undefined) && current.signInId !== null) {
        setSignIn({ kind: 'idle' });
        return { ...next, signInId: null };
      }
      return next;
    });
    setTest({ kind: 'idle' });
    setSaveError(null);
  };
  const touch = (name: FormField): void => setTouched((current) => new Set(current).add(name));

  /** Shows every problem and moves focus to the first; true when there is none. */
  const checked = (fields: Partial<Record<FormField, string>>): boolean => {
    const first = (Object.keys(fields) as FormField[])[0];
    if (first === undefined) return true;
    setSubmitted(true);
    document.getElementById(fieldId(first))?.focus();
    return false;
  };

  const testConnection = async (): Promise<void> => {
    if (test.kind === 'testing' || !checked(formProblems(form, false))) return;
    setTest({ kind: 'testing' });
    try {
      const result = await triageHost()!.testConnection({ account: draftOf(form) as TriageRequest<'testConnection'>['account'] });
      setTest({ kind: 'done', result });
    } catch (error) {
      setTest({ kind: 'done', result: { ok: false, problem: 'other', field: null, message: hostErrorMessage(error) } });
    }
  };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (saving || !checked(problems)) return;
    setSaving(true);
    try {
      const host = triageHost()!;
      const request = { account: draftOf(form) as TriageRequest<'addAccount'>['account'], storeAnyway };
      const saved = adding ? await host.addAccount(request) : await host.editAccount(request);
      post(`Saved ${saved.id}: its tickets sync in the background.`);
      onDone();
    } catch (error) {
      setSaveError(hostErrorMessage(error));
      setSaving(false);
    }
  };

  const signInWithZendesk = async (): Promise<void> => {
    if (signIn.kind === 'waiting') return;
    const needed = formProblems(form, false);
    if (!checked(Object.fromEntries(Object.entries(needed).filter(([name]) => name === 'zendeskSite' || name === 'oauthClientId')))) return;
    const draft = draftOf(form) as { baseUrl: string };
    try {
      const host = triageHost()!;
      const started = await host.signInWithZendesk({ baseUrl: draft.baseUrl, clientId: form.oauthClientId.trim() });
      setSignIn({ kind: 'waiting', url: started.authorizeUrl, openedByHost: started.openedByHost });
      // The browser host cannot open the system browser: this window does, as a new tab.
      if (!started.openedByHost) window.open(started.authorizeUrl, '_blank', 'noopener,noreferrer');
      await host.finishZendeskSignIn({ signInId: started.signInId });
      setForm((current) => ({ ...current, signInId: started.signInId }));
      setSignIn({ kind: 'done' });
    } catch (error) {
      setSignIn({ kind: 'failed', message: hostErrorMessage(error) });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (event.key !== 'Escape') return;
    // Esc leaves the form for the list (nothing is saved), not the whole screen.
    event.preventDefault();
    onDone();
  };

  const secretOf = (field: string): SecretSummary | undefined => account?.secrets.find((secret) => secret.field === field);
  const fieldProps = { form, change, touch, shown, testFailedOn };

  return (
    <form ref={formRef} className="account-form" onSubmit={(event) => void save(event)} onKeyDown={onKeyDown} noValidate aria-label={adding ? 'New account' : `Account ${account.id}`}>
      {adding ? (
        <Choice
          legend="Helpdesk"
          name="type"
          value={form.type}
          options={(['zendesk', 'intercom', 'helpscout'] as const).map((type) => [type, HELPDESK_NAMES[type]])}
          onChange={(type) => change({ type })}
          autoFocus
        />
      ) : (
        <p className="account-kind muted">{HELPDESK_NAMES[form.type]}</p>
      )}
      <TextField {...fieldProps} name="id" label="Name" hint="How the queue and the status line name it, e.g. acme-zd" readOnly={!adding} />

      {form.type === 'zendesk' && (
        <>
          <TextField {...fieldProps} name="zendeskSite" label="Subdomain or base URL" hint="acme, or https://acme.zendesk.com" />
          <Choice
            legend="Sign in with"
            name="zendeskSignIn"
            value={form.zendeskSignIn}
            options={[
              ['apiToken', 'API token'],
              ['oauth', 'OAuth (recommended)'],
            ]}
            onChange={(zendeskSignIn) => change({ zendeskSignIn })}
          />
          {form.zendeskSignIn === 'apiToken' ? (
            <>
              <TextField {...fieldProps} name="email" label="Agent email" hint="The agent whose API token this is" type="email" />
              <SecretField {...fieldProps} name="zendeskToken" label="API token" stored={secretOf('token')} hint="Admin Center > Apps and integrations > Zendesk API" />
            </>
          ) : (
            <>
              <TextField
                {...fieldProps}
                name="oauthClientId"
                label="OAuth client ID"
                hint="The unique identifier of a public OAuth client (Admin Center > Apps and integrations > Zendesk API > OAuth Clients)"
              />
              <div className="account-field">
                <span className="account-label">Zendesk sign-in</span>
                <div className="account-signin">
                  <button
                    type="button"
                    className="account-button"
                    onClick={() => void signInWithZendesk()}
                    aria-disabled={signIn.kind === 'waiting'}
                    aria-describedby={fieldId('signIn')}
                  >
                    Sign in with Zendesk
                  </button>
                  <span id={fieldId('signIn')} className={shown('signIn') || signIn.kind === 'failed' || testFailedOn === 'signIn' ? 'field-problem' : 'muted'} role="status">
                    {signInWords(signIn, form.signInId, secretOf('refreshToken'), shown('signIn'))}
                  </span>
                </div>
              </div>
            </>
          )}
          <TextField {...fieldProps} name="planField" label="Plan field" hint="The organization field that holds the customer's plan" />
        </>
      )}

      {form.type === 'intercom' && (
        <>
          <Choice
            legend="Region"
            name="intercomRegion"
            value={form.intercomRegion}
            options={[...INTERCOM_REGIONS.map((item): [IntercomRegion, string] => [item.region, item.region]), ['other', 'Other URL']]}
            onChange={(intercomRegion) => change({ intercomRegion })}
          />
          {form.intercomRegion === 'other' && <TextField {...fieldProps} name="baseUrl" label="API base URL" hint="https only (http for this computer)" />}
          <SecretField {...fieldProps} name="intercomToken" label="Access token" stored={secretOf('token')} hint="Developer Hub > your app > Configure > Authentication" />
        </>
      )}

      {form.type === 'helpscout' && (
        <>
          <TextField {...fieldProps} name="helpScoutAppId" label="App ID" hint="Your Profile > My Apps" />
          <SecretField {...fieldProps} name="helpScoutSecret" label="App Secret" stored={secretOf('clientSecret')} hint="Shown beside the App ID" />
          <TextField {...fieldProps} name="baseUrl" label="API base URL" hint={`Leave empty for ${HELP_SCOUT_BASE_URL}`} placeholder={HELP_SCOUT_BASE_URL} />
        </>
      )}

      <div className={`accounts-storage accounts-storage-${storage.kind}`}>
        <p>{storage.message}</p>
        {storage.kind === 'weak' && (
          <label className="account-check">
            <input type="checkbox" checked={storeAnyway} onChange={(event) => setStoreAnyway(event.target.checked)} />
            Store it anyway (weakly encrypted: anyone who can read your files can read it)
          </label>
        )}
      </div>

      <div className="account-outcome" role="status" data-testid="account-outcome">
        {test.kind === 'testing' && <span className="muted">Testing the connection…</span>}
        {test.kind === 'done' && <span className={test.result.ok ? 'outcome-ok' : 'outcome-problem'}>{test.result.message}</span>}
        {saveError && (
          <span className="outcome-problem" role="alert">
            {saveError}
          </span>
        )}
      </div>

      <div className="account-form-actions">
        {/* Busy buttons say so with aria-disabled: a disabled button would drop the keyboard focus. */}
        <button type="button" className="account-button" onClick={() => void testConnection()} aria-disabled={test.kind === 'testing'}>
          Test connection
        </button>
        <button type="submit" className="account-button primary" aria-disabled={saving}>
          {adding ? 'Add account' : 'Save'}
        </button>
        <button type="button" className="account-button" onClick={onDone}>
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}

function signInWords(signIn: SignInState, signInId: string | null, stored: SecretSummary | undefined, problem: string | undefined): ReactNode {
  if (signIn.kind === 'waiting') {
    return (
      <>
        Waiting for Zendesk in your browser…{' '}
        <a href={signIn.url} target="_blank" rel="noopener noreferrer">
          {signIn.openedByHost ? 'open it again' : 'open the sign-in page'}
        </a>
      </>
    );
  }
  if (signIn.kind === 'failed') return signIn.message;
  if (signIn.kind === 'done' && signInId !== null) return 'Signed in: save to keep it.';
  if (stored) return `Signed in (tokens ${secretWords(stored)}); sign in again to replace them.`;
  return problem ?? 'Opens Zendesk in your browser; this app receives the tokens on 127.0.0.1.';
}

interface FieldProps {
  form: AccountForm;
  change(patch: Partial<AccountForm>): void;
  touch(name: FormField): void;
  shown(name: FormField): string | undefined;
  testFailedOn: FormField | null;
  name: Exclude<FormField, 'signIn'>;
  label: string;
  hint: string;
}

function TextField({ form, change, touch, shown, testFailedOn, name, label, hint, readOnly, type = 'text', placeholder }: FieldProps & { readOnly?: boolean; type?: string; placeholder?: string }) {
  return (
    <FieldFrame name={name} label={label} hint={hint} problem={shown(name)}>
      <input
        id={fieldId(name)}
        className="account-input"
        type={type}
        value={form[name]}
        readOnly={readOnly}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={shown(name) !== undefined || testFailedOn === name}
        aria-describedby={`${fieldId(name)}-note`}
        onChange={(event) => change({ [name]: event.target.value })}
        onBlur={() => touch(name)}
      />
    </FieldFrame>
  );
}

function SecretField({ stored, ...field }: FieldProps & { stored: SecretSummary | undefined }) {
  const placeholder = stored ? `Set: ${secretWords(stored)}. Type to replace, or leave empty to keep` : 'Paste it here, or env:NAME';
  return <TextField {...field} type="password" placeholder={placeholder} />;
}

function FieldFrame({ name, label, hint, problem, children }: { name: FormField; label: string; hint: string; problem: string | undefined; children: ReactNode }) {
  return (
    <div className="account-field">
      <label className="account-label" htmlFor={fieldId(name)}>
        {label}
      </label>
      <div className="account-control">
        {children}
        <span id={`${fieldId(name)}-note`} className={problem ? 'field-problem' : 'field-hint'}>
          {problem ?? hint}
        </span>
      </div>
    </div>
  );
}

function Choice<T extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  autoFocus,
}: {
  legend: string;
  name: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange(value: T): void;
  autoFocus?: boolean;
}) {
  return (
    <fieldset className="account-field account-choice">
      <legend className="account-label">{legend}</legend>
      <div className="account-control account-options">
        {options.map(([option, text]) => (
          <label key={option} className="account-option">
            <input type="radio" name={name} value={option} checked={option === value} onChange={() => onChange(option)} data-autofocus={autoFocus && option === value ? true : undefined} />
            {text}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
