import { useCallback, useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';

/** A path parameter the route guarantees, e.g. `:key` in `/assets/:key`. */
export function useRequiredParam(name: string): string {
  const value = useParams()[name];
  if (value === undefined) throw new Error(`The route has no :${name} parameter`);
  return value;
}

/** How a change reaches the history: a new entry (back undoes it) or in place (typing). */
export interface SearchStateChange {
  replace?: boolean;
}

/**
 * A list page's filters kept in the URL's search parameters, so a view can be bookmarked and
 * shared and the back button steps through filter changes. `defaults` names every filter and its
 * value when the URL does not carry it; a value equal to its default is left out of the URL, so
 * the plain path is the default view. Values are strings: parse and validate them where used
 * (an unknown value in a shared link must fall back, never crash the page).
 *
 * Set `replace` for changes made on every keystroke (a search box), so the history does not fill
 * up with one entry per character.
 */
export function useSearchState<T extends Record<string, string>>(
  defaults: T,
): [T, (changes: Partial<Record<keyof T, string | null>>, options?: SearchStateChange) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  // The defaults are usually an object literal: key the memo on its content, not its identity.
  const defaultsKey = JSON.stringify(defaults);
  const values = useMemo(() => {
    const parsed = JSON.parse(defaultsKey) as T;
    for (const name of Object.keys(parsed) as (keyof T & string)[]) {
      const value = searchParams.get(name);
      if (value !== null) parsed[name] = value as T[typeof name];
    }
    return parsed;
  }, [searchParams, defaultsKey]);

  const update = useCallback(
    (changes: Partial<Record<keyof T, string | null>>, options: SearchStateChange = {}) => {
      const fallback = JSON.parse(defaultsKey) as T;
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(changes) as [string, string | null][]) {
            if (value === null || value === fallback[name]) next.delete(name);
            else next.set(name, value);
          }
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [defaultsKey, setSearchParams],
  );
  return [values, update];
}

/** The value if it is one of `allowed`, else the fallback: for enumerations read from the URL. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}
