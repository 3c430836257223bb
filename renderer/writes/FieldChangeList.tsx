import type { FieldChange } from '../../shared/macros/macro-changes.ts';

const FIELD_LABELS: Record<FieldChange['field'], string> = { status: 'Status', severity: 'Severity', assignee: 'Assignee', tags: 'Tags' };

/** Field changes as a diff, from → to: a macro's preview and a write waiting in the outbox. */
export function FieldChangeList({ changes }: { changes: readonly FieldChange[] }) {
  if (changes.length === 0) return null;
  return (
    <dl className="field-changes">
      {changes.map((change) => (
        <div key={change.field} className="field-change" data-field={change.field}>
          <dt>{FIELD_LABELS[change.field]}</dt>
          <dd>
            <FieldChangeValue change={change} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function FieldChangeValue({ change }: { change: FieldChange }) {
  if (change.field === 'tags') {
    return (
      <span className="tags">
        {change.added.map((tag) => (
          <span key={`+${tag}`} className="tag tag-added" title="Added">
            +{tag}
          </span>
        ))}
        {change.removed.map((tag) => (
          <span key={`-${tag}`} className="tag tag-removed" title="Removed">
            −{tag}
          </span>
        ))}
      </span>
    );
  }
  const unset = change.field === 'assignee' ? 'Unassigned' : '—';
  return (
    <>
      <span className="field-from">{change.from ?? unset}</span>
      <span className="field-arrow" aria-label="to">
        {' → '}
      </span>
      <span className="field-to">{change.to ?? unset}</span>
    </>
  );
}
