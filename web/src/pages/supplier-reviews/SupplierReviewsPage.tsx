import { Anchor, Badge, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  useSupplierReviews,
  type ReviewStatus,
  type ReviewView,
} from '../../api/supplier-reviews.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';

const DECISION_LABEL: Record<NonNullable<ReviewView['decision']>, string> = {
  approved: 'Approved',
  approved_with_conditions: 'Approved with conditions',
  not_approved: 'Not approved',
};
const DECISION_COLOR: Record<NonNullable<ReviewView['decision']>, string> = {
  approved: 'teal',
  approved_with_conditions: 'yellow',
  not_approved: 'red',
};

/** The review's state at a glance: its signed decision, or a draft. */
export function ReviewDecisionBadge({ review }: { review: Pick<ReviewView, 'decision'> }) {
  if (review.decision === null)
    return (
      <Badge color="gray" variant="light">
        Draft
      </Badge>
    );
  return (
    <Badge color={DECISION_COLOR[review.decision]} variant="light">
      {DECISION_LABEL[review.decision]}
    </Badge>
  );
}

/** A table of reviews, newest first; the supplier page shows one supplier's. */
export function SupplierReviewTable({ items }: { items: ReviewView[] }) {
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Report</Table.Th>
            <Table.Th>Supplier</Table.Th>
            <Table.Th>Opinion</Table.Th>
            <Table.Th>CUECs</Table.Th>
            <Table.Th>Decision</Table.Th>
            <Table.Th>Next review</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((review) => (
            <Table.Tr key={review.id}>
              <Table.Td>
                <Anchor component={Link} to={`/supplier-reviews/${review.id}`} fw={500}>
                  {review.reportTitle}
                </Anchor>
                <Text size="xs" c="dimmed">
                  Started {formatDateTime(review.createdAt)} by {review.createdBy}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/suppliers/${encodeURIComponent(review.supplier.key)}`}
                >
                  {review.supplier.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{review.opinion}</Table.Td>
              <Table.Td>
                {review.cuecsChecked}/{review.cuecCount}
              </Table.Td>
              <Table.Td>
                <ReviewDecisionBadge review={review} />
              </Table.Td>
              <Table.Td>{formatDate(review.nextReviewDue)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Every supplier review: drafts being worked on and signed decisions. */
export function SupplierReviewsPage() {
  const [status, setStatus] = useState<ReviewStatus | 'all'>('all');
  const list = useSupplierReviews({ status: status === 'all' ? null : status });
  return (
    <>
      <PageHeader
        title="Supplier reviews"
        description="Suppliers' SOC 2 reports and ISO certificates read for exceptions, with the controls left to us checked one by one and the decision signed."
        crumbs={[{ label: 'Suppliers', to: '/suppliers' }]}
      />
      <Group mb="lg">
        <SegmentedControl
          value={status}
          onChange={(value) => setStatus(value)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'draft', label: 'Drafts' },
            { value: 'signed', label: 'Signed' },
          ]}
        />
      </Group>
      <QueryView query={list}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No supplier review">
              Start one from a supplier's page with its latest report or certificate.
            </EmptyMessage>
          ) : (
            <>
              <SupplierReviewTable items={items} />
              <LoadMore list={list} />
            </>
          )
        }
      </QueryView>
    </>
  );
}
