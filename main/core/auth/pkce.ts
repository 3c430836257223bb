import { createHash, randomBytes } from 'node:crypto';

/** A PKCE pair (RFC 7636): the verifier stays with the app, the challenge goes to the authorization page. */
export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** The S256 challenge of a verifier: BASE64URL(SHA256(ASCII(verifier))), without padding. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** 32 random bytes as the verifier: 43 characters of the unreserved alphabet, the shortest RFC 7636 allows. */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier), method: 'S256' };
}
