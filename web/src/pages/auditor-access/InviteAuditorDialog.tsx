import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useInviteAuditor } from '../../api/auditor-access.js';
import { useFrameworks } from '../../api/catalog.js';
import { useMailStatus } from '../../api/notifications.js';
import type { InvitationIssuedView } from '../../api/types.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import { InvitationResult } from './InvitationResult.js';

const FIELDS = ['email', 'name', 'framework', 'periodFrom', 'periodTo', 'expiresAt'] as const;
const EMPTY = { email: '', name: '', framework: '', periodFrom: '', periodTo: '', expiresAt: '' };

/** `<input type="date">` gives a calendar day; access ends at the end of that day, UTC. */
const endOfDay = (date: string) => (date ? `${date}T23:59:59Z` : '');

export function InviteAuditorDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const invite = useInviteAuditor();
  const frameworks = useFrameworks();
  const { values, setField, setValues } = useFormValues(EMPTY);
  const errors = fieldErrors(invite.error);
  const [issued, setIssued] = useState<InvitationIssuedView | null>(null);
  const smtpConfigured = useMailStatus().data?.smtpConfigured;

  function close() {
    invite.reset();
    setValues(EMPTY);
    setIssued(null);
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    invite.mutate(
      { ...values, expiresAt: endOfDay(values.expiresAt) },
      {
        // The dialog stays open on the result: the link to copy, and whether an e-mail is sent.
        onSuccess: setIssued,
      },
    );
  }

  const field = (name: (typeof FIELDS)[number]) => ({
    value: values[name],
    onChange: (event: { currentTarget: { value: string } }) =>
      setField(name, event.currentTarget.value),
    error: errors[name],
    required: true,
  });

  return (
    <Modal opened={opened} onClose={close} title="Invite an auditor" size="lg">
      {issued ? (
        <Stack gap="md">
          <InvitationResult issued={issued} />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              The auditor receives a one-time link to set a password, must set up two-factor
              authentication, and sees only this framework and period, read-only, until access ends.
              Everything they view or download is recorded in the audit log.
            </Text>
            {smtpConfigured === false ? (
              <Alert color="orange" title="SMTP is not configured">
                No e-mail will be sent. After inviting, copy the link shown and give it to the
                auditor yourself.
              </Alert>
            ) : null}
            <FormError error={invite.error} fields={FIELDS} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Name" {...field('name')} />
              <TextInput label="E-mail" type="email" {...field('email')} />
            </SimpleGrid>
            <Select
              label="Framework"
              required
              allowDeselect={false}
              data={(frameworks.data ?? []).map((f) => ({ value: f.key, label: f.title }))}
              value={values.framework || null}
              onChange={(framework) => framework && setField('framework', framework)}
              error={errors.framework}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Period from" type="date" {...field('periodFrom')} />
              <TextInput label="Period to" type="date" {...field('periodTo')} />
            </SimpleGrid>
            <TextInput
              label="Access ends on"
              description="At most 180 days from now"
              type="date"
              {...field('expiresAt')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={invite.isPending}>
                Invite
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
