import { Text } from '@mantine/core';
import { formatPerson, personOfLabel } from './format.js';

/**
 * A person by name, with the e-mail beneath in smaller text, from the label the API gives
 * (`Name <e-mail>` on signatures, the e-mail alone elsewhere).
 */
export function PersonName({ label }: { label: string | null | undefined }) {
  const { primary, secondary } = formatPerson(personOfLabel(label));
  return (
    <span>
      <Text span size="sm" inherit>
        {primary}
      </Text>
      {secondary ? (
        <Text size="xs" c="dimmed">
          {secondary}
        </Text>
      ) : null}
    </span>
  );
}
