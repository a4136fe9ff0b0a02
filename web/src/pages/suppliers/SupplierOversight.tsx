import {
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Timeline,
} from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  useCreateSupplierReview,
  useSupplierCertificates,
  useSupplierReviews,
  useSupplierTimeline,
} from '../../api/supplier-reviews.js';
import { useCan } from '../../auth/permissions.js';
import { FormError } from '../../components/form.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { SupplierReviewTable } from '../supplier-reviews/SupplierReviewsPage.js';

/** Certifications with their expiry and the renewal opened 30 days before it. */
export function SupplierCertificates({ supplierKey }: { supplierKey: string }) {
  const certificates = useSupplierCertificates(supplierKey);
  return (
    <Section title="Certifications">
      <QueryView query={certificates}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              No certifications recorded.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={520}>
              <Table data-testid="supplier-certificates">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Certification</Table.Th>
                    <Table.Th>Expires on</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Renewal</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((certification) => (
                    <Table.Tr key={certification.name}>
                      <Table.Td>{certification.name}</Table.Td>
                      <Table.Td>{formatDate(certification.expiresOn)}</Table.Td>
                      <Table.Td>
                        <Badge color={certification.expired ? 'red' : 'teal'} variant="light">
                          {certification.expired ? 'Expired' : 'Valid'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {certification.renewal === null
                          ? '—'
                          : certification.renewal.renewedAt
                            ? `Renewed through ${formatDate(certification.renewal.renewedExpiresOn)}`
                            : `Open since ${formatDateTime(certification.renewal.openedAt)}`}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryView>
    </Section>
  );
}

const REPORT_KINDS = [
  { value: 'soc2-type-2', label: 'SOC 2 Type II report' },
  { value: 'soc2-type-1', label: 'SOC 2 Type I report' },
  { value: 'iso-certificate', label: 'ISO certificate' },
  { value: 'other', label: 'Other report' },
];
const OPINIONS = ['unqualified', 'qualified', 'adverse', 'disclaimer', 'not-applicable'];

function StartReview({ supplierKey, onClose }: { supplierKey: string; onClose: () => void }) {
  const create = useCreateSupplierReview(supplierKey);
  const navigate = useNavigate();
  const [reportKind, setReportKind] = useState('soc2-type-2');
  const [reportTitle, setReportTitle] = useState('');
  const [opinion, setOpinion] = useState('unqualified');
  const [periodFrom, setPeriodFrom] = useState('');
  const [periodTo, setPeriodTo] = useState('');
  const [exceptions, setExceptions] = useState('');
  const [cuecs, setCuecs] = useState('');
  return (
    <Modal opened onClose={onClose} title="Start a supplier review" size="lg">
      <Stack gap="sm">
        <FormError error={create.error} fields={[]} />
        <Select
          label="What the supplier provided"
          data={REPORT_KINDS}
          value={reportKind}
          onChange={(value) => setReportKind(value ?? 'other')}
          allowDeselect={false}
        />
        <TextInput
          label="Title"
          required
          value={reportTitle}
          onChange={(event) => setReportTitle(event.currentTarget.value)}
        />
        <Group grow>
          <TextInput
            label="Period from (YYYY-MM-DD)"
            value={periodFrom}
            onChange={(event) => setPeriodFrom(event.currentTarget.value)}
          />
          <TextInput
            label="Period to (YYYY-MM-DD)"
            value={periodTo}
            onChange={(event) => setPeriodTo(event.currentTarget.value)}
          />
        </Group>
        <Select
          label="Opinion"
          data={OPINIONS}
          value={opinion}
          onChange={(value) => setOpinion(value ?? 'not-applicable')}
          allowDeselect={false}
        />
        <Textarea
          label="Exceptions noted"
          autosize
          minRows={2}
          value={exceptions}
          onChange={(event) => setExceptions(event.currentTarget.value)}
        />
        <Textarea
          label="Complementary user-entity controls, one per line"
          autosize
          minRows={3}
          value={cuecs}
          onChange={(event) => setCuecs(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={reportTitle.trim() === ''}
            loading={create.isPending}
            onClick={() =>
              create.mutate(
                {
                  reportKind: reportKind as never,
                  reportTitle,
                  opinion: opinion as never,
                  periodFrom: periodFrom || null,
                  periodTo: periodTo || null,
                  exceptions,
                  cuecs: cuecs
                    .split('\n')
                    .map((line) => line.trim())
                    .filter((line) => line !== ''),
                },
                { onSuccess: (review) => void navigate(`/supplier-reviews/${review.id}`) },
              )
            }
          >
            Start the review
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The supplier's reviews, with a button to start one. */
export function SupplierReviews({ supplierKey }: { supplierKey: string }) {
  const can = useCan();
  const [starting, setStarting] = useState(false);
  const list = useSupplierReviews({ supplier: supplierKey });
  return (
    <Section
      title="Reviews"
      actions={
        can('suppliers:review') ? (
          <Button variant="light" onClick={() => setStarting(true)}>
            Start a review
          </Button>
        ) : null
      }
    >
      <QueryView query={list}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              No review yet.
            </Text>
          ) : (
            <>
              <SupplierReviewTable items={items} />
              <LoadMore list={list} />
            </>
          )
        }
      </QueryView>
      {starting ? (
        <StartReview supplierKey={supplierKey} onClose={() => setStarting(false)} />
      ) : null}
    </Section>
  );
}

/** Service reports, incidents, renewed certificates and signed reviews, newest first. */
export function SupplierTimeline({ supplierKey }: { supplierKey: string }) {
  const list = useSupplierTimeline(supplierKey);
  return (
    <Section title="Timeline">
      <QueryView query={list}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing recorded yet.
            </Text>
          ) : (
            <>
              <Timeline bulletSize={14} lineWidth={2} data-testid="supplier-timeline">
                {items.map((event) => (
                  <Timeline.Item
                    key={event.id}
                    title={`${formatDateTime(event.at)} · ${event.kind}`}
                  >
                    <Text size="sm">{event.title}</Text>
                    {event.detail ? (
                      <Text size="sm" c="dimmed">
                        {event.detail}
                      </Text>
                    ) : null}
                    {event.evidence.map((file) => (
                      <Text size="xs" key={file.id}>
                        <a href={`/api/v1/evidence/${file.id}/download`}>{file.filename}</a>
                      </Text>
                    ))}
                    <Text size="xs" c="dimmed">
                      {event.recordedBy}
                    </Text>
                  </Timeline.Item>
                ))}
              </Timeline>
              <LoadMore list={list} />
            </>
          )
        }
      </QueryView>
    </Section>
  );
}
