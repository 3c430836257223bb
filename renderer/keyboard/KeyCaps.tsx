import { Fragment } from 'react';
import { IS_MAC } from './key-handler.ts';
import { describeShortcut, type Shortcut, shortcutKeyCaps } from './shortcut.ts';

/** A shortcut as key caps: "G then 1", "Ctrl K". */
export function KeyCaps({ shortcut }: { shortcut: Shortcut }) {
  const caps = shortcutKeyCaps(shortcut, IS_MAC);
  return (
    <span className="key-caps" aria-label={describeShortcut(shortcut, IS_MAC)}>
      {caps.map((cap, index) => (
        <Fragment key={index}>
          {index > 0 && !shortcut.mod && <span className="key-then" aria-hidden="true">then</span>}
          <kbd aria-hidden="true">{cap}</kbd>
        </Fragment>
      ))}
    </span>
  );
}
