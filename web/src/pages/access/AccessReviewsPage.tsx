import {
  Badge,
  Button,
  Group,
  Select,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAssets } from '../../api/register.js';
import { useCan } from '../../auth/permissions.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { FormError, fieldErrors } from '../../components/form.js';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import {
  useAccessReviews,
  useStartAccessReview,
  type AccessReviewCampaignView,
} from './access-api.js';

/** How far a campaign is: decided of total, and revocations not yet seen carried out. */
export function ReviewProgress({ campaign }: { campaign: AccessReviewCampaignView }) {
  const { total, pending, outstanding } = campaign.progress;
  return (
    <Group gap={6}>
      <Text size="sm">
        {total - pending} of {total} decided
      </Text>
      {outstanding > 0 ? (
        <Badge color="orange" variant="light">
          {outstanding} not yet carried out
        </Badge>
      ) : null}
    </Group>
  );
}

function StartReviewForm() {
  const assets = useAssets();
  const start = useStartAccessReview();
  const navigate = useNavigate();
  const [asset, setAsset] = useState<string | null>(null);
  const [quarter, setQuarter] = useState('');
  const [delegates, setDelegates] = useState<string[]>([]);
  const errors = fieldErrors(start.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    start.mutate(
      { asset: asset ?? '', delegates, ...(quarter.trim() ? { quarter: quarter.trim() } : {}) },
      { onSuccess: (campaign) => void navigate(`/access-reviews/${campaign.id}`) },
    );
  }

  return (
    <form onSubmit={submit} aria-label="Start an access review">
      <Stack gap="sm" maw={520} mb="xl">
        <FormError error={start.error} fields={['asset', 'quarter', 'delegates']} />
        <Select
          label="System"
          placeholder="Choose a system"
          searchable
          required
          value={asset}
          onChange={setAsset}
          error={errors.asset}
          data={(assets.data ?? []).map((item) => ({
            value: item.key,
            label: `${item.name} (${item.key})`,
          }))}
        />
        <TextInput
          label="Quarter"
          description="e.g. 2026-Q4; empty for the current quarter"
          value={quarter}
          onChange={(event) => setQuarter(event.currentTarget.value)}
          error={errors.quarter}
        />
        <TagsInput
          label="Delegates"
          description="E-mails of people who may decide and sign besides the system owner"
          value={delegates}
          onChange={setDelegates}
          error={errors.delegates}
        />
        <Group>
          <Button type="submit" loading={start.isPending}>
            Start review
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The quarterly access reviews: one campaign per system and quarter. */
export function AccessReviewsPage() {
  const can = useCan();
  const reviews = useAccessReviews();
  return (
    <>
      <PageHeader
        title="Access reviews"
        description="Each quarter the owner of a system decides, for every account of its latest snapshot, whether it keeps its access; the signed review meets the quarter's access-review control."
      />
      {can('access-reviews:manage') ? <StartReviewForm /> : null}
      <QueryView query={reviews}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No access review yet">
              Start one for a system whose accounts have been imported.
            </EmptyMessage>
          ) : (
            <>
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>System</Table.Th>
                    <Table.Th>Quarter</Table.Th>
                    <Table.Th>Owner</Table.Th>
                    <Table.Th>Progress</Table.Th>
                    <Table.Th>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((campaign) => (
                    <Table.Tr key={campaign.id}>
                      <Table.Td>
                        <Link to={`/access-reviews/${campaign.id}`}>{campaign.asset}</Link>
                      </Table.Td>
                      <Table.Td>{campaign.quarter}</Table.Td>
                      <Table.Td>{campaign.owner}</Table.Td>
                      <Table.Td>
                        <ReviewProgress campaign={campaign} />
                      </Table.Td>
                      <Table.Td>
                        {campaign.status === 'signed'
                          ? `Signed ${formatDateTime(campaign.signedAt)}`
                          : 'Open'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <LoadMore list={reviews} />
            </>
          )
        }
      </QueryView>
    </>
  );
}
