import { Button, Group, Paper, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useAuditEvents } from '../../api/audit.js';
import type { AuditFilters } from '../../api/types.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Loading } from '../../components/Loading.js';
import { PageHeader } from '../../components/PageHeader.js';
import { AuditEventRow } from './AuditEventRow.js';
import { VerifyChainPanel } from './VerifyChainPanel.js';

const FILTER_FIELDS: { name: keyof AuditFilters; label: string; placeholder: string }[] = [
  { name: 'entityType', label: 'Entity type', placeholder: 'asset, user, matrix_row…' },
  { name: 'entityId', label: 'Entity id', placeholder: 'UUID or key' },
  { name: 'action', label: 'Action', placeholder: 'asset.updated' },
  { name: 'actor', label: 'Actor', placeholder: 'e-mail or token name' },
];

/** The tamper-evident trail of every change, newest first. */
export function AuditLogPage() {
  const [filters, setFilters] = useState<AuditFilters>({});
  const [debounced] = useDebouncedValue(filters, 300);
  const events = useAuditEvents(debounced);
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and sign-in, chained by hashes so that tampering is detectable."
      />
      <Paper withBorder p="md" radius="md" mb="lg">
        <VerifyChainPanel />
      </Paper>
      <Group gap="sm" mb="md" align="flex-end">
        {FILTER_FIELDS.map((field) => (
          <TextInput
            key={field.name}
            label={field.label}
            placeholder={field.placeholder}
            value={filters[field.name] ?? ''}
            onChange={(event) => {
              const value = event.currentTarget.value.trim();
              setFilters((current) => ({ ...current, [field.name]: value || undefined }));
            }}
            w={200}
          />
        ))}
      </Group>
      {events.isPending ? <Loading /> : null}
      {events.isError ? <ErrorAlert error={events.error} /> : null}
      {events.isSuccess && items.length === 0 ? (
        <EmptyMessage title="No events">No audit event matches these filters.</EmptyMessage>
      ) : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="xs" striped data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40} />
                <Table.Th>#</Table.Th>
                <Table.Th>Time</Table.Th>
                <Table.Th>Actor</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Entity</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((event) => (
                <AuditEventRow key={event.id} event={event} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {events.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button
            variant="default"
            loading={events.isFetchingNextPage}
            onClick={() => void events.fetchNextPage()}
          >
            Load older events
          </Button>
        </Group>
      ) : null}
    </>
  );
}
