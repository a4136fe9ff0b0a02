import { Badge, Button, Group, Select, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useResetUserMfa, useUpdateUser, useUsers } from '../../api/admin.js';
import type { UserView } from '../../api/types.js';
import { useCurrentUser } from '../../auth/permissions.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { formatDate } from '../../components/format.js';
import { USER_ROLE_LABELS, optionsOf } from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { LoadMore } from '../../components/LoadMore.js';
import { QueryView } from '../../components/QueryView.js';
import { CreateUserDialog } from './CreateUserDialog.js';

const ROLE_OPTIONS = optionsOf(USER_ROLE_LABELS);

export function UsersPage() {
  const users = useUsers();
  const [createOpen, createDialog] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title="Users"
        description="People who can sign in, and their roles. Admins and security users must use two-factor authentication."
        actions={<Button onClick={createDialog.open}>Add user</Button>}
      />
      <QueryView query={users}>
        {(items) => (
          <Table.ScrollContainer minWidth={800}>
            <Table striped verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Person</Table.Th>
                  <Table.Th w={220}>Role</Table.Th>
                  <Table.Th>Two-factor</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Added</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((user) => (
                  <UserRow key={user.id} user={user} />
                ))}
              </Table.Tbody>
            </Table>
            <LoadMore list={users} />
          </Table.ScrollContainer>
        )}
      </QueryView>
      <CreateUserDialog opened={createOpen} onClose={createDialog.close} />
    </>
  );
}

function UserRow({ user }: { user: UserView }) {
  const me = useCurrentUser();
  const update = useUpdateUser();
  const resetMfa = useResetUserMfa();
  const isMe = user.id === me.id;
  const failed = (title: string) => (error: Error) =>
    notifications.show({ color: 'red', title, message: error.message });
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {user.name}
          {isMe ? ' (you)' : ''}
        </Text>
        <Text size="xs" c="dimmed">
          {user.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={`Role of ${user.email}`}
          size="xs"
          allowDeselect={false}
          disabled={isMe || update.isPending}
          data={ROLE_OPTIONS}
          value={user.role}
          onChange={(role) =>
            role &&
            update.mutate(
              { id: user.id, patch: { role } },
              {
                onSuccess: () =>
                  notifications.show({ message: `${user.email} is now ${USER_ROLE_LABELS[role]}` }),
                onError: failed('Role not changed'),
              },
            )
          }
        />
      </Table.Td>
      <Table.Td>
        <Badge color={user.mfaEnabled ? 'teal' : 'gray'} variant="light">
          {user.mfaEnabled ? 'Enabled' : 'Not set up'}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Badge color={user.disabled ? 'red' : 'teal'} variant="light">
          {user.disabled ? 'Disabled' : 'Active'}
        </Badge>
      </Table.Td>
      <Table.Td>{formatDate(user.createdAt)}</Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          {user.mfaEnabled ? (
            <ConfirmButton
              size="compact-sm"
              variant="subtle"
              title="Reset two-factor authentication"
              message={`${user.email} will have to set up two-factor authentication again at the next sign-in.`}
              confirmLabel="Reset"
              loading={resetMfa.isPending}
              onConfirm={() =>
                resetMfa.mutate(user.id, {
                  onSuccess: () =>
                    notifications.show({ message: `Two-factor reset for ${user.email}` }),
                  onError: failed('Two-factor not reset'),
                })
              }
            >
              Reset MFA
            </ConfirmButton>
          ) : null}
          {isMe ? null : user.disabled ? (
            <Button
              size="compact-sm"
              variant="subtle"
              loading={update.isPending}
              onClick={() =>
                update.mutate(
                  { id: user.id, patch: { disabled: false } },
                  { onError: failed('Not enabled') },
                )
              }
            >
              Enable
            </Button>
          ) : (
            <ConfirmButton
              size="compact-sm"
              variant="subtle"
              color="red"
              title="Disable user"
              message={`${user.email} will be signed out and unable to sign in until re-enabled.`}
              confirmLabel="Disable"
              loading={update.isPending}
              onConfirm={() =>
                update.mutate(
                  { id: user.id, patch: { disabled: true } },
                  { onError: failed('Not disabled') },
                )
              }
            >
              Disable
            </ConfirmButton>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
