import { Anchor, Badge, Button, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useAssets, useSupplier } from '../../api/register.js';
import type { SupplierView } from '../../api/types.js';
import { useCan } from '../../auth/permissions.js';
import { CriticalityBadge } from '../../components/badges.js';
import { DetailGrid } from '../../components/DetailGrid.js';
import { formatDateTime } from '../../components/format.js';
import { CATEGORY_LABELS } from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { useRequiredParam } from '../../components/params.js';
import { SupplierCertificates, SupplierReviews, SupplierTimeline } from './SupplierOversight.js';

export function SupplierDetailPage() {
  const key = useRequiredParam('key');
  const supplier = useSupplier(key);
  return <QueryView query={supplier}>{(data) => <SupplierDetail supplier={data} />}</QueryView>;
}

function SupplierDetail({ supplier }: { supplier: SupplierView }) {
  const can = useCan();
  const expired = supplier.certifications.filter((certification) => certification.expired);
  return (
    <>
      <PageHeader
        title={supplier.name}
        crumbs={[{ label: 'Suppliers', to: '/suppliers' }]}
        badges={
          expired.length > 0 ? (
            <Badge color="red" variant="light">
              {expired.length} expired certification{expired.length > 1 ? 's' : ''}
            </Badge>
          ) : null
        }
        actions={
          can('register:write') ? (
            <Button component={Link} to={`/suppliers/${encodeURIComponent(supplier.key)}/edit`}>
              Edit
            </Button>
          ) : null
        }
      />
      <Stack gap="lg">
        <Section title="Record">
          <DetailGrid
            details={[
              { label: 'Key', value: supplier.key },
              { label: 'Contract reference', value: supplier.contractReference },
              { label: 'Escalation contact', value: supplier.escalationContact },
              { label: 'Services', value: supplier.services, wide: true },
              { label: 'Notes', value: supplier.notes, wide: true },
            ]}
          />
          <Text size="xs" c="dimmed">
            Created {formatDateTime(supplier.createdAt)} · updated{' '}
            {formatDateTime(supplier.updatedAt)}
          </Text>
        </Section>
        <SupplierCertificates supplierKey={supplier.key} />
        <SupplierReviews supplierKey={supplier.key} />
        <SupplierAssets supplierKey={supplier.key} />
        <SupplierTimeline supplierKey={supplier.key} />
      </Stack>
    </>
  );
}

function SupplierAssets({ supplierKey }: { supplierKey: string }) {
  const assets = useAssets({ supplier: supplierKey });
  return (
    <Section title="Assets it provides">
      <QueryView query={assets}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              No asset names this supplier.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={480}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Asset</Table.Th>
                    <Table.Th>Category</Table.Th>
                    <Table.Th>Criticality</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((asset) => (
                    <Table.Tr key={asset.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/assets/${encodeURIComponent(asset.key)}`}>
                          {asset.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{CATEGORY_LABELS[asset.category]}</Table.Td>
                      <Table.Td>
                        <CriticalityBadge criticality={asset.criticality} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryView>
    </Section>
  );
}
