import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { SupplierView } from '../../api/types.js';
import { formatDate } from '../../components/format.js';

/** Each certification as a badge: red when expired, with the expiry on hover. */
export function CertificationBadges({
  certifications,
}: {
  certifications: SupplierView['certifications'];
}) {
  if (certifications.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        None
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {certifications.map((certification) => (
        <Tooltip
          key={certification.name}
          label={
            certification.expiresOn
              ? `${certification.expired ? 'Expired' : 'Expires'} ${formatDate(certification.expiresOn)}`
              : 'No expiry recorded'
          }
        >
          <Badge color={certification.expired ? 'red' : 'teal'} variant="light">
            {certification.name}
            {certification.expired ? ' · expired' : ''}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}
