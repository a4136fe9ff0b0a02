import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  TextInput,
} from '@mantine/core';
import type { FormEvent } from 'react';
import { useCreateApiToken } from '../../api/admin.js';
import type { TokenRole } from '../../api/types.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import { TOKEN_ROLE_LABELS, optionsOf } from '../../components/labels.js';

const FIELDS = ['name', 'role', 'expiresAt'] as const;
const EMPTY = { name: '', role: 'viewer' as TokenRole, expiresOn: '' };

/** Creates a token for scripts and the CLI; its secret is shown in this dialog only. */
export function CreateTokenDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateApiToken();
  const { values, setField, setValues } = useFormValues(EMPTY);
  const errors = fieldErrors(create.error);

  function close() {
    create.reset();
    setValues(EMPTY);
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({
      name: values.name,
      role: values.role,
      // The end of the chosen day, in the reader's time zone.
      ...(values.expiresOn
        ? { expiresAt: new Date(`${values.expiresOn}T23:59:59`).toISOString() }
        : {}),
    });
  }

  return (
    <Modal opened={opened} onClose={close} title="Create an API token">
      {create.data ? (
        <Stack gap="md">
          <Alert color="yellow" title="Copy the token now">
            This is the only time it is shown. Store it in your secret manager.
          </Alert>
          <Code block data-testid="new-token" style={{ wordBreak: 'break-all' }}>
            {create.data.token}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={create.data.token}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <FormError error={create.error} fields={FIELDS} />
            <TextInput
              label="Name"
              description="What uses it, e.g. ci-inventory-sync"
              required
              value={values.name}
              onChange={(event) => setField('name', event.currentTarget.value)}
              error={errors.name}
            />
            <Select
              label="Role"
              description="The token can do what this role can."
              required
              allowDeselect={false}
              data={optionsOf(TOKEN_ROLE_LABELS)}
              value={values.role}
              onChange={(role) => role && setField('role', role)}
              error={errors.role}
            />
            <TextInput
              label="Expires on (optional)"
              type="date"
              value={values.expiresOn}
              onChange={(event) => setField('expiresOn', event.currentTarget.value)}
              error={errors.expiresAt}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create token
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
