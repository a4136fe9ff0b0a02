import { Stack, Table, Text } from '@mantine/core';
import { useParams } from 'react-router';
import { useOccurrence } from '../../api/work.js';
import { formatDateTime, formatDeadline, formatPeriod } from '../../components/format.js';
import { PersonName } from '../../components/PersonName.js';
import type { OccurrenceView } from '../../api/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { AssignmentPanel } from '../work-orders/AssignmentPanel.js';
import { OccurrencesTable } from './OccurrencesTable.js';

/** Statuses whose work is still to be done, so it can be given to someone. */
const ASSIGNABLE = new Set<OccurrenceView['status']>(['upcoming', 'due', 'overdue', 'in_progress']);

const OCCURRENCE_EVENT_WORDS: Record<OccurrenceView['events'][number]['kind'], string> = {
  started: 'Started',
  completed: 'Completed',
  verified: 'Verified',
  rejected: 'Rejected',
  not_applicable: 'Marked not applicable',
};

/** One occurrence (the page e-mail reminders and alerts link to): its window, status and history. */
export function OccurrencePage() {
  const { id = '' } = useParams();
  const occurrence = useOccurrence(id);
  return (
    <QueryView query={occurrence}>
      {(view) => (
        <>
          <PageHeader
            title={`${view.controlTitle} — ${formatPeriod(view.periodKey, view.opensAt)}`}
            description={view.assetKey ? `Asset ${view.assetKey}` : 'Organisation-wide'}
            crumbs={[{ label: 'My work', to: '/work' }]}
          />
          <Stack gap="lg">
            <Section title="Occurrence">
              <OccurrencesTable occurrences={[view]} />
              <Text size="sm" c="dimmed">
                Opens {formatDateTime(view.opensAt)} · due {formatDeadline(view.dueAt)} (
                {formatDateTime(view.dueAt)}) · counts as missed from{' '}
                {formatDateTime(view.closesAt)}
              </Text>
            </Section>
            <AssignmentPanel
              work={{ type: 'occurrence', id: view.id }}
              assignee={view.assignee}
              open={ASSIGNABLE.has(view.status)}
            />
            <Section title="History">
              {view.events.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Nothing recorded yet.
                </Text>
              ) : (
                <Table>
                  <Table.Tbody>
                    {view.events.map((event) => (
                      <Table.Tr key={`${event.kind}-${event.at}`}>
                        <Table.Td>{formatDateTime(event.at)}</Table.Td>
                        <Table.Td>{OCCURRENCE_EVENT_WORDS[event.kind]}</Table.Td>
                        <Table.Td>
                          <PersonName label={event.actorLabel} />
                        </Table.Td>
                        <Table.Td>{event.note}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Section>
          </Stack>
        </>
      )}
    </QueryView>
  );
}
