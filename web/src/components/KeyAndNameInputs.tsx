import { TextInput } from '@mantine/core';

/**
 * The permanent key (only while creating: a key names its record for good) and the display name,
 * shared by every register form so the key rule reads the same everywhere.
 */
export function KeyAndNameInputs({
  values,
  onKey,
  onName,
  errors,
  keyEditable,
}: {
  values: { key: string; name: string };
  onKey: (key: string) => void;
  onName: (name: string) => void;
  errors: Partial<Record<string, string>>;
  keyEditable: boolean;
}) {
  return (
    <>
      {keyEditable ? (
        <TextInput
          label="Key"
          description="Permanent identifier: lower-case letters, digits, . _ -"
          required
          value={values.key}
          onChange={(event) => onKey(event.currentTarget.value)}
          error={errors.key}
        />
      ) : null}
      <TextInput
        label="Name"
        required
        value={values.name}
        onChange={(event) => onName(event.currentTarget.value)}
        error={errors.name}
      />
    </>
  );
}
