import { Select } from '@mantine/core';
import { useColleagues } from '../../api/work.js';

/** The value that stands for "nobody" (unassigned) in the select. */
export const NOBODY = 'nobody';

/**
 * A person work can be given to (their role may perform work), by name with the e-mail beside, or
 * Nobody. `value` is a person's id or NOBODY.
 */
export function AssigneeSelect({
  label,
  value,
  onChange,
  error,
  placeholder = 'Choose a person',
}: {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string | undefined;
  placeholder?: string;
}) {
  const colleagues = useColleagues();
  const people = (colleagues.data ?? []).filter((person) => person.mayPerformWork);
  return (
    <Select
      label={label}
      placeholder={colleagues.isLoading ? 'Loading people…' : placeholder}
      searchable
      data={[
        { value: NOBODY, label: 'Nobody (unassigned)' },
        ...people.map((person) => ({
          value: person.id,
          label: `${person.name} (${person.email})`,
        })),
      ]}
      value={value}
      onChange={onChange}
      error={error}
      nothingFoundMessage="Nobody by that name"
      miw={260}
    />
  );
}
