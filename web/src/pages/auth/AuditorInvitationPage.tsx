import { Alert, Button, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useAcceptAuditorInvitation } from '../../api/auditor-access.js';
import { FormError, fieldErrors } from '../../components/form.js';
import { AuthFrame } from './AuthFrame.js';
import { NewPasswordFields } from './NewPasswordFields.js';

/** The link of an auditor's invitation e-mail: set a password once, then sign in (with MFA). */
export function AuditorInvitationPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const accept = useAcceptAuditorInvitation();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const errors = fieldErrors(accept.error);
  const mismatch = repeat !== '' && repeat !== password;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mismatch) return;
    accept.mutate(
      { token, password },
      {
        onSuccess: ({ email }) => {
          notifications.show({
            color: 'teal',
            title: 'Password set',
            message: `Sign in as ${email}; you will set up two-factor authentication next.`,
          });
          void navigate('/login', { replace: true });
        },
      },
    );
  }

  return (
    <AuthFrame title="Your audit access" description="Choose a password. This link works once.">
      {!token ? (
        <Alert color="red">This page needs the link from your invitation e-mail.</Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={accept.error} fields={['password']} />
          <NewPasswordFields
            password={password}
            repeat={repeat}
            onPassword={setPassword}
            onRepeat={setRepeat}
            error={errors.password}
          />
          <Button type="submit" loading={accept.isPending} disabled={!token} fullWidth>
            Set password
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
