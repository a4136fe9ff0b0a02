import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { useLogin } from '../../api/identity.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import { AuthFrame } from './AuthFrame.js';
import { SsoSignIn } from './SsoSignIn.js';

/** First step: single sign-on when it is on, or e-mail and password. */
export function PasswordStep({ setupNeeded }: { setupNeeded: boolean }) {
  const login = useLogin();
  const { values, setField } = useFormValues({ email: '', password: '' });
  const errors = fieldErrors(login.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate(values);
  }

  return (
    <AuthFrame title="Sign in" description="Infrastructure register and audit evidence.">
      {setupNeeded ? (
        <Alert color="blue" title="Plumbline is not set up yet">
          Open the one-time setup link printed in the server log to create the first administrator.
        </Alert>
      ) : null}
      <SsoSignIn />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={login.error} fields={['email', 'password']} />
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="username"
            required
            value={values.email}
            onChange={(event) => setField('email', event.currentTarget.value)}
            error={errors.email}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={values.password}
            onChange={(event) => setField('password', event.currentTarget.value)}
            error={errors.password}
          />
          <Button type="submit" loading={login.isPending} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
