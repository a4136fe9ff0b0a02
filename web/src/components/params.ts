import { useParams } from 'react-router';

/** A path parameter the route guarantees, e.g. `:key` in `/assets/:key`. */
export function useRequiredParam(name: string): string {
  const value = useParams()[name];
  if (value === undefined) throw new Error(`The route has no :${name} parameter`);
  return value;
}
