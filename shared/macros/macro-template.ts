// Logic-less placeholders for macro bodies: `{{requester.first_name}}` and nothing else. No conditions, loops, filters
// or HTML: a template can only insert the whitelisted values of `MacroContext`, and anything else is an error that
// the preview shows and that keeps the macro from being sent.

/** Every placeholder a template may use, with what it means (the editor and the errors list them). */
export const MACRO_PLACEHOLDERS = {
  'requester.name': "the requester's full name",
  'requester.first_name': "the requester's first name",
  'requester.email': "the requester's email",
  'customer.organization': "the customer's organization",
  'customer.plan': "the customer's plan",
  'ticket.id': "the ticket's id in the helpdesk",
  'ticket.subject': "the ticket's subject",
  'ticket.status': "the ticket's status",
  'ticket.severity': "the ticket's severity (P1-P4)",
  'ticket.url': "the ticket's link in the helpdesk",
  'sla.first_response.due': 'when the first response is due, in the customer\'s time zone',
  'sla.next_response.due': 'when the next response is due, in the customer\'s time zone',
  'sla.resolution.due': 'when the resolution is due, in the customer\'s time zone',
  'agent.name': 'your name',
  'agent.first_name': 'your first name',
  'agent.email': 'your email',
} as const;
export type MacroPlaceholder = keyof typeof MACRO_PLACEHOLDERS;

/** The values for one ticket; null where the ticket has none (no organization, a paused clock). */
export type MacroContext = Record<MacroPlaceholder, string | null>;

export type TemplateSegment =
  | { kind: 'text'; text: string }
  | { kind: 'value'; placeholder: MacroPlaceholder; text: string }
  | { kind: 'error'; source: string; message: string };

export interface RenderedTemplate {
  /** The filled-in text, or null when any placeholder could not be filled: such a text is never sent. */
  text: string | null;
  /** The template cut into what the preview shows: plain text, filled values, and errors in place. */
  segments: TemplateSegment[];
  /** One line per problem, naming the placeholder and where it is. */
  errors: string[];
}

function isPlaceholder(name: string): name is MacroPlaceholder {
  return Object.hasOwn(MACRO_PLACEHOLDERS, name);
}

/** Fills `template` from `context`. */
export function renderMacroTemplate(template: string, context: MacroContext): RenderedTemplate {
  const segments: TemplateSegment[] = [];
  const errors: string[] = [];
  const fail = (source: string, index: number, message: string): void => {
    segments.push({ kind: 'error', source, message });
    errors.push(`${lineAndColumn(template, index)}: ${message}`);
  };
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf('{{', at);
    if (open === -1) {
      segments.push({ kind: 'text', text: template.slice(at) });
      break;
    }
    if (open > at) segments.push({ kind: 'text', text: template.slice(at, open) });
    const close = template.indexOf('}}', open + 2);
    if (close === -1) {
      fail(template.slice(open), open, '"{{" is never closed with "}}"');
      break;
    }
    const source = template.slice(open, close + 2);
    const name = template.slice(open + 2, close).trim();
    at = close + 2;
    if (!isPlaceholder(name)) {
      // `%`: a Liquid tag such as {% if %} imported from Zendesk.
      const logic = /^[#/^>!&%]|[|()]/.test(name);
      fail(source, open, logic ? `${source} is not a placeholder: macros have no logic, only {{name}} values` : `unknown placeholder ${source}${suggestionFor(name)}`);
      continue;
    }
    const value = context[name];
    if (value === null || value === '') fail(source, open, `${source} has no value for this ticket`);
    else segments.push({ kind: 'value', placeholder: name, text: value });
  }
  return { text: errors.length === 0 ? segments.map((segment) => (segment.kind === 'error' ? '' : segment.text)).join('') : null, segments, errors };
}

function lineAndColumn(text: string, index: number): string {
  const before = text.slice(0, index).split('\n');
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

/** The closest known placeholder, for a typo such as `requester.firstname`. */
function suggestionFor(name: string): string {
  const squash = (value: string): string => value.toLowerCase().replace(/[^a-z]/g, '');
  const wanted = squash(name);
  const match = (Object.keys(MACRO_PLACEHOLDERS) as MacroPlaceholder[]).find((known) => squash(known) === wanted || squash(known.split('.').at(-1)!) === wanted);
  return match ? ` (did you mean {{${match}}}?)` : '';
}
