import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCompleteSetup, useLogin, useSetupStatus } from '../../api/identity.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import { Loading } from '../../components/Loading.js';
import { AuthFrame } from './AuthFrame.js';
import { NewPasswordFields } from './NewPasswordFields.js';

const FIELDS = ['email', 'name', 'password'] as const;

/**
 * First run: the one-time link from the server log creates the first administrator, who is then
 * signed in with the password just chosen and continues straight into two-factor enrolment (the
 * sign-in page shows that step for a session that must enrol).
 */
export function SetupPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const status = useSetupStatus();
  const complete = useCompleteSetup();
  const login = useLogin();
  const navigate = useNavigate();
  const { values, setField } = useFormValues({ email: '', name: '', password: '' });
  const [repeat, setRepeat] = useState('');
  const errors = fieldErrors(complete.error);
  const mismatch = repeat !== '' && repeat !== values.password;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mismatch) return;
    complete.mutate(
      { token, ...values },
      {
        onSuccess: () => {
          login.mutate(
            { email: values.email, password: values.password },
            {
              onSuccess: () => void navigate('/login', { replace: true }),
              onError: () => {
                notifications.show({
                  color: 'teal',
                  title: 'Administrator created',
                  message: 'Sign in to continue.',
                });
                void navigate('/login', { replace: true });
              },
            },
          );
        },
      },
    );
  }

  if (status.isPending) return <Loading />;
  if (status.isError) return <ErrorAlert error={status.error} m="xl" />;
  if (!status.data.needed) {
    return (
      <AuthFrame title="Already set up">
        <Alert color="blue">
          Plumbline already has users.{' '}
          <Anchor component={Link} to="/login">
            Sign in
          </Anchor>
        </Alert>
      </AuthFrame>
    );
  }

  return (
    <AuthFrame
      title="Set up Plumbline"
      description="Create the first administrator. This link works once."
    >
      {!token ? (
        <Alert color="red">
          This page needs the setup link from the server log (it ends in ?token=…).
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={complete.error} fields={FIELDS} />
          <TextInput
            label="Your name"
            required
            value={values.name}
            onChange={(event) => setField('name', event.currentTarget.value)}
            error={errors.name}
          />
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="username"
            required
            value={values.email}
            onChange={(event) => setField('email', event.currentTarget.value)}
            error={errors.email}
          />
          <NewPasswordFields
            password={values.password}
            repeat={repeat}
            onPassword={(value) => setField('password', value)}
            onRepeat={setRepeat}
            error={errors.password}
          />
          <Button
            type="submit"
            loading={complete.isPending || login.isPending}
            disabled={!token}
            fullWidth
          >
            Create administrator
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
