import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCloseReviewCampaign, useReviewCampaign } from '../../api/reviews.js';
import type { ReviewCampaignDetail, ReviewItemView } from '../../api/types.js';
import { useCan, useCurrentUser } from '../../auth/permissions.js';
import { ReviewStatusBadge } from '../../components/badges.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { OWNER_ROLE_LABELS, labelOf } from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { useRequiredParam } from '../../components/params.js';
import { ConfirmItemDialog } from './ConfirmItemDialog.js';
import { CorrectItemDialog } from './CorrectItemDialog.js';
import { ReviewProgress } from './ReviewProgress.js';

export function ReviewCampaignPage() {
  const id = useRequiredParam('id');
  const campaign = useReviewCampaign(id);
  return <QueryView query={campaign}>{(data) => <Campaign campaign={data} />}</QueryView>;
}

type Answering = { item: ReviewItemView; decision: 'confirm' | 'correct' } | null;

function Campaign({ campaign }: { campaign: ReviewCampaignDetail }) {
  const can = useCan();
  const user = useCurrentUser();
  const close = useCloseReviewCampaign(campaign.id);
  const [answering, setAnswering] = useState<Answering>(null);
  const open = campaign.status === 'open';

  /** Mirrors the server: the owner (by role or by e-mail) or a review manager answers an item. */
  function mayAnswer(item: ReviewItemView): boolean {
    if (!open || item.status !== 'pending' || !can('review:respond')) return false;
    return (
      item.ownerRole === user.role ||
      (item.ownerPerson !== '' && item.ownerPerson === user.email) ||
      can('review:manage')
    );
  }

  return (
    <>
      <PageHeader
        title={campaign.name}
        crumbs={[{ label: 'Inventory reviews', to: '/reviews' }]}
        badges={
          <Badge color={open ? 'blue' : 'gray'} variant="light">
            {open ? 'Open' : 'Closed'}
          </Badge>
        }
        description={`Due ${formatDate(campaign.dueOn)} · started by ${campaign.startedBy} on ${formatDateTime(campaign.startedAt)}${
          campaign.closedAt ? ` · closed ${formatDateTime(campaign.closedAt)}` : ''
        }`}
        actions={
          open && can('review:manage') ? (
            <ConfirmButton
              variant="default"
              title="Close review"
              message={
                campaign.progress.pending > 0
                  ? `${campaign.progress.pending} assets are still pending. Close the review anyway? Nobody can answer after it is closed.`
                  : 'Every asset has been answered. Close the review?'
              }
              confirmLabel="Close review"
              loading={close.isPending}
              onConfirm={() =>
                close.mutate(undefined, {
                  onSuccess: () => notifications.show({ message: 'Review closed' }),
                })
              }
            >
              Close review
            </ConfirmButton>
          ) : null
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <Group justify="space-between" mb="xs">
            <Text fw={500}>Progress</Text>
            <Text size="sm" c="dimmed">
              {campaign.progress.confirmed} confirmed · {campaign.progress.corrected} corrected ·{' '}
              {campaign.progress.pending} pending
            </Text>
          </Group>
          <ReviewProgress progress={campaign.progress} />
        </Paper>
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Asset</Table.Th>
                <Table.Th>Owner</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Answered</Table.Th>
                <Table.Th>Note</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {campaign.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/assets/${encodeURIComponent(item.assetKey)}`}>
                      {item.assetName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {item.assetKey}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {labelOf(OWNER_ROLE_LABELS, item.ownerRole)}
                    {item.ownerPerson ? (
                      <Text size="xs" c="dimmed">
                        {item.ownerPerson}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <ReviewStatusBadge status={item.status} />
                  </Table.Td>
                  <Table.Td>
                    {item.decidedBy ? (
                      <>
                        <Text size="sm">{item.decidedBy}</Text>
                        <Text size="xs" c="dimmed">
                          {formatDateTime(item.decidedAt)}
                        </Text>
                      </>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{item.note || '—'}</Text>
                    {item.changes ? (
                      <Text size="xs" c="dimmed">
                        Changed:{' '}
                        {Object.keys(item.changes)
                          .filter((field) => field !== 'expectedVersion')
                          .join(', ')}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {mayAnswer(item) ? (
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button
                          size="compact-sm"
                          color="teal"
                          variant="light"
                          onClick={() => setAnswering({ item, decision: 'confirm' })}
                        >
                          Confirm
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="light"
                          onClick={() => setAnswering({ item, decision: 'correct' })}
                        >
                          Correct
                        </Button>
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      {answering?.decision === 'confirm' ? (
        <ConfirmItemDialog
          campaignId={campaign.id}
          item={answering.item}
          onClose={() => setAnswering(null)}
        />
      ) : null}
      {answering?.decision === 'correct' ? (
        <CorrectItemDialog
          campaignId={campaign.id}
          item={answering.item}
          onClose={() => setAnswering(null)}
        />
      ) : null}
    </>
  );
}
