import { describe, expect, it } from 'vitest';
import { errorTextOf } from '../../../main/core/connectors/helpscout/helpscout-error-text.ts';
import type { HelpScoutThread } from '../../../main/core/connectors/helpscout/helpscout-payloads.ts';
import { hasSentComment } from '../../../main/core/connectors/helpscout/helpscout-sent-thread.ts';
import { sameTagSet, tagsAfterChange } from '../../../main/core/connectors/helpscout/helpscout-tag-set.ts';

describe('the tag set a Help Scout write puts back', () => {
  it('removes in any case, keeps what is there, adds what is missing', () => {
    expect(tagsAfterChange(['Billing', 'upstream'], { removeTags: ['billing'], addTags: ['Upstream', 'api-keys'] })).toEqual(['upstream', 'api-keys']);
  });

  it('leaves exactly one severity tag', () => {
    expect(tagsAfterChange(['P3', 'docs', 'p4'], { severity: 'P1' })).toEqual(['docs', 'p1']);
    expect(tagsAfterChange(['docs'], { severity: 'P2' })).toEqual(['docs', 'p2']);
  });

  it('changes nothing more when applied to its own result (a resumed write)', () => {
    const changes = { severity: 'P2' as const, addTags: ['sdk'], removeTags: ['docs'] };
    const once = tagsAfterChange(['P3', 'docs', 'Billing'], changes);
    expect(tagsAfterChange(once, changes)).toEqual(once);
    expect(sameTagSet(once, ['billing', 'SDK', 'p2'])).toBe(true);
    expect(sameTagSet(once, ['billing', 'sdk'])).toBe(false);
  });
});

describe('finding a comment already sent to Help Scout', () => {
  const queuedAt = '2026-11-21T10:00:00.000Z';
  const thread = (overrides: Partial<HelpScoutThread>): HelpScoutThread => ({
    id: 1,
    type: 'message',
    state: 'published',
    body: '<p>Thanks &amp; sorry,</p><p>we are on it.</p>',
    createdBy: { id: 7, type: 'user' },
    createdAt: '2026-11-21T10:00:05Z',
    ...overrides,
  });
  const reply = { body: 'Thanks & sorry,\nwe are on it.', public: true };

  it('matches the same text by the same user, served back as HTML', () => {
    expect(hasSentComment([thread({})], reply, 7, queuedAt)).toBe(true);
    // Help Scout's clock may run up to a minute behind ours.
    expect(hasSentComment([thread({ createdAt: '2026-11-21T09:59:30Z' })], reply, 7, queuedAt)).toBe(true);
  });

  it('does not take another kind, author, time or text for it', () => {
    expect(hasSentComment([thread({ type: 'note' })], reply, 7, queuedAt)).toBe(false);
    expect(hasSentComment([thread({})], { ...reply, public: false }, 7, queuedAt)).toBe(false);
    expect(hasSentComment([thread({ createdBy: { id: 8, type: 'user' } })], reply, 7, queuedAt)).toBe(false);
    expect(hasSentComment([thread({ createdBy: { id: 7, type: 'customer' } })], reply, 7, queuedAt)).toBe(false);
    expect(hasSentComment([thread({ createdAt: '2026-11-21T09:58:00Z' })], reply, 7, queuedAt)).toBe(false);
    expect(hasSentComment([thread({ state: 'draft' })], reply, 7, queuedAt)).toBe(false);
    expect(hasSentComment([thread({ body: '<p>Thanks &amp; sorry.</p>' })], reply, 7, queuedAt)).toBe(false);
  });
});

describe("Help Scout's words for a refusal", () => {
  it('reads a vnd.error with the fields at fault, or OAuth error_description', () => {
    const vnd = { logRef: 'x#1', message: 'Bad request', _embedded: { errors: [{ path: 'text', message: 'may not be empty', source: 'JSON' }] } };
    expect(errorTextOf(JSON.stringify(vnd))).toBe('Bad request: text: may not be empty');
    expect(errorTextOf(JSON.stringify({ error: 'invalid_token', error_description: 'Access token expired' }))).toBe('Access token expired');
    expect(errorTextOf('<html>Bad gateway</html>')).toBeNull();
    expect(errorTextOf('{}')).toBeNull();
  });
});
