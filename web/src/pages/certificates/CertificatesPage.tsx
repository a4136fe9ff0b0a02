import {
  Anchor,
  Badge,
  Box,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { commonName, daysText } from './certificate-text.js';
import {
  RENEWAL_WINDOW_DAYS,
  URGENCY_COLOR,
  URGENCY_LABEL,
  urgencyOf,
  useCertificates,
  type CertificateView,
} from './certificates-api.js';

/** The timeline spans a year: a certificate with a year or more left fills its bar. */
const TIMELINE_DAYS = 365;
/** The part of the timeline's scale inside the renewal window, in per cent. */
const RENEWAL_SHARE = (100 * RENEWAL_WINDOW_DAYS) / TIMELINE_DAYS;

const WINDOWS = [
  { value: '', label: 'Any expiry' },
  { value: '30', label: 'Within 30 days' },
  { value: '90', label: 'Within 90 days' },
  { value: '365', label: 'Within a year' },
];

/** The certificate inventory with its expiry timeline: soonest first, coloured by urgency. */
export function CertificatesPage() {
  const [expiring, setExpiring] = useState('');
  const [includeSuperseded, setIncludeSuperseded] = useState(false);
  const [includeCa, setIncludeCa] = useState(true);
  const list = useCertificates({
    expiringWithinDays: expiring ? Number(expiring) : undefined,
    includeSuperseded,
    includeCa,
  });
  return (
    <>
      <PageHeader
        title="Certificates"
        description="TLS certificates imported from PEM files or presented by probed endpoints, soonest expiry first. Renewal is due 30 days before expiry."
      />
      <Group mb="lg" align="flex-end">
        <Select
          label="Expiring"
          data={WINDOWS}
          value={expiring}
          onChange={(value) => setExpiring(value ?? '')}
          allowDeselect={false}
        />
        <Checkbox
          label="Replaced certificates too"
          checked={includeSuperseded}
          onChange={(event) => setIncludeSuperseded(event.currentTarget.checked)}
        />
        <Checkbox
          label="CA certificates"
          checked={includeCa}
          onChange={(event) => setIncludeCa(event.currentTarget.checked)}
        />
      </Group>
      <QueryView query={list}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No certificate">
              Import a PEM file (plumbline certs import FILE) or add TLS endpoints to probe.
            </EmptyMessage>
          ) : (
            <Stack gap="md">
              <ExpiryTimeline items={items} />
              <CertificateTable items={items} />
              <LoadMore list={list} />
            </Stack>
          )
        }
      </QueryView>
    </>
  );
}

function ExpiryTimeline({ items }: { items: CertificateView[] }) {
  return (
    <Stack gap={6} data-testid="certificate-timeline" aria-label="Expiry timeline">
      {items.map((item) => {
        const urgency = urgencyOf(item.daysLeft);
        const width = Math.max(0, Math.min(item.daysLeft, TIMELINE_DAYS)) / TIMELINE_DAYS;
        return (
          <Group key={item.id} gap="sm" wrap="nowrap" data-urgency={urgency}>
            <Text size="xs" w={220} truncate="end">
              {commonName(item)}
            </Text>
            <Tooltip label={`${formatDateTime(item.notAfter)}: ${daysText(item.daysLeft)}`}>
              <Box
                h={12}
                style={{
                  flex: 1,
                  position: 'relative',
                  // The first 30 days of the scale are the renewal window: shaded.
                  background: `linear-gradient(to right, var(--mantine-color-orange-1) ${RENEWAL_SHARE}%, var(--mantine-color-gray-1) ${RENEWAL_SHARE}%)`,
                  borderRadius: 6,
                  overflow: 'hidden',
                }}
              >
                <Box
                  h={12}
                  style={{
                    width: `${Math.max(width * 100, 1.5)}%`,
                    background: `var(--mantine-color-${URGENCY_COLOR[urgency]}-6)`,
                  }}
                />
              </Box>
            </Tooltip>
            <Text size="xs" w={110} ta="right">
              {daysText(item.daysLeft)}
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}

type ExpiryOrder = 'soonest' | 'latest';

function CertificateTable({ items }: { items: CertificateView[] }) {
  const [order, setOrder] = useState<ExpiryOrder>('soonest');
  // The server pages soonest first; the order of what is loaded can be turned round here.
  const sorted = order === 'soonest' ? items : [...items].reverse();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped verticalSpacing="sm" data-testid="certificates">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Expires</Table.Th>
            <Table.Th aria-sort={order === 'soonest' ? 'ascending' : 'descending'}>
              <UnstyledButton
                fw={700}
                fz="sm"
                onClick={() => setOrder(order === 'soonest' ? 'latest' : 'soonest')}
                title={order === 'soonest' ? 'Latest expiry first' : 'Soonest expiry first'}
              >
                Expires in {order === 'soonest' ? '▲' : '▼'}
              </UnstyledButton>
            </Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th>Names</Table.Th>
            <Table.Th>Issuer</Table.Th>
            <Table.Th>Key</Table.Th>
            <Table.Th>Asset</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((item) => {
            const urgency = urgencyOf(item.daysLeft);
            return (
              <Table.Tr
                key={item.id}
                data-certificate={item.fingerprintSha256}
                data-urgency={urgency}
              >
                <Table.Td>
                  <Text size="sm">{formatDateTime(item.notAfter)}</Text>
                </Table.Td>
                <Table.Td>
                  <Tooltip label={`${URGENCY_LABEL[urgency]}: ${daysText(item.daysLeft)}`}>
                    <Badge color={URGENCY_COLOR[urgency]} variant="light">
                      {item.daysLeft < 0 ? URGENCY_LABEL.expired : `${item.daysLeft} d`}
                    </Badge>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/certificates/${item.id}`} size="sm">
                    {item.subject}
                  </Anchor>
                  {item.isCa ? (
                    <Text size="xs" c="dimmed">
                      CA certificate
                    </Text>
                  ) : null}
                  {item.supersededById ? (
                    <Text size="xs" c="dimmed">
                      Replaced by a newer certificate
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{item.subjectAltNames.join(', ') || '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{item.issuer}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {item.keyType}
                    {item.keySize ? ` ${item.keySize}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{item.assetKey ?? '—'}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
