import type { AuditEventView } from '../api/types.js';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The fields an audit event changed, comparing its before and after snapshots. */
export function fieldChanges(event: AuditEventView): FieldChange[] {
  const before = asRecord(event.before);
  const after = asRecord(event.after);
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (field === 'version' || field === 'id') continue;
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      changes.push({ field, before: before[field], after: after[field] });
    }
  }
  return changes;
}

/** `asset.corrected_in_review` → `Corrected in review`. */
export function describeAction(action: string): string {
  const verb = action.includes('.') ? action.slice(action.indexOf('.') + 1) : action;
  const words = verb.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `criticalityRationale` → `criticality rationale`. */
export function describeField(field: string): string {
  return field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
