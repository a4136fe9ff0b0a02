import { Anchor, Button, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useSupplierPages } from '../../api/register.js';
import { useCan } from '../../auth/permissions.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { CertificationBadges } from './CertificationBadges.js';

export function SuppliersListPage() {
  const can = useCan();
  const suppliers = useSupplierPages();
  return (
    <>
      <PageHeader
        title="Suppliers"
        description="Providers of infrastructure and services, with their contracts and certifications."
        actions={
          <>
            <Button component={Link} to="/supplier-reviews" variant="default">
              Supplier reviews
            </Button>
            {can('register:write') ? (
              <Button component={Link} to="/suppliers/new">
                New supplier
              </Button>
            ) : null}
          </>
        }
      />
      <QueryView query={suppliers}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No suppliers yet">
              Add the providers your assets depend on.
            </EmptyMessage>
          ) : (
            <Table.ScrollContainer minWidth={800}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Supplier</Table.Th>
                    <Table.Th>Services</Table.Th>
                    <Table.Th>Certifications</Table.Th>
                    <Table.Th ta="right">Assets</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((supplier) => (
                    <Table.Tr key={supplier.id}>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/suppliers/${encodeURIComponent(supplier.key)}`}
                          fw={500}
                        >
                          {supplier.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {supplier.key}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>
                          {supplier.services || '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <CertificationBadges certifications={supplier.certifications} />
                      </Table.Td>
                      <Table.Td ta="right">{supplier.assetCount}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <LoadMore list={suppliers} />
            </Table.ScrollContainer>
          )
        }
      </QueryView>
    </>
  );
}
