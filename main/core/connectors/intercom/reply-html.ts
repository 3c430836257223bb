import { htmlToText } from '../message-text.ts';

// Intercom stores a reply's body as HTML: the engineer's plain text goes as paragraphs, its line breaks kept.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Plain text as Intercom's reply HTML: one paragraph per blank-line block, single line breaks as <br>. */
export function replyHtml(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((block) => `<p>${block.trim().replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Whether a part's HTML says `text` (spacing aside): how a reply sent earlier is recognised when read back. */
export function saysSameText(html: string, text: string): boolean {
  const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();
  return flat(htmlToText(html)) === flat(text);
}
