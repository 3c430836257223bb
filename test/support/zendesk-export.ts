/** Reads a Zendesk cursor export end to end with plain HTTP: the test's own view of what the helpdesk holds. */
export async function readWholeExport(
  baseUrl: string,
  credentials: { email: string; token: string },
): Promise<Map<string, { status: string; priority: string | null; subject: string; updated_at: string; organization_id: number | null }>> {
  const authorization = `Basic ${Buffer.from(`${credentials.email}/token:${credentials.token}`).toString('base64')}`;
  const tickets = new Map();
  let query = 'start_time=0';
  for (;;) {
    const response = await fetch(`${baseUrl}/api/v2/incremental/tickets/cursor.json?${query}&per_page=1000`, { headers: { authorization } });
    const page = (await response.json()) as { tickets: { id: number }[]; after_cursor: string; end_of_stream: boolean };
    for (const ticket of page.tickets) tickets.set(String(ticket.id), ticket);
    if (page.end_of_stream) return tickets;
    query = `cursor=${encodeURIComponent(page.after_cursor)}`;
  }
}
