import { useState } from 'react';
import { ModalDialog, ModalHeader } from '../keyboard/ModalDialog.tsx';
import { useOverlayStore } from '../stores/overlay-store.ts';
import { type AskedDowngrade, confirmDowngrade, useSeverityStore } from './severity-store.ts';

/** Longer reasons belong in a note of their own: this one is a line the severity history shows. */
const REASON_MAX = 300;

/** A downgrade asks why, in one line: sent with the severity as an internal note on the helpdesk. */
export function SeverityReasonDialog() {
  const open = useOverlayStore((state) => state.overlay === 'severity');
  const asking = useSeverityStore((state) => state.asking);
  return open && asking !== null ? <ReasonDialog asking={asking} /> : null;
}

function ReasonDialog({ asking }: { asking: AskedDowngrade }) {
  const sending = useSeverityStore((state) => state.sending);
  const error = useSeverityStore((state) => state.error);
  const [reason, setReason] = useState('');
  const { ticket, to, below } = asking;
  const whose = [
    below.includes('responder') && ticket.severity !== null ? `your team's ${ticket.severity}` : null,
    below.includes('customer') && ticket.customerSeverity !== null ? `the customer's ${ticket.customerSeverity}` : null,
  ].filter((part) => part !== null);
  return (
    <ModalDialog label="Reason for a lower severity" className="severity-dialog" closesOn={() => false}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void confirmDowngrade(reason);
        }}
      >
        <ModalHeader closeLabel="Cancel">
          Lower #{ticket.sourceId} to <span className={`severity severity-${to}`}>{to}</span>?
        </ModalHeader>
        <p className="hint">
          {to} is less urgent than {whose.join(' and ')}. Say why in one line: it goes to the helpdesk as an internal note with the change.
        </p>
        <input
          className="account-input severity-reason"
          aria-label="Why the severity is lower"
          placeholder="e.g. Only the sandbox key is affected; production calls succeed"
          maxLength={REASON_MAX}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={error !== null}
          data-autofocus
        />
        {error !== null && (
          <p className="field-problem" role="alert">
            {error}
          </p>
        )}
        <div className="account-form-actions">
          <button type="submit" className="account-button primary" disabled={sending}>
            Set {to} and add the note <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
