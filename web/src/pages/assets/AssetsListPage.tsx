import { Anchor, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { apiUrl } from '../../api/client.js';
import { useAssets } from '../../api/register.js';
import type { AssetFilters, AssetView } from '../../api/types.js';
import { useCan } from '../../auth/permissions.js';
import { CriticalityBadge } from '../../components/badges.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDate } from '../../components/format.js';
import {
  CATEGORY_LABELS,
  CRITICALITY_LABELS,
  ENVIRONMENT_LABELS,
  LIFECYCLE_LABELS,
  OWNER_ROLE_LABELS,
  optionsOf,
} from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { ImportAssetsDialog } from './ImportAssetsDialog.js';

const FILTER_SELECTS = [
  { name: 'category', label: 'Category', labels: CATEGORY_LABELS },
  { name: 'environment', label: 'Environment', labels: ENVIRONMENT_LABELS },
  { name: 'criticality', label: 'Criticality', labels: CRITICALITY_LABELS },
  { name: 'lifecycleStatus', label: 'Lifecycle', labels: LIFECYCLE_LABELS },
] as const;

/** Reads the filters from the address, so a filtered list can be bookmarked and shared. */
function filtersFrom(params: URLSearchParams, search: string): AssetFilters {
  const pick = <T extends string>(name: string, labels: Record<T, string>): T | undefined => {
    const value = params.get(name);
    return value !== null && value in labels ? (value as T) : undefined;
  };
  return {
    q: search.trim() || undefined,
    category: pick('category', CATEGORY_LABELS),
    environment: pick('environment', ENVIRONMENT_LABELS),
    criticality: pick('criticality', CRITICALITY_LABELS),
    lifecycleStatus: pick('lifecycleStatus', LIFECYCLE_LABELS),
    supplier: params.get('supplier') ?? undefined,
  };
}

export function AssetsListPage() {
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const filters = filtersFrom(params, debouncedSearch);
  const assets = useAssets(filters);
  const [importOpen, importDialog] = useDisclosure(false);

  function setFilter(name: string, value: string | null) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  return (
    <>
      <PageHeader
        title="Assets"
        description="The infrastructure register: every facility, system and service that product or service conformity depends on."
        actions={
          <>
            <Button component="a" variant="default" href={apiUrl('/assets/export.csv')} download>
              Export CSV
            </Button>
            {can('register:import') ? (
              <Button variant="default" onClick={importDialog.open}>
                Import CSV
              </Button>
            ) : null}
            {can('register:write') ? (
              <Button component={Link} to="/assets/new">
                New asset
              </Button>
            ) : null}
          </>
        }
      />
      <Group gap="sm" mb="md" align="flex-end">
        <TextInput
          label="Search"
          placeholder="Key, name or purpose"
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setFilter('q', event.currentTarget.value.trim() || null);
          }}
          w={260}
        />
        {FILTER_SELECTS.map((filter) => (
          <Select
            key={filter.name}
            label={filter.label}
            placeholder="Any"
            clearable
            data={optionsOf<string>(filter.labels)}
            value={params.get(filter.name)}
            onChange={(value) => setFilter(filter.name, value)}
            w={170}
          />
        ))}
      </Group>
      <QueryView query={assets}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No assets found">
              {Object.values(filters).some(Boolean)
                ? 'No asset matches these filters.'
                : 'Create the first asset or import a CSV file.'}
            </EmptyMessage>
          ) : (
            <>
              <Text size="sm" c="dimmed" mb="xs">
                {items.length === 1 ? '1 asset' : `${items.length} assets`}
              </Text>
              <AssetsTable assets={items} />
            </>
          )
        }
      </QueryView>
      <ImportAssetsDialog opened={importOpen} onClose={importDialog.close} />
    </>
  );
}

function AssetsTable({ assets }: { assets: AssetView[] }) {
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Asset</Table.Th>
            <Table.Th>Category</Table.Th>
            <Table.Th>Environment</Table.Th>
            <Table.Th miw={110}>Criticality</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Supplier</Table.Th>
            <Table.Th>Lifecycle</Table.Th>
            <Table.Th>Next review</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {assets.map((asset) => {
            const path = `/assets/${encodeURIComponent(asset.key)}`;
            return (
              <Table.Tr
                key={asset.id}
                onClick={() => void navigate(path)}
                style={{ cursor: 'pointer' }}
              >
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={path}
                    fw={500}
                    onClick={(event) => event.stopPropagation()}
                  >
                    {asset.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {asset.key}
                  </Text>
                </Table.Td>
                <Table.Td>{CATEGORY_LABELS[asset.category]}</Table.Td>
                <Table.Td>{ENVIRONMENT_LABELS[asset.environment]}</Table.Td>
                <Table.Td>
                  <CriticalityBadge criticality={asset.criticality} />
                </Table.Td>
                <Table.Td>
                  {OWNER_ROLE_LABELS[asset.ownerRole]}
                  {asset.ownerPerson ? (
                    <Text size="xs" c="dimmed">
                      {asset.ownerPerson}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{asset.supplierName ?? '—'}</Table.Td>
                <Table.Td>{LIFECYCLE_LABELS[asset.lifecycleStatus]}</Table.Td>
                <Table.Td>{formatDate(asset.nextReviewDueOn)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
