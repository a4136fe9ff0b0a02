import { Anchor, Button, Checkbox, Group, Select, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import { useNonconformances, useUpdateNonconformance } from '../../api/work.js';
import { NONCONFORMANCE_STATUSES, type NonconformanceStatus } from '../../api/work-types.js';
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

const STATUS_LABELS = NONCONFORMANCE_STATUS_LABELS;

/** The statuses a PATCH may set for a missed-work nonconformance (deficiencies have buttons). */
const MISSED_WORK_STATUSES = NONCONFORMANCE_STATUSES.filter(
  (status) => status !== 'in_progress' && status !== 'resolved',
);

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
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No nonconformances">Every control has been met.</EmptyMessage>
          ) : (
            <>
              <Table.ScrollContainer minWidth={800}>
                <Table striped verticalSpacing="sm" data-testid="nonconformances">
                  <Table.Thead>
                    <Table.Tr>
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
          )
        }
      </QueryView>
    </>
  );
}
