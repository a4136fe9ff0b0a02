import { Anchor, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { apiUrl } from '../../api/web-client.js';
import { usePagedAssets } from '../../api/register.js';
import type { AssetView } from '../../api/types.js';
import { useCan } from '../../auth/permissions.js';
import { CriticalityBadge } from '../../components/badges.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDate } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { useSearchState } from '../../components/params.js';
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
import { FILTER_DEFAULTS, filtersFrom } from './asset-filters.js';

const FILTER_SELECTS = [
  { name: 'category', label: 'Category', labels: CATEGORY_LABELS },
  { name: 'environment', label: 'Environment', labels: ENVIRONMENT_LABELS },
  { name: 'criticality', label: 'Criticality', labels: CRITICALITY_LABELS },
  { name: 'lifecycleStatus', label: 'Lifecycle', labels: LIFECYCLE_LABELS },
] as const;

/** Its code (the file inputs) is loaded when first opened: not on the list's first load. */
const ImportAssetsDialog = lazy(async () => ({
  default: (await import('./ImportAssetsDialog.js')).ImportAssetsDialog,
}));

/**
 * The register a page at a time: the API's keyset cursor behind "Load more", the filters in the
 * address (useSearchState), and the count of what is shown saying whether more follow.
 */
export function AssetsListPage() {
  const can = useCan();
  const [state, setState] = useSearchState(FILTER_DEFAULTS);
  const [search, setSearch] = useState(state.q);
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const filters = filtersFrom(state, debouncedSearch);
  const assets = usePagedAssets(filters);
  const [importOpen, importDialog] = useDisclosure(false);
  const [importUsed, setImportUsed] = useState(false);

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
              <Button
                variant="default"
                onClick={() => {
                  setImportUsed(true);
                  importDialog.open();
                }}
              >
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
            setState({ q: event.currentTarget.value.trim() || null }, { replace: true });
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
            value={state[filter.name] || null}
            onChange={(value) => setState({ [filter.name]: value })}
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
              <Text size="sm" c="dimmed" mb="xs" data-testid="asset-count">
                {items.length === 1 ? '1 asset' : `${items.length} assets`}
                {assets.hasNextPage ? ' shown, more follow' : ''}
              </Text>
              <AssetsTable assets={items} />
              <LoadMore list={assets} />
            </>
          )
        }
      </QueryView>
      {importUsed ? (
        <Suspense fallback={null}>
          <ImportAssetsDialog opened={importOpen} onClose={importDialog.close} />
        </Suspense>
      ) : null}
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
