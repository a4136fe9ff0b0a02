import { TextInput } from '@mantine/core';

/** The From and To date pickers of a report period (calendar dates, `to` inclusive). */
export function PeriodInputs({
  from,
  to,
  onFromChange,
  onToChange,
}: {
  from: string;
  to: string;
  onFromChange: (date: string) => void;
  onToChange: (date: string) => void;
}) {
  return (
    <>
      <TextInput
        type="date"
        label="From"
        value={from}
        onChange={(event) => onFromChange(event.currentTarget.value)}
      />
      <TextInput
        type="date"
        label="To"
        value={to}
        onChange={(event) => onToChange(event.currentTarget.value)}
      />
    </>
  );
}
