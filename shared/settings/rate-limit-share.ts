import { z } from 'zod';

/**
 * The share of each account's rate limit per window that this desktop may spend. Every engineer of the team polls the
 * same account, and the company's own integrations spend the same budget: 0.2 lets five desktops catch up at once
 * without a 429 while a quiet poll (one request a minute or so) never comes near it.
 */
export const RateLimitShare = z.number().gt(0).max(1);

export const DEFAULT_RATE_LIMIT_SHARE = 0.2;
