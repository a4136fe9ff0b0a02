import {
  Anchor,
  Button,
  FileButton,
  Grid,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useParams } from 'react-router';
import {
  useAddCuec,
  useAttachReviewEvidence,
  useCheckCuec,
  useSignSupplierReview,
  useSupplierReview,
  type Decision,
  type ReviewDetail,
} from '../../api/supplier-reviews.js';
import { DetailGrid } from '../../components/DetailGrid.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { SignatureDialog } from '../work-orders/SignatureDialog.js';
import { ReviewDecisionBadge } from './SupplierReviewsPage.js';

const showError = (error: Error) => notifications.show({ color: 'red', message: error.message });

type Cuec = ReviewDetail['cuecs'][number];

/** One CUEC: in place or not, with how it is operated; editable while the review is a draft. */
function CuecRow({ review, cuec }: { review: ReviewDetail; cuec: Cuec }) {
  const check = useCheckCuec(review.id);
  const [comment, setComment] = useState(cuec.comment);
  const editable = review.abilities.edit.allowed;
  const save = (inPlace: boolean) =>
    check.mutate({ position: cuec.position, inPlace, comment }, { onError: showError });
  return (
    <Table.Tr data-testid={`cuec-${cuec.position}`}>
      <Table.Td>{cuec.position}</Table.Td>
      <Table.Td>
        <Text size="sm">{cuec.text}</Text>
        {cuec.checkedBy ? (
          <Text size="xs" c="dimmed">
            Checked by {cuec.checkedBy}, {formatDateTime(cuec.checkedAt)}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        {editable ? (
          <SegmentedControl
            size="xs"
            aria-label={`CUEC ${cuec.position} in place`}
            value={cuec.inPlace === null ? 'unchecked' : cuec.inPlace ? 'yes' : 'no'}
            onChange={(value) => save(value === 'yes')}
            data={[
              { value: 'unchecked', label: '—', disabled: true },
              { value: 'yes', label: 'In place' },
              { value: 'no', label: 'Not in place' },
            ]}
          />
        ) : (
          <Text size="sm">
            {cuec.inPlace === null ? 'Not checked' : cuec.inPlace ? 'In place' : 'Not in place'}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {editable ? (
          <TextInput
            size="xs"
            aria-label={`CUEC ${cuec.position} comment`}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
            onBlur={() => {
              if (cuec.inPlace !== null && comment !== cuec.comment) save(cuec.inPlace);
            }}
          />
        ) : (
          <Text size="sm">{cuec.comment || '—'}</Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function AddCuec({ review }: { review: ReviewDetail }) {
  const add = useAddCuec(review.id);
  const [text, setText] = useState('');
  return (
    <Group align="end">
      <TextInput
        label="Add a CUEC from the report"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        style={{ flex: 1 }}
      />
      <Button
        variant="light"
        disabled={text.trim() === ''}
        loading={add.isPending}
        onClick={() => add.mutate(text, { onSuccess: () => setText(''), onError: showError })}
      >
        Add
      </Button>
    </Group>
  );
}

function Cuecs({ review }: { review: ReviewDetail }) {
  return (
    <Section
      title={`Complementary user-entity controls (${review.cuecsChecked}/${review.cuecCount} checked)`}
    >
      {review.cuecs.length === 0 ? (
        <Text size="sm" c="dimmed">
          The report names no control left to us.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table data-testid="cuec-checklist">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>Control the report expects of us</Table.Th>
                <Table.Th>In place</Table.Th>
                <Table.Th>How, or what is missing</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {review.cuecs.map((cuec) => (
                <CuecRow key={cuec.position} review={review} cuec={cuec} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {review.abilities.edit.allowed ? <AddCuec review={review} /> : null}
    </Section>
  );
}

function Evidence({ review }: { review: ReviewDetail }) {
  const attach = useAttachReviewEvidence(review.id);
  return (
    <Section
      title="Report and certificate files"
      actions={
        review.abilities.edit.allowed ? (
          <FileButton onChange={(file) => file && attach.mutate(file, { onError: showError })}>
            {(props) => (
              <Button variant="light" loading={attach.isPending} {...props}>
                Attach file
              </Button>
            )}
          </FileButton>
        ) : null
      }
    >
      {review.evidence.length === 0 ? (
        <EmptyMessage title="No file yet">
          Attach the supplier's report or certificate (and a bridge letter): the review is signed
          over them.
        </EmptyMessage>
      ) : (
        <Stack gap="xs">
          {review.evidence.map((file) => (
            <Stack gap={0} key={file.id}>
              <Anchor href={`/api/v1/evidence/${file.id}/download`} size="sm">
                {file.filename}
              </Anchor>
              <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                sha256 {file.sha256} · {file.uploadedBy}, {formatDateTime(file.uploadedAt)}
              </Text>
            </Stack>
          ))}
        </Stack>
      )}
    </Section>
  );
}

const DECISIONS: { value: Decision; label: string }[] = [
  { value: 'approved', label: 'Approved' },
  { value: 'approved_with_conditions', label: 'Approved with conditions' },
  { value: 'not_approved', label: 'Not approved' },
];

/** The decision, its conditions and the next review date, signed in a dialog. */
function DecisionForm({ review }: { review: ReviewDetail }) {
  const sign = useSignSupplierReview(review.id);
  const [decision, setDecision] = useState<Decision>('approved');
  const [conditions, setConditions] = useState('');
  const [nextReviewDue, setNextReviewDue] = useState(review.nextReviewDue ?? '');
  const [open, setOpen] = useState(false);
  const ready =
    /^\d{4}-\d{2}-\d{2}$/.test(nextReviewDue) &&
    (decision !== 'approved_with_conditions' || conditions.trim() !== '');
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={decision}
        onChange={(value) => setDecision(value)}
        data={DECISIONS}
        aria-label="Decision"
      />
      {decision === 'approved_with_conditions' ? (
        <Textarea
          label="Conditions"
          value={conditions}
          onChange={(event) => setConditions(event.currentTarget.value)}
          autosize
          minRows={2}
        />
      ) : null}
      <TextInput
        label="Next review due (YYYY-MM-DD)"
        value={nextReviewDue}
        onChange={(event) => setNextReviewDue(event.currentTarget.value)}
      />
      <Group>
        <Button disabled={!ready} onClick={() => setOpen(true)}>
          Sign the decision
        </Button>
      </Group>
      {open ? (
        <SignatureDialog
          title="Sign the supplier review"
          meaning={`By signing you confirm that you read this report and its exceptions, checked each control it leaves to us, and decide: ${DECISIONS.find((d) => d.value === decision)!.label.toLowerCase()}.`}
          noteLabel="Note (optional)"
          submitLabel="Sign"
          pending={sign.isPending}
          error={sign.error}
          onSign={(credentials, note) =>
            sign.mutate(
              { ...credentials, decision, conditions, nextReviewDue, ...(note ? { note } : {}) },
              {
                onSuccess: () => {
                  setOpen(false);
                  notifications.show({ color: 'teal', message: 'The review is signed.' });
                },
              },
            )
          }
          onClose={() => setOpen(false)}
        />
      ) : null}
    </Stack>
  );
}

function Review({ review }: { review: ReviewDetail }) {
  return (
    <>
      <PageHeader
        title={review.reportTitle}
        crumbs={[
          { label: 'Supplier reviews', to: '/supplier-reviews' },
          {
            label: review.supplier.name,
            to: `/suppliers/${encodeURIComponent(review.supplier.key)}`,
          },
        ]}
        badges={<ReviewDecisionBadge review={review} />}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <Cuecs review={review} />
            <Section title="Findings">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {review.findings || '—'}
              </Text>
            </Section>
            <Evidence review={review} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <Section title="Report">
              <DetailGrid
                details={[
                  { label: 'Kind', value: review.reportKind },
                  {
                    label: 'Period covered',
                    value: `${formatDate(review.periodFrom)} – ${formatDate(review.periodTo)}`,
                  },
                  { label: 'Opinion', value: review.opinion },
                  { label: 'Bridge letter through', value: formatDate(review.bridgeLetterThrough) },
                  { label: 'Exceptions', value: review.exceptions || 'None', wide: true },
                ]}
              />
            </Section>
            <Section title="Decision">
              <div data-testid="review-decision">
                {review.signature ? (
                  <Stack gap={4}>
                    <ReviewDecisionBadge review={review} />
                    {review.conditions ? <Text size="sm">{review.conditions}</Text> : null}
                    <Text size="sm">
                      Signed by {review.signature.signerLabel} ({review.signature.signerRole}),{' '}
                      {formatDateTime(review.signature.signedAt)}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                      record sha256 {review.signature.recordSha256}
                    </Text>
                    <Text size="sm">Next review due {formatDate(review.nextReviewDue)}</Text>
                  </Stack>
                ) : null}
              </div>
              {review.abilities.sign.allowed ? (
                <DecisionForm review={review} />
              ) : review.abilities.sign.reason ? (
                <Text size="sm" c="dimmed">
                  {review.abilities.sign.reason}
                </Text>
              ) : null}
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** One supplier review: the report, its CUEC checklist, its files and the signed decision. */
export function SupplierReviewPage() {
  const { id = '' } = useParams();
  const review = useSupplierReview(id);
  return <QueryView query={review}>{(data) => <Review review={data} />}</QueryView>;
}
