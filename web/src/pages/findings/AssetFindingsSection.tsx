import { Group, SegmentedControl, Text } from '@mantine/core';
import { useState } from 'react';
import { Section } from '../../components/Section.js';
import type { FindingFilters } from './findings-api.js';
import { FindingsTable } from './FindingsTable.js';

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
 * The asset page's findings panel: what the scanners found on this asset, with SLA due dates and
 * accepted risks, open ones first; each finding links to its page (exceptions, signatures).
 */
export function AssetFindingsSection({ assetKey }: { assetKey: string }) {
  const [view, setView] = useState<View>('open');
  return (
    <Section title="Vulnerability findings">
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
    </Section>
  );
}
