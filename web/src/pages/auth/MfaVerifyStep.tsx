import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useLogout, useVerifyMfa } from '../../api/identity.js';
import { FormError, fieldErrors } from '../../components/form.js';
import { AuthFrame } from './AuthFrame.js';

/** Second step for people with a second factor: a TOTP code or one of their recovery codes. */
export function MfaVerifyStep() {
  const verify = useVerifyMfa();
  const logout = useLogout();
  const [code, setCode] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    verify.mutate(code.trim());
  }

  return (
    <AuthFrame
      title="Two-factor authentication"
      description="Enter the 6-digit code from your authenticator app, or one of your recovery codes."
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={verify.error} fields={['code']} />
          <TextInput
            label="Authentication code"
            autoComplete="one-time-code"
            inputMode="numeric"
            autoFocus
            required
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={fieldErrors(verify.error).code}
          />
          <Button type="submit" loading={verify.isPending} fullWidth>
            Verify
          </Button>
          <Text size="sm" c="dimmed" ta="center">
            Not you?{' '}
            <Anchor component="button" type="button" size="sm" onClick={() => logout.mutate()}>
              Sign in with another account
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthFrame>
  );
}
