import { Anchor, Button, Checkbox, Group, Paper, Select, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  nonconformancesExportUrl,
  useNonconformances,
  useTriageNonconformances,
  useUpdateNonconformance,
} from '../../api/work.js';
import {
  NONCONFORMANCE_STATUSES,
  type EachOrNoneReport,
  type NonconformanceItem,
  type NonconformanceStatus,
} from '../../api/work-types.js';
import { BulkRefusals } from '../../components/BulkRefusals.js';
import { ExportSelectedButton } from '../../components/ExportSelectedButton.js';
import { useCan } from '../../auth/permissions.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDateTime } from '../../components/format.js';
import { OWNER_ROLE_LABELS, labelOf } from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { oneOf, useSearchState } from '../../components/params.js';
import { LoadMore } from '../../components/LoadMore.js';
import { QueryView } from '../../components/QueryView.js';
import { DeficiencyActions, DeficiencyOwner } from './DeficiencyActions.js';
import { NONCONFORMANCE_STATUS_LABELS } from './nonconformance-labels.js';
import { TriageDialog } from './TriageDialog.js';
import { useRowSelection } from '../../components/row-selection.js';

const STATUS_LABELS = NONCONFORMANCE_STATUS_LABELS;

/** The statuses a PATCH may set for a missed-work nonconformance (deficiencies have buttons). */
const MISSED_WORK_STATUSES = NONCONFORMANCE_STATUSES.filter(
  (status) => status !== 'in_progress' && status !== 'resolved',
);

/**
 * The actions on the rows selected: export them as CSV (anyone who reads them), triage them
 * together (who manages them), all or none; refused rows are listed and stay selected.
 */
function SelectionBar({
  selected,
  manage,
  onTriaged,
}: {
  selected: NonconformanceItem[];
  manage: boolean;
  onTriaged: () => void;
}) {
  const triage = useTriageNonconformances();
  const [open, setOpen] = useState(false);
  const [report, setReport] = useState<EachOrNoneReport | null>(null);
  const byId = new Map(selected.map((item) => [item.id, item]));
  return (
    <Paper withBorder p="sm" mb="md" data-testid="nonconformance-selection">
      <Group align="center">
        <Text size="sm" fw={500}>
          {selected.length} selected
        </Text>
        {manage ? (
          <Button variant="light" onClick={() => setOpen(true)}>
            Triage {selected.length}
          </Button>
        ) : null}
        <ExportSelectedButton
          href={nonconformancesExportUrl(selected.map((item) => item.id))}
          count={selected.length}
        />
      </Group>
      <BulkRefusals
        report={report}
        labelOf={(id) => {
          const item = byId.get(id);
          return item ? `${item.number} ${item.title}` : id;
        }}
      />
      {open ? (
        <TriageDialog
          count={selected.length}
          pending={triage.isPending}
          error={triage.error}
          onClose={() => setOpen(false)}
          onSubmit={(changes) =>
            triage.mutate(
              { ...changes, ids: selected.map((item) => item.id) },
              {
                onSuccess: (answer) => {
                  setReport(answer);
                  setOpen(false);
                  if (answer.applied) {
                    notifications.show({ message: `${answer.counts.done} triaged` });
                    onTriaged();
                  }
                },
              },
            )
          }
        />
      ) : null}
    </Paper>
  );
}

/**
 * Missed or failed controls recorded as nonconformances, and deficiencies found by restore tests
 * and DR exercises, with where each one stands.
 */
export function NonconformancesPage() {
  const can = useCan();
  // Filters live in the URL: a triage view ("overdue deficiencies") can be bookmarked and shared.
  const [filters, setFilters] = useSearchState({ deficiency: '', overdue: '', status: '' });
  const onlyDeficiencies = filters.deficiency === 'yes';
  const onlyOverdue = filters.overdue === 'yes';
  const status = oneOf<NonconformanceStatus | ''>(filters.status, NONCONFORMANCE_STATUSES, '');
  const nonconformances = useNonconformances({
    deficiency: onlyDeficiencies,
    overdue: onlyOverdue,
    status: status || undefined,
  });
  const update = useUpdateNonconformance();
  const manage = can('nonconformance:manage');
  const selection = useRowSelection(nonconformances.data ?? []);
  return (
    <>
      <PageHeader
        title="Nonconformances"
        description="Controls that were missed or failed verification, findings raised by hand, and their follow-up."
        actions={
          manage ? (
            <Group gap="sm">
              <Button component={Link} to="/capas" variant="default">
                CAPAs
              </Button>
              <Button component={Link} to="/nonconformances/new">
                Raise a nonconformance
              </Button>
            </Group>
          ) : null
        }
      />
      <Group mb="md" align="flex-end">
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={NONCONFORMANCE_STATUSES.map((value) => ({
            value,
            label: STATUS_LABELS[value],
          }))}
          value={status || null}
          onChange={(value) => setFilters({ status: value })}
        />
        <Checkbox
          label="Only deficiencies"
          checked={onlyDeficiencies}
          onChange={(event) =>
            setFilters({ deficiency: event.currentTarget.checked ? 'yes' : null })
          }
        />
        <Checkbox
          label="Only overdue"
          checked={onlyOverdue}
          onChange={(event) => setFilters({ overdue: event.currentTarget.checked ? 'yes' : null })}
        />
      </Group>
      <QueryView query={nonconformances}>
        {(items) => {
          const chosen = selection.chosen;
          return items.length === 0 ? (
            <EmptyMessage title="No nonconformances">Every control has been met.</EmptyMessage>
          ) : (
            <>
              {chosen.length > 0 ? (
                <SelectionBar
                  selected={chosen}
                  manage={manage}
                  onTriaged={() => selection.keepOnly()}
                />
              ) : null}
              <Table.ScrollContainer minWidth={800}>
                <Table striped verticalSpacing="sm" data-testid="nonconformances">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={40}>
                        {selection.header('Select every nonconformance shown')}
                      </Table.Th>
                      <Table.Th>Nonconformance</Table.Th>
                      <Table.Th>Owner</Table.Th>
                      <Table.Th>Raised</Table.Th>
                      <Table.Th>Status</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((item) => (
                      <Table.Tr key={item.id} data-nonconformance={item.number}>
                        <Table.Td>
                          <Checkbox
                            aria-label={`Select ${item.number}`}
                            checked={selection.isSelected(item.id)}
                            onChange={(event) =>
                              selection.toggle(item.id, event.currentTarget.checked)
                            }
                          />
                        </Table.Td>
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={`/nonconformances/${item.id}`}
                            size="sm"
                            fw={500}
                          >
                            {item.number} · {item.title}
                          </Anchor>
                          {item.description ? (
                            <Text size="xs" c="dimmed">
                              {item.description}
                            </Text>
                          ) : null}
                          {manage && !item.deficiency && item.status !== 'closed' ? (
                            <Anchor
                              component={Link}
                              to={`/capas/new?nonconformance=${item.id}`}
                              size="xs"
                            >
                              Open a CAPA
                            </Anchor>
                          ) : null}
                        </Table.Td>
                        <Table.Td>
                          {labelOf(OWNER_ROLE_LABELS, item.ownerRole)}
                          <DeficiencyOwner item={item} />
                        </Table.Td>
                        <Table.Td>{formatDateTime(item.raisedAt)}</Table.Td>
                        <Table.Td>
                          {item.deficiency ? (
                            <Group gap="xs">
                              <Text size="sm">{STATUS_LABELS[item.status]}</Text>
                              <DeficiencyActions item={item} />
                            </Group>
                          ) : manage ? (
                            <Select
                              aria-label={`Status of ${item.title}`}
                              size="xs"
                              w={160}
                              allowDeselect={false}
                              data={MISSED_WORK_STATUSES.map((status) => ({
                                value: status,
                                label: STATUS_LABELS[status],
                              }))}
                              value={item.status}
                              onChange={(status) => {
                                if (!status || status === item.status) return;
                                update.mutate(
                                  { id: item.id, status },
                                  {
                                    onError: (error) =>
                                      notifications.show({ color: 'red', message: error.message }),
                                  },
                                );
                              }}
                            />
                          ) : (
                            STATUS_LABELS[item.status]
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <LoadMore list={nonconformances} />
            </>
          );
        }}
      </QueryView>
    </>
  );
}
