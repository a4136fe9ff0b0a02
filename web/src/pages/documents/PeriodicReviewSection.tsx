import { Anchor, Button, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../auth/permissions.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { Section } from '../../components/Section.js';
import { SignatureDialog } from '../work-orders/SignatureDialog.js';
import { useSignPeriodicReview, type DocumentDetail } from './documents-api.js';

/**
 * The periodic review of the version in effect: its review date, the review occurrences opened
 * 30 days before each date and what met them, the signed "reviewed, no change" reviews, and (for
 * document managers) signing one.
 */
export function PeriodicReviewSection({ document }: { document: DocumentDetail }) {
  const can = useCan();
  const effective = document.effective;
  const sign = useSignPeriodicReview(document.key, effective?.version ?? 0);
  const [signing, setSigning] = useState(false);
  const { occurrences, reviews } = document.periodicReview;
  return (
    <Section
      title="Periodic review"
      actions={
        effective && can('documents:manage') ? (
          <Button size="xs" variant="light" onClick={() => setSigning(true)}>
            Reviewed, no change
          </Button>
        ) : null
      }
    >
      <Stack gap="xs" data-testid="periodic-review">
        <Text size="sm">
          {effective
            ? `v${effective.version} is next reviewed by ${formatDate(effective.reviewDueOn)}; the review occurrence opens 30 days before.`
            : 'No version is in effect: nothing to review yet.'}
        </Text>
        {occurrences.length > 0 ? (
          <List size="sm">
            {occurrences.map((occurrence) => (
              <List.Item key={occurrence.occurrenceId}>
                <Anchor
                  component={Link}
                  to={`/work/occurrences/${occurrence.occurrenceId}`}
                  size="sm"
                >
                  Review of v{occurrence.version} due {formatDate(occurrence.reviewDueOn)}
                </Anchor>
                :{' '}
                {occurrence.metBy === null
                  ? 'open'
                  : `met ${formatDateTime(occurrence.metAt)} by ${occurrence.metBy === 'reviewed' ? 'a signed review' : 'a new version'}`}
              </List.Item>
            ))}
          </List>
        ) : null}
        {reviews.map((review) => (
          <Text size="sm" key={review.signatureId}>
            v{review.version} reviewed with no change by {review.signerLabel},{' '}
            {formatDateTime(review.reviewedAt)}: {review.note} (next review{' '}
            {formatDate(review.nextReviewDueOn)})
          </Text>
        ))}
      </Stack>
      {signing && effective ? (
        <SignatureDialog
          title="Sign the periodic review"
          meaning={`By signing you confirm that you reviewed ${document.key} v${effective.version} and that it needs no change; its next review is due in a year.`}
          noteLabel="What was reviewed"
          noteRequired
          submitLabel="Sign"
          pending={sign.isPending}
          error={sign.error}
          onSign={(credentials, note) =>
            sign.mutate(
              { ...credentials, note },
              {
                onSuccess: () => {
                  setSigning(false);
                  notifications.show({ color: 'teal', message: 'Periodic review signed.' });
                },
              },
            )
          }
          onClose={() => setSigning(false)}
        />
      ) : null}
    </Section>
  );
}
