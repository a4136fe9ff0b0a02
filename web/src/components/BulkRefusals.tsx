import { Alert, List } from '@mantine/core';
import type { EachOrNoneReport } from '../api/work-types.js';

/**
 * The refused rows of an all-or-nothing bulk change, each with its reason: nothing was written, so
 * the title says so and the rows stay selected to be fixed or left out.
 */
export function BulkRefusals({
  report,
  labelOf,
}: {
  report: EachOrNoneReport | null;
  /** How the list names a row. */
  labelOf: (id: string) => string;
}) {
  const refused = report?.results.filter((row) => row.outcome === 'refused') ?? [];
  if (!report || report.applied || refused.length === 0) return null;
  return (
    <Alert
      color="orange"
      mt="sm"
      title={`Nothing was changed: ${refused.length} refused`}
      data-testid="bulk-refused"
    >
      <List size="sm">
        {refused.map((row, index) => (
          <List.Item key={`${row.id}-${index}`}>
            {labelOf(row.id)}: {row.reason}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
