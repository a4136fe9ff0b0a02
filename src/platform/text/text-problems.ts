/** A lone high surrogate (not followed by a low one) or a lone low surrogate (not after a high one). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a text cannot be stored as sent, or undefined when it can: PostgreSQL refuses a NUL
 * character in text, and a lone UTF-16 surrogate has no UTF-8 form (it would be replaced by
 * U+FFFD, changing what the caller sent without saying so).
 */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain a lone UTF-16 surrogate';
  return undefined;
}

/** A text problem and where it is, as a dotted path from the value's root (`body.tags.2`). */
export interface TextProblemAt {
  path: string;
  message: string;
}

/** Problems past this many are not listed: one bad field usually means a bad client, not fifty. */
const MAX_PROBLEMS = 20;

/**
 * A record of JSON-like values: parsed JSON, or the query and path parameters (whose parsers give
 * them a prototype of their own, so the test is on the tag, not the prototype). A stream is not.
 */
function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    Object.prototype.toString.call(value) === '[object Object]' &&
    typeof (value as { pipe?: unknown }).pipe !== 'function'
  );
}

/**
 * Every text problem in a JSON-like value (strings, arrays, plain objects and their keys), by
 * dotted path from `path`. Anything else (a stream, a date, a number) is left alone.
 */
export function findTextProblems(
  value: unknown,
  path: string,
  found: TextProblemAt[] = [],
): TextProblemAt[] {
  if (found.length >= MAX_PROBLEMS) return found;
  const at = (key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) found.push({ path: path === '' ? 'value' : path, message: problem });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findTextProblems(item, at(index), found));
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = textProblem(key);
      if (keyProblem)
        found.push({
          path: path || 'value',
          message: `has a field name that ${keyProblem.replace(/^must not contain/, 'contains')}`,
        });
      else findTextProblems(item, at(key), found);
    }
  }
  return found;
}
