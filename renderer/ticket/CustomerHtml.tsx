import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { sanitizeCustomerHtml, showHiddenImages } from './sanitize-customer-html.ts';

/**
 * A message's HTML, sanitized, in a box it cannot escape (`contain: content`, its own scrollbars). Remote images
 * stay unloaded until the engineer presses "Show N images".
 */
export function CustomerHtml({ html }: { html: string }) {
  const container = useRef<HTMLDivElement>(null);
  const sanitized = useMemo(() => sanitizeCustomerHtml(html), [html]);
  const [imagesShown, setImagesShown] = useState(false);
  useLayoutEffect(() => {
    const element = container.current!;
    // A copy, so a second run of the effect (Strict Mode, images shown) still has the nodes to insert.
    element.replaceChildren(sanitized.fragment.cloneNode(true));
    if (imagesShown) showHiddenImages(element);
  }, [sanitized, imagesShown]);
  const count = sanitized.hiddenImages;
  return (
    <>
      <div ref={container} className="customer-html" />
      {count > 0 && !imagesShown && (
        <button type="button" className="show-images" onClick={() => setImagesShown(true)}>
          Show {count} {count === 1 ? 'image' : 'images'}
        </button>
      )}
    </>
  );
}
