import { Alert, Anchor, Button, Center, Code, Image, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useConfirmMfaEnrolment, useLogout, useStartMfaEnrolment } from '../../api/identity.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FormError, fieldErrors } from '../../components/form.js';
import { AuthFrame } from './AuthFrame.js';

/**
 * Enrolment for roles that must use a second factor: scan the QR code (or type the secret), then
 * prove it works with a first code. Success hands the one-time recovery codes to the caller.
 */
export function MfaEnrolStep({ onEnrolled }: { onEnrolled: (recoveryCodes: string[]) => void }) {
  const start = useStartMfaEnrolment();
  const confirm = useConfirmMfaEnrolment();
  const logout = useLogout();
  const [code, setCode] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    confirm.mutate(code.trim(), { onSuccess: (result) => onEnrolled(result.recoveryCodes) });
  }

  const enrolment = start.data;
  return (
    <AuthFrame
      title="Set up two-factor authentication"
      description="Your role requires a second factor. You need an authenticator app such as FreeOTP, Aegis or 1Password."
    >
      {!enrolment ? (
        <Stack gap="md">
          {start.error ? <ErrorAlert error={start.error} /> : null}
          <Button onClick={() => start.mutate()} loading={start.isPending} fullWidth>
            Begin setup
          </Button>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm">1. Scan this QR code with your authenticator app.</Text>
            <Center>
              <Image
                src={enrolment.qrCodeDataUrl}
                alt="QR code to add Plumbline to your authenticator app"
                w={200}
                h={200}
              />
            </Center>
            <Text size="sm">Or enter this secret by hand:</Text>
            <Code block data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
              {enrolment.secret}
            </Code>
            <Text size="sm">2. Enter the 6-digit code the app shows.</Text>
            <FormError error={confirm.error} fields={['code']} />
            <TextInput
              label="Authentication code"
              autoComplete="one-time-code"
              inputMode="numeric"
              required
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              error={fieldErrors(confirm.error).code}
            />
            <Button type="submit" loading={confirm.isPending} fullWidth>
              Confirm and enable
            </Button>
          </Stack>
        </form>
      )}
      {start.isError || confirm.isError ? (
        <Alert color="gray" variant="light">
          Codes depend on the time: check that your device clock is correct.
        </Alert>
      ) : null}
      <Text size="sm" c="dimmed" ta="center">
        <Anchor component="button" type="button" size="sm" onClick={() => logout.mutate()}>
          Cancel and sign out
        </Anchor>
      </Text>
    </AuthFrame>
  );
}
