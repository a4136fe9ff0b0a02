import { Badge, Table, Text } from '@mantine/core';
import type { WalkthroughGap } from '../../api/walkthrough.js';

const GAP_LABELS: Record<WalkthroughGap['kind'], string> = {
  no_evidence: 'No evidence',
  overdue_occurrence: 'Overdue',
  missed_occurrence: 'Missed',
  unverified_closeout: 'Unverified closeout',
  third_party_without_service_evidence: 'Third party without service evidence',
  backup_without_success: 'Backup without success',
  open_nonconformance: 'Open nonconformance',
  undecided_incident: 'Incident without a timely conformity decision',
};

/** The gaps of a walkthrough, highlighted; a reassuring line when there are none. */
export function GapTable({ gaps }: { gaps: WalkthroughGap[] }) {
  if (gaps.length === 0) {
    return (
      <Text size="sm" c="green.8">
        No gap found for the period.
      </Text>
    );
  }
  return (
    <Table verticalSpacing="xs" data-testid="walkthrough-gaps">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Gap</Table.Th>
          <Table.Th>Asset</Table.Th>
          <Table.Th>Reference</Table.Th>
          <Table.Th>What is missing</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {gaps.map((gap) => (
          <Table.Tr key={`${gap.assetKey}:${gap.kind}:${gap.reference}`}>
            <Table.Td>
              <Badge color="red" variant="filled">
                {GAP_LABELS[gap.kind]}
              </Badge>
            </Table.Td>
            <Table.Td>{gap.assetKey}</Table.Td>
            <Table.Td>{gap.reference}</Table.Td>
            <Table.Td>{gap.message}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
