import { Anchor, Badge, Button, Checkbox, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCapas, type CapaStatus } from '../../api/capas.js';
import { useCan } from '../../auth/permissions.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';

export const CAPA_STATUS_LABELS: Record<CapaStatus, string> = {
  analysis: 'Root cause analysis',
  implementing: 'Actions in progress',
  verifying: 'Awaiting effectiveness check',
  effective: 'Effective',
  closed: 'Closed',
};

/** Corrective and preventive actions, newest first, with their open and overdue actions. */
export function CapasPage() {
  const can = useCan();
  const [open, setOpen] = useState(false);
  const capas = useCapas({ open });
  return (
    <>
      <PageHeader
        title="CAPAs"
        description="Corrective and preventive actions: root cause, owned actions, and the signed effectiveness check."
        crumbs={[{ label: 'Nonconformances', to: '/nonconformances' }]}
        actions={
          can('nonconformance:manage') ? (
            <Button component={Link} to="/capas/new">
              Open a CAPA
            </Button>
          ) : null
        }
      />
      <Group mb="md">
        <Checkbox
          label="Only not closed"
          checked={open}
          onChange={(event) => setOpen(event.currentTarget.checked)}
        />
      </Group>
      <QueryView query={capas}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No CAPAs">No corrective action has been opened.</EmptyMessage>
          ) : (
            <>
              <Table.ScrollContainer minWidth={800}>
                <Table striped verticalSpacing="sm" data-testid="capas">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>CAPA</Table.Th>
                      <Table.Th>Nonconformances</Table.Th>
                      <Table.Th>Owner</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Actions to do</Table.Th>
                      <Table.Th>Effectiveness check</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((capa) => (
                      <Table.Tr key={capa.id} data-capa={capa.number}>
                        <Table.Td>
                          <Anchor component={Link} to={`/capas/${capa.id}`} size="sm">
                            {capa.number} · {capa.title}
                          </Anchor>
                          <Text size="xs" c="dimmed">
                            {capa.kind}, opened {formatDateTime(capa.openedAt)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {capa.nonconformances.map((nc) => nc.number).join(', ')}
                        </Table.Td>
                        <Table.Td>{capa.ownerLabel}</Table.Td>
                        <Table.Td>{CAPA_STATUS_LABELS[capa.status]}</Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            <Text size="sm">{capa.openActions}</Text>
                            {capa.overdueActions > 0 ? (
                              <Badge color="red" size="xs">
                                {capa.overdueActions} overdue
                              </Badge>
                            ) : null}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          {capa.effectivenessCheck.outcome
                            ? `${capa.effectivenessCheck.outcome} (${formatDateTime(capa.effectivenessCheck.checkedAt)})`
                            : `planned ${formatDate(capa.effectivenessCheck.plannedOn)}`}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <LoadMore list={capas} />
            </>
          )
        }
      </QueryView>
    </>
  );
}
