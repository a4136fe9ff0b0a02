import { Anchor, Badge, Code, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { OccurrenceStatusBadge } from '../../components/badges.js';
import { DetailGrid } from '../../components/DetailGrid.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { useRequiredParam } from '../../components/params.js';
import {
  RENEWAL_WINDOW_DAYS,
  URGENCY_COLOR,
  URGENCY_LABEL,
  urgencyOf,
  useCertificate,
  type CertificateDetail,
} from './certificates-api.js';
import { commonName, daysText } from './certificate-text.js';
import { ValidityTimeline } from './ValidityTimeline.js';

/** One certificate: its validity timeline, what it is, where it is served, and its renewal. */
export function CertificatePage() {
  const id = useRequiredParam('id');
  const certificate = useCertificate(id);
  return <QueryView query={certificate}>{(data) => <Certificate certificate={data} />}</QueryView>;
}

function Certificate({ certificate }: { certificate: CertificateDetail }) {
  // Today as of when the page was read, so the marker agrees with the server's days left.
  const [now] = useState(() => new Date());
  const urgency = urgencyOf(certificate.daysLeft);
  // The latest renewal occurrence (one per asset it is deployed on) colours the window.
  const renewal = [...certificate.renewals].sort((a, b) => b.openedAt.localeCompare(a.openedAt))[0];
  return (
    <>
      <PageHeader
        title={commonName(certificate)}
        crumbs={[{ label: 'Certificates', to: '/certificates' }]}
        description={certificate.subject}
        badges={
          <>
            <Badge color={URGENCY_COLOR[urgency]} variant="light" data-testid="certificate-urgency">
              {URGENCY_LABEL[urgency]}: {daysText(certificate.daysLeft)}
            </Badge>
            {certificate.isCa ? <Badge variant="outline">CA certificate</Badge> : null}
            {certificate.supersededById ? (
              <Badge variant="outline" color="gray">
                Replaced
              </Badge>
            ) : null}
          </>
        }
      />
      <Stack gap="lg">
        <Section title="Validity">
          <ValidityTimeline
            notBefore={certificate.notBefore}
            notAfter={certificate.notAfter}
            now={now}
            renewalStatus={renewal?.status ?? null}
          />
          <Text size="xs" c="dimmed">
            The renewal occurrence opens by itself {RENEWAL_WINDOW_DAYS} days before the expiry
            (highlighted) on every asset the certificate is deployed on; a newer certificate for the
            same names, or on the same endpoint, completes it.
          </Text>
        </Section>
        <Section title="Renewal">
          <RenewalTable certificate={certificate} />
        </Section>
        <Section title="Certificate">
          <DetailGrid
            details={[
              { label: 'Names', value: certificate.subjectAltNames.join(', '), wide: true },
              { label: 'Issuer', value: certificate.issuer, wide: true },
              { label: 'Valid from', value: formatDateTime(certificate.notBefore) },
              { label: 'Expires', value: formatDateTime(certificate.notAfter) },
              {
                label: 'Key',
                value: `${certificate.keyType}${certificate.keySize ? ` ${certificate.keySize}` : ''}`,
              },
              { label: 'Serial number', value: <Code>{certificate.serialNumber}</Code> },
              {
                label: 'Asset',
                value: certificate.assetKey ? (
                  <Anchor
                    component={Link}
                    to={`/assets/${encodeURIComponent(certificate.assetKey)}`}
                  >
                    {certificate.assetKey}
                  </Anchor>
                ) : null,
              },
              {
                label: 'Endpoints presenting it',
                value: certificate.endpoints.map((e) => `${e.host}:${e.port}`).join(', '),
              },
              {
                label: 'Replaced by',
                value: certificate.supersededById ? (
                  <Anchor component={Link} to={`/certificates/${certificate.supersededById}`}>
                    the newer certificate
                  </Anchor>
                ) : null,
              },
              {
                label: 'Recorded',
                value: `${formatDateTime(certificate.recordedAt)} by ${certificate.recordedBy} (${certificate.source})`,
              },
              {
                label: 'SHA-256 fingerprint',
                value: <Code>{certificate.fingerprintSha256}</Code>,
                wide: true,
              },
            ]}
          />
        </Section>
      </Stack>
    </>
  );
}

function RenewalTable({ certificate }: { certificate: CertificateDetail }) {
  if (certificate.renewals.length === 0) {
    return (
      <EmptyMessage title="No renewal open">
        {certificate.daysLeft > RENEWAL_WINDOW_DAYS
          ? `The renewal opens ${RENEWAL_WINDOW_DAYS} days before the expiry.`
          : 'No renewal was opened: the certificate is not deployed on an asset (imported for it or presented by one of its endpoints).'}
      </EmptyMessage>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table data-testid="certificate-renewals">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Asset</Table.Th>
            <Table.Th>Opened</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Renewed by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {certificate.renewals.map((renewal) => (
            <Table.Tr key={renewal.occurrenceId} data-status={renewal.status}>
              <Table.Td>{renewal.assetKey}</Table.Td>
              <Table.Td>{formatDateTime(renewal.openedAt)}</Table.Td>
              <Table.Td>{formatDateTime(renewal.dueAt)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/work/occurrences/${renewal.occurrenceId}`}>
                  <OccurrenceStatusBadge status={renewal.status} />
                </Anchor>
              </Table.Td>
              <Table.Td>
                {renewal.renewedByCertificateId ? (
                  <Anchor component={Link} to={`/certificates/${renewal.renewedByCertificateId}`}>
                    {formatDateTime(renewal.renewedAt)}
                  </Anchor>
                ) : (
                  '—'
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
