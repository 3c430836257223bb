import type { MacroPlaceholder } from '../../../shared/macros/macro-template.ts';

/**
 * A helpdesk's placeholders `{{...}}` written as ours where `ours` names an equivalent. The others stay as the helpdesk
 * wrote them: the preview shows each as an unknown placeholder, and the macro is not sent until it is fixed.
 */
export function translatePlaceholders(template: string, ours: (inside: string) => MacroPlaceholder | null): string {
  return template.replace(/\{\{([^{}]*)\}\}/g, (whole, inside: string) => {
    const placeholder = ours(inside.trim());
    return placeholder === null ? whole : `{{${placeholder}}}`;
  });
}
