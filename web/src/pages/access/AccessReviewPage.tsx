import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { FormError } from '../../components/form.js';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { SignatureDialog } from '../work-orders/SignatureDialog.js';
import {
  useAccessReview,
  useAccessReviewItems,
  useDecideAccessReview,
  useSignAccessReview,
  type AccessReviewDecision,
  type AccessReviewDetail,
  type AccessReviewItemView,
} from './access-api.js';
import { ReviewProgress } from './AccessReviewsPage.js';

const DECISION_COLORS: Record<AccessReviewDecision, string> = {
  keep: 'teal',
  revoke: 'red',
  change: 'orange',
};

function DecisionCell({ item }: { item: AccessReviewItemView }) {
  if (!item.decision) return <Text size="sm">Pending</Text>;
  return (
    <Stack gap={2}>
      <Badge color={DECISION_COLORS[item.decision]} variant="light">
        {item.decision}
      </Badge>
      {item.decision !== 'keep' ? (
        <Text size="xs" c="dimmed">
          {item.carriedOutAt
            ? `carried out ${formatDateTime(item.carriedOutAt)}`
            : 'not yet seen carried out'}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The decision for the ticked accounts, or for every one still pending, with its comment. */
function DecisionForm({
  campaignId,
  selected,
  onDecided,
}: {
  campaignId: string;
  selected: string[];
  onDecided: () => void;
}) {
  const decide = useDecideAccessReview(campaignId);
  const [decision, setDecision] = useState<AccessReviewDecision>('keep');
  const [comment, setComment] = useState('');

  function send(target: { usernames: string[] } | { allPending: true }) {
    decide.mutate({ decision, comment, ...target }, { onSuccess: onDecided });
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    send({ usernames: selected });
  }

  return (
    <form onSubmit={submit} aria-label="Decide">
      <Stack gap="xs" mb="md">
        <FormError error={decide.error} fields={['decision', 'comment', 'usernames']} />
        <Group align="end">
          <SegmentedControl
            value={decision}
            onChange={(value) => setDecision(value)}
            data={[
              { value: 'keep', label: 'Keep' },
              { value: 'revoke', label: 'Revoke' },
              { value: 'change', label: 'Change' },
            ]}
          />
          <TextInput
            label="Comment"
            required
            miw={320}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
          />
          <Button type="submit" disabled={selected.length === 0} loading={decide.isPending}>
            Decide for {selected.length} selected
          </Button>
          <Button
            variant="light"
            loading={decide.isPending}
            onClick={() => send({ allPending: true })}
          >
            Decide for all pending
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ItemsTable({ campaign }: { campaign: AccessReviewDetail }) {
  const items = useAccessReviewItems(campaign.id);
  const [selected, setSelected] = useState<string[]>([]);
  const canDecide = campaign.abilities.decide.allowed;
  const toggle = (username: string, on: boolean) =>
    setSelected((current) =>
      on ? [...current, username] : current.filter((name) => name !== username),
    );
  return (
    <QueryView query={items}>
      {(rows) => (
        <>
          {canDecide ? (
            <DecisionForm
              campaignId={campaign.id}
              selected={selected}
              onDecided={() => setSelected([])}
            />
          ) : null}
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="sm" aria-label="Accounts under review">
              <Table.Thead>
                <Table.Tr>
                  {canDecide ? <Table.Th /> : null}
                  <Table.Th>Account</Table.Th>
                  <Table.Th>Holder</Table.Th>
                  <Table.Th>Roles</Table.Th>
                  <Table.Th>Privileged</Table.Th>
                  <Table.Th>MFA</Table.Th>
                  <Table.Th>Last login</Table.Th>
                  <Table.Th>Decision</Table.Th>
                  <Table.Th>Comment</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((item) => (
                  <Table.Tr key={item.id}>
                    {canDecide ? (
                      <Table.Td>
                        <Checkbox
                          aria-label={`Select ${item.username}`}
                          checked={selected.includes(item.username)}
                          onChange={(event) => toggle(item.username, event.currentTarget.checked)}
                        />
                      </Table.Td>
                    ) : null}
                    <Table.Td>
                      <Text fw={500} size="sm">
                        {item.username}
                      </Text>
                    </Table.Td>
                    <Table.Td>{item.personEmail ?? '—'}</Table.Td>
                    <Table.Td>{item.roles.join(', ') || '—'}</Table.Td>
                    <Table.Td>{item.privileged ? 'Yes' : 'No'}</Table.Td>
                    <Table.Td>
                      {item.mfaEnabled === null ? 'Unknown' : item.mfaEnabled ? 'Yes' : 'No'}
                    </Table.Td>
                    <Table.Td>{formatDateTime(item.lastLoginAt)}</Table.Td>
                    <Table.Td>
                      <DecisionCell item={item} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{item.comment || '—'}</Text>
                      {item.decidedBy ? (
                        <Text size="xs" c="dimmed">
                          {item.decidedBy}, {formatDateTime(item.decidedAt)}
                        </Text>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMore list={items} />
        </>
      )}
    </QueryView>
  );
}

function SignReview({ campaign }: { campaign: AccessReviewDetail }) {
  const sign = useSignAccessReview(campaign.id);
  const [signing, setSigning] = useState(false);
  if (campaign.status === 'signed') {
    return (
      <Alert color="teal" mb="md" title="Signed">
        Signed by {campaign.signedBy} on {formatDateTime(campaign.signedAt)}.
      </Alert>
    );
  }
  const ability = campaign.abilities.sign;
  return (
    <Group mb="md">
      <Button color="teal" disabled={!ability.allowed} onClick={() => setSigning(true)}>
        Sign the review
      </Button>
      {!ability.allowed && ability.reason ? (
        <Text size="sm" c="dimmed">
          {ability.reason}
        </Text>
      ) : null}
      {signing ? (
        <SignatureDialog
          title={`Sign the ${campaign.quarter} access review of ${campaign.asset}`}
          meaning="By signing you confirm that you reviewed every account of this system and that each decision shown is yours or your delegate's (access review completed)."
          noteLabel="Note (optional)"
          submitLabel="Sign"
          submitColor="teal"
          pending={sign.isPending}
          error={sign.error}
          onSign={(credentials, note) =>
            sign.mutate(
              { ...credentials, ...(note ? { note } : {}) },
              { onSuccess: () => setSigning(false) },
            )
          }
          onClose={() => setSigning(false)}
        />
      ) : null}
    </Group>
  );
}

/** One system's access review for a quarter: every account, its decision, and the signature. */
export function AccessReviewPage() {
  const { id = '' } = useParams<{ id: string }>();
  const review = useAccessReview(id);
  return (
    <QueryView query={review}>
      {(campaign) => (
        <>
          <PageHeader
            title={`Access review ${campaign.quarter}: ${campaign.asset}`}
            description={`Accounts of the snapshot taken ${formatDateTime(campaign.snapshotTakenAt)}. Owner: ${campaign.owner}${campaign.delegates.length > 0 ? `; delegates: ${campaign.delegates.join(', ')}` : ''}.`}
          />
          <Group mb="md">
            <ReviewProgress campaign={campaign} />
          </Group>
          <SignReview campaign={campaign} />
          <ItemsTable campaign={campaign} />
        </>
      )}
    </QueryView>
  );
}
