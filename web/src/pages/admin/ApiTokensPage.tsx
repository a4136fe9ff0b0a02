import { Badge, Button, Code, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useApiTokens, useRevokeApiToken } from '../../api/admin.js';
import type { ApiTokenView } from '../../api/types.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { TOKEN_ROLE_LABELS } from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { CreateTokenDialog } from './CreateTokenDialog.js';

function tokenStatus(token: ApiTokenView): { label: string; color: string } {
  if (token.revokedAt) return { label: 'Revoked', color: 'gray' };
  if (token.expiresAt && new Date(token.expiresAt) <= new Date()) {
    return { label: 'Expired', color: 'orange' };
  }
  return { label: 'Active', color: 'teal' };
}

export function ApiTokensPage() {
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [createOpen, createDialog] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Machine access for the CLI, CI jobs and integrations. Each token acts with one role."
        actions={<Button onClick={createDialog.open}>Create token</Button>}
      />
      <QueryView query={tokens}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No API tokens">
              Create one for the CLI or an integration.
            </EmptyMessage>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table striped verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Role</Table.Th>
                    <Table.Th>Prefix</Table.Th>
                    <Table.Th>Created</Table.Th>
                    <Table.Th>Expires</Table.Th>
                    <Table.Th>Last used</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((token) => {
                    const status = tokenStatus(token);
                    return (
                      <Table.Tr key={token.id}>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {token.name}
                          </Text>
                        </Table.Td>
                        <Table.Td>{TOKEN_ROLE_LABELS[token.role]}</Table.Td>
                        <Table.Td>
                          <Code>{token.prefix}…</Code>
                        </Table.Td>
                        <Table.Td>{formatDate(token.createdAt)}</Table.Td>
                        <Table.Td>
                          {token.expiresAt ? formatDate(token.expiresAt) : 'Never'}
                        </Table.Td>
                        <Table.Td>
                          {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}
                        </Table.Td>
                        <Table.Td>
                          <Badge color={status.color} variant="light">
                            {status.label}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          {token.revokedAt ? null : (
                            <ConfirmButton
                              size="compact-sm"
                              variant="subtle"
                              color="red"
                              title="Revoke token"
                              message={`Anything using “${token.name}” will stop working immediately.`}
                              confirmLabel="Revoke"
                              loading={revoke.isPending}
                              onConfirm={() =>
                                revoke.mutate(token.id, {
                                  onSuccess: () =>
                                    notifications.show({ message: `${token.name} revoked` }),
                                  onError: (error) =>
                                    notifications.show({
                                      color: 'red',
                                      title: 'Not revoked',
                                      message: error.message,
                                    }),
                                })
                              }
                            >
                              Revoke
                            </ConfirmButton>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryView>
      <CreateTokenDialog opened={createOpen} onClose={createDialog.close} />
    </>
  );
}
