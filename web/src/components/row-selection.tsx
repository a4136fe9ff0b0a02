import { Checkbox } from '@mantine/core';
import { useState } from 'react';

/**
 * The rows selected in a table, by id: `chosen` keeps the selectable rows shown that are
 * selected (a row no longer shown, or no longer selectable, drops out of the action).
 */
export function useRowSelection<Row extends { id: string }>(
  rows: readonly Row[],
  selectable: (row: Row) => boolean = () => true,
) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const open = rows.filter(selectable);
  const chosen = open.filter((row) => selected.has(row.id));
  return {
    chosen,
    isSelected: (id: string) => selected.has(id),
    toggle: (id: string, on: boolean) =>
      setSelected((current) => {
        const next = new Set(current);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    /** Keeps only these selected (the refused rows of a bulk change), or none. */
    keepOnly: (ids: readonly string[] = []) => setSelected(new Set(ids)),
    /** The header checkbox: every selectable row shown, or none. */
    header: (label: string) => (
      <Checkbox
        aria-label={label}
        checked={open.length > 0 && chosen.length === open.length}
        indeterminate={chosen.length > 0 && chosen.length < open.length}
        disabled={open.length === 0}
        onChange={(event) =>
          setSelected(event.currentTarget.checked ? new Set(open.map((row) => row.id)) : new Set())
        }
      />
    ),
  };
}
