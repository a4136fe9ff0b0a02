import { Badge, Group, Select, Table, Text } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { useAssets } from '../../api/register.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { useAccounts, type AccountView } from './access-api.js';

const FLAG_LABELS: Record<keyof AccountView['flags'], { label: string; color: string }> = {
  privilegedWithoutMfa: { label: 'No MFA on privileged', color: 'red' },
  leaverStillActive: { label: 'Leaver still active', color: 'red' },
  unrequested: { label: 'Unrequested', color: 'orange' },
};

function AccountFlags({ account }: { account: AccountView }) {
  const flags = (Object.keys(FLAG_LABELS) as (keyof AccountView['flags'])[]).filter(
    (flag) => account.flags[flag],
  );
  if (flags.length === 0) return <Text size="sm">—</Text>;
  return (
    <Group gap={4}>
      {flags.map((flag) => (
        <Badge key={flag} color={FLAG_LABELS[flag].color} variant="light">
          {FLAG_LABELS[flag].label}
        </Badge>
      ))}
    </Group>
  );
}

function AccountsTable({ asset }: { asset: string }) {
  const accounts = useAccounts(asset);
  return (
    <QueryView query={accounts}>
      {(items) =>
        items.length === 0 ? (
          <EmptyMessage title="No accounts imported for this system">
            Import a snapshot: plumbline accounts ingest --asset {asset} --format … FILE
          </EmptyMessage>
        ) : (
          <>
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Account</Table.Th>
                    <Table.Th>Holder</Table.Th>
                    <Table.Th>Roles</Table.Th>
                    <Table.Th>Privileged</Table.Th>
                    <Table.Th>MFA</Table.Th>
                    <Table.Th>State</Table.Th>
                    <Table.Th>Last login</Table.Th>
                    <Table.Th>Flags</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((account) => (
                    <Table.Tr key={account.id}>
                      <Table.Td>
                        <Text fw={500} size="sm">
                          {account.username}
                        </Text>
                      </Table.Td>
                      <Table.Td>{account.personEmail ?? '—'}</Table.Td>
                      <Table.Td>{account.roles.join(', ') || '—'}</Table.Td>
                      <Table.Td>{account.privileged ? 'Yes' : 'No'}</Table.Td>
                      <Table.Td>
                        {account.mfaEnabled === null
                          ? 'Unknown'
                          : account.mfaEnabled
                            ? 'Yes'
                            : 'No'}
                      </Table.Td>
                      <Table.Td>
                        {account.disabled
                          ? `Disabled since ${formatDateTime(account.disabledSince)}`
                          : 'Enabled'}
                      </Table.Td>
                      <Table.Td>{formatDateTime(account.lastLoginAt)}</Table.Td>
                      <Table.Td>
                        <AccountFlags account={account} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <LoadMore list={accounts} />
          </>
        )
      }
    </QueryView>
  );
}

/** One system's accounts, as its latest snapshot shows them, with what needs attention. */
export function AccountsPage() {
  const { key } = useParams<{ key: string }>();
  const navigate = useNavigate();
  const assets = useAssets();
  return (
    <>
      <PageHeader
        title="Accounts"
        description="Accounts per system, from the snapshots imported from each system's own listing (CSV or the AWS IAM credential report)."
      />
      <Select
        mb="md"
        maw={400}
        label="System"
        placeholder="Choose a system"
        searchable
        value={key ?? null}
        data={(assets.data ?? []).map((asset) => ({
          value: asset.key,
          label: `${asset.name} (${asset.key})`,
        }))}
        onChange={(value) => {
          if (value) void navigate(`/accounts/${encodeURIComponent(value)}`);
        }}
      />
      {key ? <AccountsTable asset={key} /> : null}
    </>
  );
}
