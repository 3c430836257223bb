/** What a Help Scout account holds, read with plain HTTP while nothing changes: the tests' own view of the truth. */
export interface HelpScoutTruth {
  id: number;
  status: string;
  subject: string;
  createdAt: string;
  tags: { tag: string }[];
  primaryCustomer: { id: number; email: string };
  assignee?: { id: number; first: string; last: string };
  _embedded?: { threads: { id: number; type: string; createdBy: { type: string } | null }[] };
}

export async function helpScoutToken(baseUrl: string, client: { clientId: string; clientSecret: string }): Promise<string> {
  const response = await fetch(`${baseUrl}/v2/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
  });
  if (!response.ok) throw new Error(`token: HTTP ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function getJson<T>(url: string, token: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Every conversation of a status list (`all` or `spam`), by id. */
export async function readConversations(
  baseUrl: string,
  client: { clientId: string; clientSecret: string },
  status: 'all' | 'spam' = 'all',
): Promise<Map<string, HelpScoutTruth>> {
  const token = await helpScoutToken(baseUrl, client);
  const conversations = new Map<string, HelpScoutTruth>();
  for (let page = 1; ; page++) {
    const body = await getJson<{ _embedded?: { conversations: HelpScoutTruth[] }; page: { totalPages: number } }>(
      `${baseUrl}/v2/conversations?status=${status}&sortField=createdAt&sortOrder=asc&embed=threads&page=${page}`,
      token,
    );
    for (const c of body._embedded?.conversations ?? []) conversations.set(String(c.id), c);
    if (page >= body.page.totalPages) return conversations;
  }
}

/** The plan property of a customer's organization, as the dropdown says it ("Enterprise"), or null. */
export async function readPlanOfCustomer(baseUrl: string, token: string, customerId: number): Promise<string | null> {
  const customer = await getJson<{ organizationId?: number }>(`${baseUrl}/v2/customers/${customerId}`, token);
  if (customer.organizationId === undefined) return null;
  const org = await getJson<{ properties?: { slug: string; value: string }[] }>(
    `${baseUrl}/v2/organizations/${customer.organizationId}?includeProperties=true`,
    token,
  );
  return org.properties?.find((p) => p.slug === 'plan')?.value ?? null;
}
