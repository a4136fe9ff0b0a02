import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { FrameworkCoverage, RequirementCoverage } from './packs-api.js';

const COLOURS: Record<RequirementCoverage, string> = {
  covered: 'green',
  partial: 'yellow',
  gap: 'red',
};
const LABELS: Record<RequirementCoverage, string> = {
  covered: 'Covered',
  partial: 'Partial',
  gap: 'Gap: no evidence',
};

/** Every requirement with its mapped controls and whether evidence covers the period. */
export function FrameworkCoverageTable({ coverage }: { coverage: FrameworkCoverage }) {
  return (
    <Stack gap="sm">
      <Group gap="xs">
        {(['covered', 'partial', 'gap'] as const).map((kind) => (
          <Badge key={kind} color={COLOURS[kind]} variant="light">
            {LABELS[kind]}: {coverage.counts[kind]}
          </Badge>
        ))}
      </Group>
      <Table.ScrollContainer minWidth={800}>
        <Table verticalSpacing="xs" data-testid="coverage-rows">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Requirement</Table.Th>
              <Table.Th>Coverage</Table.Th>
              <Table.Th>Controls (occurrences due · with exceptions)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {coverage.requirements.map((requirement) => (
              <Table.Tr key={requirement.key} data-coverage={requirement.coverage}>
                <Table.Td>
                  <Text fw={600} size="sm">
                    {requirement.reference}
                  </Text>
                  <Text size="sm">{requirement.title}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={COLOURS[requirement.coverage]}>
                    {LABELS[requirement.coverage]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {requirement.controls.length === 0 ? (
                    <Text size="sm" c="red">
                      No control maps this requirement
                    </Text>
                  ) : (
                    requirement.controls.map((control) => (
                      <Text key={control.key} size="sm">
                        {control.key}: {control.occurrences} · {control.withExceptions}{' '}
                        <Text span c="dimmed" size="xs">
                          ({control.coverage.replace('_', ' ')})
                        </Text>
                      </Text>
                    ))
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
