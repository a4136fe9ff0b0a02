import { Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { FindingFilters } from '../findings/findings-api.js';
import { FindingsTable } from '../findings/FindingsTable.js';

const VIEWS = {
  open: { label: 'Open', filters: { status: 'open' } },
  overdue: { label: 'Overdue', filters: { overdue: true } },
  accepted: { label: 'Accepted risk', filters: { status: 'accepted' } },
  fixed: { label: 'Fixed', filters: { status: 'fixed' } },
  all: { label: 'All', filters: {} },
} as const satisfies Record<string, { label: string; filters: FindingFilters }>;
type View = keyof typeof VIEWS;

const isView = (value: string): value is View => value in VIEWS;

/**
 * The asset page's findings tab: what the scanners found on this asset, with SLA due dates and
 * accepted risks, open ones first; each finding links to its page (exceptions, signatures).
 */
export function AssetFindingsTab({ assetKey }: { assetKey: string }) {
  const [view, setView] = useState<View>('open');
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <SegmentedControl
          aria-label="Findings shown"
          value={view}
          onChange={(value) => setView(isView(value) ? value : 'open')}
          data={Object.entries(VIEWS).map(([value, { label }]) => ({ value, label }))}
        />
        <Text size="xs" c="dimmed">
          From the scans imported for this asset; deadlines are set at first detection.
        </Text>
      </Group>
      <FindingsTable showAsset={false} filters={{ asset: assetKey, ...VIEWS[view].filters }} />
    </Stack>
  );
}
