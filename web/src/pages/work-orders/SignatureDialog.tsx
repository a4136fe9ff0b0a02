import {
  Alert,
  Button,
  Group,
  Modal,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SignatureCredentials } from '../../api/work-types.js';
import { useCurrentUser } from '../../auth/permissions.js';
import { FormError, fieldErrors } from '../../components/form.js';

type Method = 'password' | 'totp';

/**
 * An electronic signature: states what the signature means, who signs, and asks the signer to
 * prove it is them again (password or authenticator code) at the moment of signing.
 */
export function SignatureDialog({
  title,
  meaning,
  noteLabel,
  noteRequired = false,
  submitLabel,
  submitColor,
  pending,
  error,
  onSign,
  onClose,
}: {
  title: string;
  meaning: string;
  noteLabel: string;
  noteRequired?: boolean;
  submitLabel: string;
  submitColor?: string;
  pending: boolean;
  error: unknown;
  onSign: (credentials: SignatureCredentials, note: string) => void;
  onClose: () => void;
}) {
  const user = useCurrentUser();
  const [method, setMethod] = useState<Method>(user.mfaEnabled ? 'totp' : 'password');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  const errors = fieldErrors(error);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSign(method === 'password' ? { password } : { totpCode: code.trim() }, note.trim());
  }

  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="md">
          <Alert color="blue" title="Meaning of this signature" data-testid="signature-meaning">
            {meaning}
          </Alert>
          <Text size="sm">
            Signing as <b>{user.name}</b> ({user.email}). Confirm it is you to sign.
          </Text>
          <FormError error={error} fields={['password', 'totpCode', 'note', 'reason']} />
          {user.mfaEnabled ? (
            <SegmentedControl
              value={method}
              onChange={(value) => setMethod(value === 'totp' ? 'totp' : 'password')}
              data={[
                { value: 'password', label: 'Use password' },
                { value: 'totp', label: 'Use authenticator code' },
              ]}
            />
          ) : null}
          {method === 'password' ? (
            <PasswordInput
              label="Password"
              required
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={errors.password}
              data-autofocus
            />
          ) : (
            <TextInput
              label="Authentication code"
              required
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              error={errors.totpCode}
              data-autofocus
            />
          )}
          <Textarea
            label={noteLabel}
            required={noteRequired}
            autosize
            minRows={2}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={errors.note ?? errors.reason}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={submitColor} loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
