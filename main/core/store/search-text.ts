// The words of a message's HTML for the search index only (never shown): tags dropped, common entities decoded.
// Rendering goes through DOMPurify in the renderer; this only has to find words.
import { decodeEntities } from '../connectors/message-text.ts';

export function searchTextOf(html: string): string {
  return decodeEntities(html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
