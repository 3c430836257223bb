import type { RenderedTemplate } from '../../shared/macros/macro-template.ts';

/**
 * A macro's reply or note as it would be sent for this ticket: filled-in values marked, and each placeholder that
 * cannot be filled shown in place, in red, with why.
 */
export function TemplatePreview({ label, rendered, note = false }: { label: string; rendered: RenderedTemplate; note?: boolean }) {
  return (
    <section className={`macro-template${note ? ' macro-template-note' : ''}`} aria-label={label} data-has-errors={rendered.errors.length > 0}>
      <h4>{label}</h4>
      <div className="macro-text">
        {rendered.segments.map((segment, index) => {
          if (segment.kind === 'text') return <span key={index}>{segment.text}</span>;
          if (segment.kind === 'value') {
            return (
              <mark key={index} className="macro-value" title={`{{${segment.placeholder}}}`}>
                {segment.text}
              </mark>
            );
          }
          return (
            <span key={index} className="macro-error" title={segment.message}>
              {segment.source}
            </span>
          );
        })}
      </div>
      {rendered.errors.length > 0 && (
        <ul className="macro-errors">
          {rendered.errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
