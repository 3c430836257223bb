import { Command } from 'cmdk';
import { type KeyboardEvent, useEffect, useMemo, useState } from 'react';
import { type TicketSummary, ticketKeyString } from '../../shared/domain/ticket.ts';
import { type Macro, type MacroAfter, macroAppliesTo } from '../../shared/macros/macro.ts';
import { hostErrorMessage } from '../host/host-error.ts';
import { triageHost } from '../host/triage-host.ts';
import { IS_MAC } from '../keyboard/key-handler.ts';
import { ModalDialog } from '../keyboard/ModalDialog.tsx';
import { useOverlayStore } from '../stores/overlay-store.ts';
import { useTicketStore } from '../stores/ticket-store.ts';
import { FieldChangeList } from '../writes/FieldChangeList.tsx';
import { applyToOpenTicket, applyToTickets, goOnAfterMacro, type PlannedWrites } from './macro-apply.ts';
import { type MacroPlan, planMacro, type TicketLoad } from './macro-plan.ts';
import type { MacroPreview } from './macro-preview.ts';
import { type MacroTargets, targetAccounts, useMacrosStore } from './macros-store.ts';
import { TemplatePreview } from './TemplatePreview.tsx';

const AFTER_WORDS: Record<MacroAfter, string> = { stay: 'stays on the ticket', next: 'then the next ticket', close: 'then back to the queue' };

/** `m`: the macros, fuzzy-searched, with quick slots 1-9; a preview of what the highlighted one does before it does it. */
export function MacroPicker() {
  const open = useOverlayStore((state) => state.overlay === 'macros');
  const picker = useMacrosStore((state) => state.picker);
  return open && picker !== null ? <PickerDialog targets={picker.targets} start={picker.start} /> : null;
}

/** Each picked ticket's detail (a macro fills its placeholders from it), fetched one after another. */
function usePickedDetails(tickets: readonly TicketSummary[] | null): ReadonlyMap<string, TicketLoad> {
  const [loads, setLoads] = useState<ReadonlyMap<string, TicketLoad>>(new Map());
  useEffect(() => {
    if (tickets === null) return;
    let cancelled = false;
    void (async () => {
      const host = triageHost();
      for (const ticket of tickets) {
        let load: TicketLoad;
        try {
          if (!host) throw new Error('This page has no Triage Desk host.');
          const detail = await host.getTicket({ accountId: ticket.accountId, sourceId: ticket.sourceId });
          load = detail === null ? { state: 'error', message: 'no longer in the helpdesk' } : { state: 'ready', detail };
        } catch (error) {
          load = { state: 'error', message: hostErrorMessage(error) };
        }
        if (cancelled) return;
        setLoads((previous) => new Map(previous).set(ticketKeyString(ticket), load));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [tickets]);
  return loads;
}

function PickerDialog({ targets, start }: { targets: MacroTargets; start: string | null }) {
  const close = useOverlayStore((state) => state.close);
  const listed = useMacrosStore((state) => state.macros);
  // A helpdesk's macros only on its own account's tickets.
  const macros = useMemo(() => listed?.filter((candidate) => macroAppliesTo(candidate, targetAccounts(targets))) ?? null, [listed, targets]);
  const loadError = useMacrosStore((state) => state.loadError);
  const openTicket = useTicketStore((state) => state.open);
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(start ?? '');
  const [applying, setApplying] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const picked = targets.kind === 'tickets' ? targets.tickets : null;
  const pickedDetails = usePickedDetails(picked);
  const macro = macros?.find((candidate) => candidate.id === highlight) ?? null;
  const openDetail = openTicket?.load.state === 'ready' ? openTicket.load.detail : null;

  const plan = useMemo((): MacroPlan | null => {
    if (macro === null) return null;
    if (targets.kind === 'tickets') return planMacro(macro, targets.tickets, pickedDetails);
    return openDetail === null ? null : planMacro(macro, [openDetail], new Map([[ticketKeyString(openDetail), { state: 'ready', detail: openDetail }]]));
  }, [macro, targets, openDetail, pickedDetails]);
  const ready = plan?.ready ?? [];
  // One ticket: only when its preview has no error. Several: once all are read, the ones without errors.
  const canApply = plan !== null && !applying && plan.loading === 0 && ready.length > 0 && (targets.kind === 'tickets' || plan.skipped.length === 0);

  const apply = async (andNext: boolean): Promise<void> => {
    if (!canApply || macro === null) return;
    setApplying(true);
    const planned: PlannedWrites[] = ready.map((each) => ({ ticket: { accountId: each.ticket.accountId, sourceId: each.ticket.sourceId }, writes: each.preview!.writes! }));
    if (targets.kind === 'open') {
      const failure = await applyToOpenTicket(macro, planned[0]!);
      if (failure !== null) {
        setApplying(false);
        setProblem(`The macro was not queued: ${failure}`);
        return;
      }
      close();
      goOnAfterMacro(andNext ? 'next' : macro.after);
      return;
    }
    close();
    await applyToTickets(macro, planned, plan!.tickets.length - ready.length);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      // cmdk would select the item; Enter applies, Shift+Enter applies and opens the next ticket.
      event.preventDefault();
      void apply(event.shiftKey && targets.kind === 'open');
      return;
    }
    const slot = /^[1-9]$/.test(event.key) && query === '' && !event.ctrlKey && !event.metaKey && !event.altKey;
    const inSlot = slot ? macros?.find((candidate) => candidate.shortcut === event.key) : undefined;
    if (inSlot) {
      event.preventDefault();
      setHighlight(inSlot.id);
    }
  };

  const subject = targets.kind === 'open' ? `#${openTicket?.summary.sourceId ?? ''} ${openTicket?.summary.subject ?? ''}` : null;
  return (
    <ModalDialog label="Apply a macro" className="macro-picker" closesOn={() => false}>
      <Command label="Macros" value={highlight} onValueChange={setHighlight} onKeyDown={onKeyDown} loop>
        <header className="macro-picker-header">
          <h2>
            Apply a macro{' '}
            <span className="muted">
              to {subject ?? (picked!.length === 1 ? `#${picked![0]!.sourceId} ${picked![0]!.subject}` : `${picked!.length} picked tickets`)}
            </span>
          </h2>
        </header>
        <div className="macro-picker-body">
          <div className="macro-list-pane">
            <Command.Input className="palette-input" placeholder="Search macros, or press 1-9…" value={query} onValueChange={setQuery} data-autofocus />
            <Command.List className="palette-list macro-list">
              {macros === null && <Command.Loading>{loadError === null ? 'Loading macros…' : `The macros could not be loaded: ${loadError}`}</Command.Loading>}
              <Command.Empty className="palette-empty">No macro matches.</Command.Empty>
              {macros?.map((candidate) => (
                <Command.Item key={candidate.id} value={candidate.id} keywords={[candidate.title]} className="palette-item macro-item" data-macro={candidate.id}>
                  <span className="macro-slot">{candidate.shortcut ? <kbd>{candidate.shortcut}</kbd> : null}</span>
                  <span className="macro-title">{candidate.title}</span>
                  {candidate.source !== 'local' && <span className="muted macro-source">{candidate.source}</span>}
                </Command.Item>
              ))}
            </Command.List>
          </div>
          <div className="macro-preview-pane" data-testid="macro-preview" aria-live="polite">
            {macro === null || plan === null ? <p className="muted">Pick a macro to see what it would do.</p> : <PreviewPane macro={macro} plan={plan} bulk={targets.kind === 'tickets'} />}
          </div>
        </div>
        <footer className="macro-picker-footer">
          {problem !== null && (
            <p className="macro-problem" role="alert">
              {problem}
            </p>
          )}
          <span className="hint">
            <kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>1</kbd>-<kbd>9</kbd> quick slots · <kbd>Esc</kbd> close
          </span>
          <button type="button" className="account-button" disabled={!canApply} onClick={() => void apply(false)} data-testid="macro-apply">
            {targets.kind === 'open' ? 'Apply' : `Apply to ${ready.length}`} <kbd>Enter</kbd>
          </button>
          {targets.kind === 'open' && (
            <button type="button" className="account-button primary" disabled={!canApply} onClick={() => void apply(true)}>
              Apply and next <kbd>{IS_MAC ? '⇧' : 'Shift'}</kbd> <kbd>Enter</kbd>
            </button>
          )}
        </footer>
      </Command>
    </ModalDialog>
  );
}

function PreviewPane({ macro, plan, bulk }: { macro: Macro; plan: MacroPlan; bulk: boolean }) {
  const shown = plan.ready[0] ?? plan.tickets.find((each) => each.preview !== null);
  const { skipped, loading } = plan;
  const total = plan.tickets.length;
  return (
    <>
      <p className="macro-after muted">
        {macro.title} · {bulk ? 'stays in the queue' : AFTER_WORDS[macro.after]}
      </p>
      {bulk && (
        <div className="macro-bulk" data-testid="macro-bulk">
          <p>
            Applies to {plan.ready.length} of {total} ticket{total === 1 ? '' : 's'}
            {loading > 0 ? ` (${loading} loading)` : ''}.
          </p>
          {skipped.length > 0 && (
            <ul className="macro-skipped">
              {skipped.map((each) => (
                <li key={ticketKeyString(each.ticket)}>
                  Skipped #{each.ticket.sourceId} {each.ticket.subject}: <span className="macro-problem">{each.problem}</span>
                </li>
              ))}
            </ul>
          )}
          {shown?.preview && <h3 className="macro-preview-for">Preview for #{shown.ticket.sourceId}</h3>}
        </div>
      )}
      {shown?.preview && <TicketPreview preview={shown.preview} />}
    </>
  );
}

function TicketPreview({ preview }: { preview: MacroPreview }) {
  const nothing = preview.writes === null && preview.reply === null && preview.note === null;
  return (
    <div className="macro-preview" data-has-errors={preview.errors.length > 0}>
      {preview.reply && <TemplatePreview label="Reply to the customer" rendered={preview.reply} />}
      {preview.changes.length > 0 && (
        <section className="macro-changes" aria-label="Field changes">
          <h4>Field changes</h4>
          <FieldChangeList changes={preview.changes} />
        </section>
      )}
      {preview.note && <TemplatePreview label="Internal note" rendered={preview.note} note />}
      {preview.errors.length > 0 && (
        <p className="macro-problem" role="alert">
          {nothing ? preview.errors[0] : `Apply is off until ${preview.errors.length === 1 ? 'this error is' : `these ${preview.errors.length} errors are`} fixed in the macro.`}
        </p>
      )}
    </div>
  );
}
