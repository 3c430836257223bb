import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react';
import { useOverlayStore } from '../stores/overlay-store.ts';

interface ModalDialogProps {
  label: string;
  className: string;
  /** Keys that close the dialog besides Esc (the key that opened it). Focus starts on `[data-autofocus]`. */
  closesOn(event: KeyboardEvent<HTMLDialogElement>): boolean;
  children: ReactNode;
}

/**
 * A native modal <dialog>: the browser traps focus and makes the page behind it inert. Esc closes it, and focus
 * goes back to where it was.
 */
export function ModalDialog({ label, className, closesOn, children }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useOverlayStore((state) => state.close);
  useEffect(() => {
    const element = dialog.current!;
    const returnTo = document.activeElement;
    element.showModal();
    // React's autoFocus ran before the dialog was modal; showModal moved focus again.
    element.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      element.close();
      if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus({ preventScroll: true });
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className={`modal ${className}`}
      aria-label={label}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      onKeyDown={(event) => {
        if (closesOn(event)) {
          event.preventDefault();
          close();
        }
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === event.currentTarget) close();
      }}
    >
      {children}
    </dialog>
  );
}

/**
 * A dialog's title and its close button, which does what Esc does: "Cancel" where closing drops what the dialog asked
 * for. `focusClose` starts focus on the button (a dialog with nothing to type).
 */
export function ModalHeader({ children, closeLabel = 'Close', focusClose = false }: { children: ReactNode; closeLabel?: string; focusClose?: boolean }) {
  const close = useOverlayStore((state) => state.close);
  return (
    <header className="modal-header">
      <h2>{children}</h2>
      <button type="button" className="modal-close" onClick={close} data-autofocus={focusClose || undefined}>
        {closeLabel} <kbd>Esc</kbd>
      </button>
    </header>
  );
}
