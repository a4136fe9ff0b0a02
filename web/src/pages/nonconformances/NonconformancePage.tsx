import { Badge, Group, Stack } from '@mantine/core';
import { useParams } from 'react-router';
import { useNonconformance } from '../../api/work.js';
import type { NonconformanceItem } from '../../api/work-types.js';
import { CommentsPanel } from '../../components/CommentsPanel.js';
import { DetailGrid } from '../../components/DetailGrid.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { OWNER_ROLE_LABELS, labelOf } from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { DeficiencyActions } from './DeficiencyActions.js';
import { NONCONFORMANCE_STATUS_LABELS } from './nonconformance-labels.js';

function Nonconformance({ item }: { item: NonconformanceItem }) {
  return (
    <>
      <PageHeader
        title={`${item.number} · ${item.title}`}
        crumbs={[{ label: 'Nonconformances', to: '/nonconformances' }]}
        badges={
          <Group gap="xs">
            <Badge data-testid="nonconformance-status">
              {NONCONFORMANCE_STATUS_LABELS[item.status]}
            </Badge>
            {item.overdue ? <Badge color="red">Overdue</Badge> : null}
          </Group>
        }
        actions={item.deficiency ? <DeficiencyActions item={item} /> : null}
      />
      <Stack gap="lg">
        <Section title="Nonconformance">
          <DetailGrid
            details={[
              { label: 'Owner role', value: labelOf(OWNER_ROLE_LABELS, item.ownerRole) },
              { label: 'Owner', value: item.ownerUserLabel ?? '' },
              { label: 'Due', value: item.dueOn ? formatDate(item.dueOn) : '' },
              { label: 'Raised', value: formatDateTime(item.raisedAt) },
              { label: 'Raised by', value: item.raisedBy ?? `the ${item.sourceType} it came from` },
              { label: 'Closed', value: item.closedAt ? formatDateTime(item.closedAt) : '' },
              { label: 'What did not conform', value: item.description, wide: true },
              { label: 'Requirement not met', value: item.requirementNotMet, wide: true },
              { label: 'Containment', value: item.containment, wide: true },
              { label: 'Disposition', value: item.disposition, wide: true },
              { label: 'Impact', value: item.impactAssessment, wide: true },
              ...(item.resolutionNote
                ? [{ label: 'Resolution', value: item.resolutionNote, wide: true }]
                : []),
            ]}
          />
        </Section>
        <CommentsPanel thread={{ records: 'nonconformances', id: item.id }} />
      </Stack>
    </>
  );
}

/** One nonconformance or deficiency: what did not conform, who owns it, and its comment thread. */
export function NonconformancePage() {
  const { id = '' } = useParams();
  const nonconformance = useNonconformance(id);
  return <QueryView query={nonconformance}>{(item) => <Nonconformance item={item} />}</QueryView>;
}
