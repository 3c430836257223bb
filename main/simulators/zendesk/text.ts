/** Text building blocks: message blocks, rendering to plain text and to HTML, and timestamp formatting. */

export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'quote'; text: string }
  /** Raw HTML that only exists in the HTML rendering (what a mail client forwarded); plain text drops it. */
  | { kind: 'rawHtml'; html: string; plain: string };

export const p = (text: string): Block => ({ kind: 'p', text });
export const code = (text: string): Block => ({ kind: 'code', text });
export const quote = (text: string): Block => ({ kind: 'quote', text });

/** Zendesk's timestamp format: `2019-06-03T02:23:47Z` (UTC, second precision). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function escapeHtml(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const URL_RE = /https?:\/\/[^\s<>"')]+[^\s<>"').,;:]/g;

/** Escapes a paragraph and turns its URLs into links, as mail clients do. */
function linkify(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    const index = match.index;
    out += escapeHtml(text.slice(last, index));
    const url = match[0];
    out += `<a href="${escapeHtml(url)}" rel="noreferrer">${escapeHtml(url)}</a>`;
    last = index + url.length;
  }
  return out + escapeHtml(text.slice(last));
}

export function toPlain(blocks: readonly Block[]): string {
  const parts: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'p') parts.push(block.text);
    else if (block.kind === 'code') parts.push(block.text);
    else if (block.kind === 'quote') parts.push(block.text.split('\n').map((line) => `> ${line}`).join('\n'));
    else if (block.plain) parts.push(block.plain);
  }
  return parts.join('\n\n');
}

/** The HTML a customer's mail client sent (used for the tickets marked as HTML mail). */
export function toMailHtml(blocks: readonly Block[]): string {
  const parts: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'p') parts.push(`<p>${linkify(block.text).replaceAll('\n', '<br>')}</p>`);
    else if (block.kind === 'code') parts.push(`<pre><code>${escapeHtml(block.text)}</code></pre>`);
    else if (block.kind === 'quote') parts.push(`<blockquote>${linkify(block.text).replaceAll('\n', '<br>')}</blockquote>`);
    else parts.push(block.html);
  }
  return `<div dir="ltr">${parts.join('\n')}</div>`;
}

/** The HTML Zendesk derives from a plain-text comment. */
export function zendeskHtmlFromPlain(text: string): string {
  const paragraphs = text.split(/\n{2,}/).map((para) => `<p>${linkify(para).replaceAll('\n', '<br>')}</p>`);
  return `<div class="zd-comment" dir="auto">${paragraphs.join('')}</div>`;
}
