import { describe, expect, it } from 'vitest';
import { priorityOfSeverity, severityOfPriority, stateOfStatus, statusOfState } from '../../../main/core/connectors/intercom/intercom-mapping.ts';
import { replyHtml, saysSameText } from '../../../main/core/connectors/intercom/reply-html.ts';
import { SEVERITIES, TICKET_STATUSES } from '../../../shared/domain/ticket.ts';

describe('Intercom reply HTML', () => {
  it('sends plain text as paragraphs with line breaks, escaped', () => {
    expect(replyHtml('Hi Ana,\nuse the header:\n\n  X-Api-Key: <key> & "quotes"\n')).toBe('<p>Hi Ana,<br>use the header:</p><p>X-Api-Key: &lt;key&gt; &amp; &quot;quotes&quot;</p>');
  });

  it('recognises its own text read back, spacing aside, and nothing else', () => {
    const text = 'Retry with `curl -H "X-Api-Key: sk_live_…"`.\n\nThen tell us <what> you see & when.';
    expect(saysSameText(replyHtml(text), text)).toBe(true);
    expect(saysSameText(`<p class="intercom-align-left">${replyHtml(text).slice(3)}`, text)).toBe(true);
    expect(saysSameText(replyHtml(text), `${text} Thanks!`)).toBe(false);
    expect(saysSameText(replyHtml('Thanks'), 'thanks')).toBe(false);
  });
});

describe('what writes map to', () => {
  it('each severity to the priority it is read back as', () => {
    for (const severity of SEVERITIES) expect(severityOfPriority(priorityOfSeverity(severity))).toBe(severity);
  });

  it('each status to a state that reads back as the same kind of status', () => {
    expect(TICKET_STATUSES.map((status) => [status, stateOfStatus(status)])).toEqual([
      ['new', 'open'],
      ['open', 'open'],
      ['pending', 'snoozed'],
      ['hold', 'snoozed'],
      ['solved', 'closed'],
      ['closed', 'closed'],
    ]);
    expect(statusOfState(stateOfStatus('pending'))).toBe('pending');
  });
});
