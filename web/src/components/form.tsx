import { Alert, List } from '@mantine/core';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { ApiError } from '../api/web-client.js';
import { plainValidationMessage } from './format.js';

/**
 * Field errors from an API error, keyed by field path without the request part: `body.criticality`
 * becomes `criticality`, `body.certifications.0.name` becomes `certifications.0.name`.
 */
export function fieldErrors(error: unknown, prefix = 'body.'): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    if (!issue.path.startsWith(prefix)) continue;
    const field = issue.path.slice(prefix.length);
    errors[field] ??= plainValidationMessage(issue.message);
  }
  return errors;
}

/** A field path as a reader names it: `body.certifications.0.name` → "certifications 1 name". */
function fieldName(path: string, prefix: string): string {
  const field = path.startsWith(prefix) ? path.slice(prefix.length) : path;
  return field
    .split('.')
    .map((segment) => (/^\d+$/.test(segment) ? String(Number(segment) + 1) : segment))
    .join(' ');
}

/**
 * After a submit that failed, the first invalid field of the form (in page order) is scrolled to
 * the middle of the view and focused, so a long form never leaves its error out of sight. Give it
 * the form's ref and whatever changes at each failed submit (the API error, the missing fields).
 */
export function useFirstErrorInView(
  form: RefObject<HTMLFormElement | null>,
  ...failures: readonly unknown[]
): void {
  useEffect(() => {
    if (!failures.some((failure) => failure !== null && failure !== undefined)) return;
    // After this render has marked the fields (and the error summary has scrolled itself).
    const frame = requestAnimationFrame(() => {
      const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (!first) return;
      first.scrollIntoView({ block: 'center' });
      first.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [form, ...failures]);
}

/** A form's values with a typed setter per field. */
export function useFormValues<T extends object>(initial: T | (() => T)) {
  const [values, setValues] = useState<T>(initial);
  function setField<K extends keyof T>(field: K, value: T[K]): void {
    setValues((current) => ({ ...current, [field]: value }));
  }
  return { values, setValues, setField };
}

/**
 * The summary above a form that failed: the API's message, plus any issue that has no field on
 * the form to sit next to.
 */
export function FormError({
  error,
  fields,
  prefix = 'body.',
}: {
  error: unknown;
  /** Fields the form shows errors beside (with their sub-fields); other issues are listed here. */
  fields: readonly string[];
  prefix?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // Long forms submit at the bottom: when a new error arrives, bring its first marked field into
  // view and focus it (after this render has marked the fields), or else the summary itself.
  useEffect(() => {
    if (!error) return;
    const frame = requestAnimationFrame(() => {
      const first = ref.current
        ?.closest('form')
        ?.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (first) {
        first.scrollIntoView({ block: 'center' });
        first.focus({ preventScroll: true });
      } else {
        ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [error]);
  if (!error) return null;
  const issuesOfError = error instanceof ApiError ? error.issues : [];
  const message =
    issuesOfError.length > 0
      ? 'Check the fields: ' +
        issuesOfError
          .map(
            (issue) => `${fieldName(issue.path, prefix)}: ${plainValidationMessage(issue.message)}`,
          )
          .join('; ')
      : error instanceof Error
        ? error.message
        : 'Something went wrong.';
  const issues = error instanceof ApiError ? error.issues : [];
  const unplaced = issues.filter((issue) => {
    if (!issue.path.startsWith(prefix)) return true;
    const field = issue.path.slice(prefix.length);
    return !fields.some((shown) => field === shown || field.startsWith(`${shown}.`));
  });
  const placed = issues.length - unplaced.length;
  return (
    <Alert ref={ref} color="red" role="alert" title="Not saved">
      {placed > 0 ? 'Check the highlighted fields.' : message}
      {placed > 0 && unplaced.length > 0 ? (
        <List size="sm" mt="xs">
          {unplaced.map((issue) => (
            <List.Item key={`${issue.path}:${issue.message}`}>
              {fieldName(issue.path, prefix)}: {plainValidationMessage(issue.message)}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
