// Shortcuts as the support engineer types them: characters (event.key), not physical keys, so "j", "/" and "?"
// are the same keys on QWERTY, AZERTY and QWERTZ. No DOM types here, so the unit tests run on Node.

/** The parts of a KeyboardEvent a shortcut looks at. */
export interface KeyPress {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** AltGr, which some layouts need for "/" or "@"; it is not a modifier chord. */
  readonly altGraph: boolean;
  /** Only Cmd/Ctrl chords look at Shift (Ctrl+Shift+Enter); characters already carry it ("?"). */
  readonly shiftKey?: boolean;
}

/**
 * One way to trigger an action: a key, a two-key sequence ("g" then "1"), or Cmd/Ctrl plus a key.
 * Keys are `event.key` values: a character ("j", "/", "?") or a named key ("Enter", "Escape", "ArrowDown").
 */
export interface Shortcut {
  readonly keys: readonly [string] | readonly [string, string];
  /** Cmd on macOS, Ctrl elsewhere. */
  readonly mod?: boolean;
  /** With `mod`: true needs Shift held, false needs it not held; left out, either. */
  readonly shift?: boolean;
}

const LATIN_LETTER = /^[a-z]$/i;

/**
 * The character a key press stands for. Letters compare case-insensitively (Caps Lock, Shift). On layouts without
 * Latin letters (Russian, Hebrew, Greek) a letter key falls back to its physical position, so "j" stays usable.
 */
export function keyOf(press: Pick<KeyPress, 'key' | 'code'>): string {
  const { key, code } = press;
  if (key.length === 1 && /\p{L}/u.test(key) && !LATIN_LETTER.test(key) && /^Key[A-Z]$/.test(code)) return code.slice(3).toLowerCase();
  return key.length === 1 ? key.toLowerCase() : key;
}

/** Whether Cmd (macOS) or Ctrl (elsewhere) is held, AltGr excepted (Windows reports it as Ctrl+Alt). */
export function isModChord(press: KeyPress, mac: boolean): boolean {
  if (press.altGraph) return false;
  return mac ? press.metaKey : press.ctrlKey && !press.altKey;
}

/** Whether a press carries no chord modifier: Shift is allowed, since "?" and "/" need it on some layouts. */
export function isPlainPress(press: KeyPress): boolean {
  if (press.altGraph) return true;
  return !press.ctrlKey && !press.metaKey && !press.altKey;
}

/** Modifier keys pressed alone, which neither trigger nor cancel a shortcut. */
export function isModifierKey(key: string): boolean {
  return key === 'Shift' || key === 'Control' || key === 'Alt' || key === 'Meta' || key === 'AltGraph' || key === 'CapsLock';
}

const KEY_LABELS: Record<string, string> = {
  ArrowDown: '↓',
  ArrowUp: '↑',
  ArrowLeft: '←',
  ArrowRight: '→',
  Enter: 'Enter',
  Escape: 'Esc',
  ' ': 'Space',
};

/** The keys of a shortcut as shown on key caps, e.g. ["G", "1"] or ["Ctrl", "K"]. */
export function shortcutKeyCaps(shortcut: Shortcut, mac: boolean): string[] {
  const caps = shortcut.keys.map((key) => KEY_LABELS[key] ?? (key.length === 1 ? key.toUpperCase() : key));
  if (!shortcut.mod) return caps;
  return shortcut.shift ? [mac ? '⌘' : 'Ctrl', mac ? '⇧' : 'Shift', ...caps] : [mac ? '⌘' : 'Ctrl', ...caps];
}

/** A shortcut in words, for titles and screen readers: "g then 1", "Ctrl+K". */
export function describeShortcut(shortcut: Shortcut, mac: boolean): string {
  const caps = shortcutKeyCaps(shortcut, mac);
  return shortcut.mod ? caps.join('+') : caps.join(' then ');
}
