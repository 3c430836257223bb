import { describe, expect, it } from 'vitest';
import { tokensFromAnswer, ZendeskGrantRefusedError } from '../../../main/core/auth/zendesk-tokens.ts';

const OBTAINED_AT = Date.parse('2026-03-02T10:00:00Z');

describe("Zendesk's token answers", () => {
  it('reads a pair with its expiry', () => {
    const answer = {
      access_token: 'gErypPlm4dOVgGRvA1ZzMH5MQ3nLo8bo',
      refresh_token: '31048ba4d7c601302f3173f243da835f',
      token_type: 'bearer',
      scope: 'read write',
      expires_in: 1800,
      refresh_token_expires_in: 2592000,
    };
    expect(tokensFromAnswer(answer, OBTAINED_AT)).toEqual({
      accessToken: 'gErypPlm4dOVgGRvA1ZzMH5MQ3nLo8bo',
      refreshToken: '31048ba4d7c601302f3173f243da835f',
      expiresAt: '2026-03-02T10:30:00.000Z',
    });
  });

  it('leaves the expiry unknown when Zendesk does not give one', () => {
    const tokens = tokensFromAnswer({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: null }, OBTAINED_AT);
    expect(tokens.expiresAt).toBeNull();
  });

  it('names the field of an answer it cannot use', () => {
    expect(() => tokensFromAnswer({ access_token: 'a', token_type: 'bearer' }, OBTAINED_AT)).toThrow(/oauth\/tokens: refresh_token: missing/);
    expect(() => tokensFromAnswer({ access_token: 'a', refresh_token: 'r', token_type: 'mac' }, OBTAINED_AT)).toThrow(/token_type: must be "bearer"/);
    expect(() => tokensFromAnswer({ access_token: 'a', refresh_token: 'r', token_type: 'bearer', expires_in: -5 }, OBTAINED_AT)).toThrow(/expires_in/);
  });

  it("reads OAuth's error out of a refusal", () => {
    const refused = new ZendeskGrantRefusedError(400, JSON.stringify({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }));
    expect(refused.error).toBe('invalid_grant');
    expect(refused.reason).toBe('HTTP 400 invalid_grant: Token has been expired or revoked.');
    expect(new ZendeskGrantRefusedError(401, '<html>').reason).toBe('HTTP 401');
  });
});
