import { Button, Group, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useCan } from '../../auth/permissions.js';
import { formatDateTime } from '../../components/format.js';
import { Section } from '../../components/Section.js';
import { SignatureDialog } from '../work-orders/SignatureDialog.js';
import {
  useSignDocument,
  useTransitionDocument,
  type DocumentDetail,
  type SignoffMeaning,
} from './documents-api.js';

const MEANING_TEXT: Record<SignoffMeaning, (names: string) => string> = {
  reviewed: (names) =>
    `By signing you confirm that you reviewed this version, as ${names}, and that it is fit to go to its approvers.`,
  approved: (names) =>
    `By signing you approve this version, as ${names}: once every approver has signed it becomes effective on its effective date.`,
};

/** Who must still review and approve the latest version, who signed, and the caller's turn. */
export function SignoffsSection({ document }: { document: DocumentDetail }) {
  const can = useCan();
  const version = document.current;
  const sign = useSignDocument(document.key, version.version);
  const submit = useTransitionDocument(document.key, version.version);
  const [meaning, setMeaning] = useState<SignoffMeaning | null>(null);
  const turn = meaning ? document.abilities[meaning === 'reviewed' ? 'review' : 'approve'] : null;
  return (
    <Section title={`Sign-offs of v${version.version}`}>
      <Stack gap="xs" data-testid="signoffs">
        {version.approvalAttested ? (
          <Text size="sm">
            Approval given outside Plumbline, attested by {version.approvalAttested.signerLabel},{' '}
            {formatDateTime(version.approvalAttested.signedAt)}: {version.approvalAttested.note}
          </Text>
        ) : null}
        {version.signoffs.length === 0 ? (
          <Text size="sm" c="dimmed">
            No sign-off yet.
          </Text>
        ) : (
          <List size="sm">
            {version.signoffs.map((signoff) => (
              <List.Item key={`${signoff.kind}:${signoff.name}`}>
                {signoff.kind === 'reviewed' ? 'Reviewed' : 'Approved'} for {signoff.name} by{' '}
                {signoff.signerLabel}, {formatDateTime(signoff.signedAt)}
              </List.Item>
            ))}
          </List>
        )}
        {version.reviewsOutstanding.length > 0 ? (
          <Text size="sm">Review outstanding: {version.reviewsOutstanding.join(', ')}</Text>
        ) : null}
        {version.approvalsOutstanding.length > 0 ? (
          <Text size="sm">Approval outstanding: {version.approvalsOutstanding.join(', ')}</Text>
        ) : null}
        {version.unmappedNames.length > 0 ? (
          <Text size="sm" c="red">
            Not mapped to people yet: {version.unmappedNames.join(', ')}
          </Text>
        ) : null}
      </Stack>
      <Group>
        {version.status === 'draft' && can('documents:manage') ? (
          <Button
            loading={submit.isPending}
            onClick={() =>
              submit.mutate(
                { to: 'in_review' },
                {
                  onError: (error) => notifications.show({ color: 'red', message: error.message }),
                },
              )
            }
          >
            Submit for review
          </Button>
        ) : null}
        {document.abilities.review.allowed ? (
          <Button onClick={() => setMeaning('reviewed')}>Sign as reviewer</Button>
        ) : null}
        {document.abilities.approve.allowed ? (
          <Button color="teal" onClick={() => setMeaning('approved')}>
            Approve
          </Button>
        ) : null}
      </Group>
      {version.status === 'in_review' &&
      !document.abilities.approve.allowed &&
      document.abilities.approve.names.length > 0 &&
      document.abilities.approve.reason ? (
        <Text size="sm" c="dimmed">
          Approval: {document.abilities.approve.reason}
        </Text>
      ) : null}
      {meaning && turn ? (
        <SignatureDialog
          title={meaning === 'reviewed' ? 'Sign the review' : 'Sign the approval'}
          meaning={MEANING_TEXT[meaning](turn.names.join(', '))}
          noteLabel="Note (optional)"
          submitLabel="Sign"
          pending={sign.isPending}
          error={sign.error}
          onSign={(credentials, note) =>
            sign.mutate(
              { ...credentials, meaning, ...(note ? { note } : {}) },
              {
                onSuccess: () => {
                  setMeaning(null);
                  notifications.show({ color: 'teal', message: 'Signed.' });
                },
              },
            )
          }
          onClose={() => setMeaning(null)}
        />
      ) : null}
    </Section>
  );
}
