import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useCreateUser } from '../../api/admin.js';
import type { UserRole } from '../../api/types.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import { USER_ROLE_LABELS, optionsOf } from '../../components/labels.js';

const FIELDS = ['email', 'name', 'role', 'password'] as const;
const EMPTY = { email: '', name: '', role: 'viewer' as UserRole, password: '' };

export function CreateUserDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateUser();
  const { values, setField, setValues } = useFormValues(EMPTY);
  const errors = fieldErrors(create.error);

  function close() {
    create.reset();
    setValues(EMPTY);
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(values, {
      onSuccess: (user) => {
        notifications.show({ color: 'teal', message: `${user.email} can now sign in` });
        close();
      },
    });
  }

  return (
    <Modal opened={opened} onClose={close} title="Add a user">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={create.error} fields={FIELDS} />
          <TextInput
            label="Name"
            required
            value={values.name}
            onChange={(event) => setField('name', event.currentTarget.value)}
            error={errors.name}
          />
          <TextInput
            label="E-mail"
            type="email"
            required
            value={values.email}
            onChange={(event) => setField('email', event.currentTarget.value)}
            error={errors.email}
          />
          <Select
            label="Role"
            required
            allowDeselect={false}
            data={optionsOf(USER_ROLE_LABELS)}
            value={values.role}
            onChange={(role) => role && setField('role', role)}
            error={errors.role}
          />
          <PasswordInput
            label="Initial password"
            description="At least 12 characters; share it securely."
            autoComplete="new-password"
            required
            value={values.password}
            onChange={(event) => setField('password', event.currentTarget.value)}
            error={errors.password}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
