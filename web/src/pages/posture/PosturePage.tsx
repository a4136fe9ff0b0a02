import {
  Anchor,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { Link } from 'react-router';
import { usePagedAssetPosture, usePosture } from '../../api/posture.js';
import type { Posture, PostureFramework } from '../../api/work-types.js';
import { CriticalBadge, PostureStatusBadge } from '../../components/badges.js';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useSearchState } from '../../components/params.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { fromLocalInput } from './as-of.js';
import { StatusCounts } from './StatusCounts.js';
import { TrainingGapsSection } from './TrainingGapsSection.js';

/** Where every framework stands, now or at any past instant. */
export function PosturePage() {
  // The instant and the framework opened are in the URL: a past posture can be bookmarked.
  const [filters, setFilters] = useSearchState({ asOf: '', framework: '' });
  const asOfInput = filters.asOf;
  const at = fromLocalInput(asOfInput);
  const posture = usePosture(at);
  const selected = filters.framework || null;
  const setAsOfInput = (value: string) => setFilters({ asOf: value }, { replace: true });
  const setSelected = (key: string | null) => setFilters({ framework: key });
  return (
    <>
      <PageHeader
        title="Posture"
        description="Whether each control is passing, at risk, failing or without evidence, by framework and asset."
      />
      <Group mb="lg" align="flex-end">
        <TextInput
          type="datetime-local"
          label="As of"
          description="Leave empty for now"
          value={asOfInput}
          onChange={(event) => setAsOfInput(event.currentTarget.value)}
        />
        {asOfInput ? (
          <Button variant="default" onClick={() => setAsOfInput('')}>
            Now
          </Button>
        ) : null}
      </Group>
      <QueryView query={posture}>
        {(data) => {
          const framework = data.frameworks.find((item) => item.key === selected);
          return (
            <Stack gap="lg">
              <Paper withBorder p="md" radius="md">
                <Group justify="space-between">
                  <Group gap="sm">
                    <Title order={5}>All controls</Title>
                    <PostureStatusBadge status={data.status} />
                  </Group>
                  <Text size="sm" c="dimmed">
                    As of {formatDateTime(data.at)}
                  </Text>
                </Group>
                <StatusCounts counts={data.controlCounts} />
              </Paper>
              <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} data-testid="posture-frameworks">
                {data.frameworks.map((item) => (
                  <UnstyledButton
                    key={item.key}
                    onClick={() => setSelected(item.key === selected ? null : item.key)}
                    aria-pressed={item.key === selected}
                  >
                    <Paper
                      withBorder
                      p="md"
                      radius="md"
                      bd={
                        item.key === selected
                          ? '2px solid var(--mantine-primary-color-filled)'
                          : undefined
                      }
                    >
                      <Group justify="space-between" mb="sm">
                        <Title order={5}>{item.title}</Title>
                        <PostureStatusBadge status={item.status} />
                      </Group>
                      <Text size="xs" c="dimmed" mb={4}>
                        Controls
                      </Text>
                      <StatusCounts counts={item.controlCounts} />
                    </Paper>
                  </UnstyledButton>
                ))}
              </SimpleGrid>
              {framework ? <FrameworkDrillDown framework={framework} posture={data} /> : null}
              <TrainingGapsSection training={data.training} />
              <AssetPostureSection at={at} />
            </Stack>
          );
        }}
      </QueryView>
    </>
  );
}

function FrameworkDrillDown({
  framework,
  posture,
}: {
  framework: PostureFramework;
  posture: Posture;
}) {
  const controls = new Map(posture.controls.map((control) => [control.key, control]));
  return (
    <Section title={`${framework.title}: requirements`}>
      <Table.ScrollContainer minWidth={800}>
        <Table striped verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Requirement</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th w="45%">Controls</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {framework.requirements.map((requirement) => (
              <Table.Tr key={requirement.key}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {requirement.reference} {requirement.title}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <PostureStatusBadge status={requirement.status} />
                </Table.Td>
                <Table.Td>
                  {requirement.controls.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      No control maps to it
                    </Text>
                  ) : (
                    <Stack gap={4}>
                      {requirement.controls.map((control) => (
                        <Group key={control.key} gap={6} wrap="nowrap">
                          <PostureStatusBadge status={control.status} />
                          <Anchor
                            component={Link}
                            to={`/controls/${encodeURIComponent(control.key)}`}
                            size="sm"
                          >
                            {controls.get(control.key)?.title ?? control.key}
                          </Anchor>
                          {controls.get(control.key)?.critical ? <CriticalBadge /> : null}
                        </Group>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}

/** Worst first, a page at a time: the API's cursor behind "Load more", as the other lists do. */
function AssetPostureSection({ at }: { at: string | undefined }) {
  const assets = usePagedAssetPosture(at);
  return (
    <Section title="By asset">
      <QueryView query={assets}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              No per-asset control applies yet.
            </Text>
          ) : (
            <>
              <Text size="sm" c="dimmed" mb="xs" data-testid="asset-posture-count">
                {items.length === 1 ? '1 asset' : `${items.length} assets`}
                {assets.hasNextPage ? ' shown, more follow' : ''}
              </Text>
              <Table.ScrollContainer minWidth={600}>
                <Table striped verticalSpacing="xs" data-testid="asset-posture">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Asset</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Controls</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((asset) => (
                      <Table.Tr key={asset.assetKey}>
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={`/assets/${encodeURIComponent(asset.assetKey)}`}
                            size="sm"
                          >
                            {asset.assetKey}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <PostureStatusBadge status={asset.status} />
                        </Table.Td>
                        <Table.Td>
                          <StatusCounts counts={asset.controlCounts} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <LoadMore list={assets} />
            </>
          )
        }
      </QueryView>
    </Section>
  );
}
