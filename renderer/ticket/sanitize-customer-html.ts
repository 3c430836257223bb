// Customer HTML is hostile: this is the only way it reaches the page. An allowlist of inert formatting tags, links
// that can only open outside the app, and images that load only when the engineer asks.
import DOMPurify from 'dompurify';

/** Formatting, lists, tables, quotes, code, links and images. No forms, frames, media, SVG, MathML or style. */
const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt',
  'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol',
  'p', 'pre', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'time', 'tr', 'u', 'ul',
];
/** No style, class, id or name (nothing can restyle the app or clobber the DOM), no event handlers, no data-*. */
const ALLOWED_ATTR = ['href', 'src', 'alt', 'title', 'colspan', 'rowspan', 'scope', 'start', 'datetime', 'dir'];
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const IMAGE_PROTOCOLS = new Set(['http:', 'https:']);

/** The URL if it parses and its scheme is allowed, else null. Relative URLs do not parse: they would hit the app. */
function allowedUrl(value: string | null, protocols: ReadonlySet<string>): string | null {
  if (value === null) return null;
  try {
    const url = new URL(value.trim());
    return protocols.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const purify = DOMPurify(window);
let hiddenImages = 0;

purify.addHook('afterSanitizeAttributes', (element) => {
  const tag = element.tagName.toLowerCase();
  if (tag === 'a') {
    const href = allowedUrl(element.getAttribute('href'), LINK_PROTOCOLS);
    if (href === null) element.removeAttribute('href');
    else {
      element.setAttribute('href', href);
      // Links leave the app: the hosts open a new window's http(s)/mailto URL in the system browser only.
      element.setAttribute('target', '_blank');
      element.setAttribute('rel', 'noopener noreferrer');
    }
  } else element.removeAttribute('href');
  if (tag === 'img') {
    const src = allowedUrl(element.getAttribute('src'), IMAGE_PROTOCOLS);
    element.removeAttribute('src');
    // A remote image is a tracking pixel until the engineer says otherwise: park its address.
    if (src !== null) {
      element.setAttribute('data-src', src);
      hiddenImages++;
    }
  } else element.removeAttribute('src');
});

export interface SanitizedHtml {
  /** Inert nodes, parsed once by the browser that shows them (no string round trip for mutation XSS to exploit). */
  fragment: DocumentFragment;
  /** Remote images whose address waits in data-src until the engineer asks for them. */
  hiddenImages: number;
}

export function sanitizeCustomerHtml(html: string): SanitizedHtml {
  hiddenImages = 0;
  const fragment: DocumentFragment | null = purify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
    RETURN_DOM_FRAGMENT: true,
  });
  // DOMPurify answers null for markup that parses without a body (a <frameset> document): nothing to show.
  return { fragment: fragment ?? document.createDocumentFragment(), hiddenImages };
}

/** Loads the images of sanitized content the engineer asked to see (their address checked again on the way). */
export function showHiddenImages(container: ParentNode): void {
  for (const image of container.querySelectorAll('img[data-src]')) {
    const src = allowedUrl(image.getAttribute('data-src'), IMAGE_PROTOCOLS);
    image.removeAttribute('data-src');
    if (src !== null) image.setAttribute('src', src);
  }
}
