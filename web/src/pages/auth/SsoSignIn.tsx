import { Alert, Button, Divider } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useSsoStatus } from '../../api/identity.js';
import { safeNextPath } from './safe-next.js';

/** Why the server refused a single sign-on (`sso_error`), in words for the person signing in. */
const REFUSALS: Record<string, string> = {
  expired: 'The sign-in took too long or was started in another browser. Please sign in again.',
  invalid_response:
    'The answer from your identity provider could not be verified, so you were not signed in. Please try again.',
  no_role:
    'Your account at the identity provider is in no group that has access to Plumbline. Ask an administrator to add you to one.',
  not_provisioned:
    'You have no Plumbline account yet, and accounts are not created at first sign-in here. Ask an administrator.',
  no_email:
    'Your identity provider did not share a verified e-mail address, which Plumbline needs.',
  email_taken:
    'A local Plumbline account already uses your e-mail address. Ask an administrator to resolve it.',
  account_disabled: 'Your Plumbline account is disabled.',
  provider_unavailable: 'Your identity provider could not be reached. Please try again later.',
};

/**
 * The "Sign in with <provider>" button when single sign-on is on, and the reason when the server
 * sent the person back here after refusing a sign-in.
 */
export function SsoSignIn() {
  const status = useSsoStatus();
  const [searchParams] = useSearchParams();
  const refusal = searchParams.get('sso_error');
  const next = safeNextPath(searchParams.get('next'));
  const sso = status.data;
  return (
    <>
      {refusal ? (
        <Alert color="red" title="Single sign-on refused" data-testid="sso-error">
          {REFUSALS[refusal] ?? 'Single sign-on failed. Please try again.'}
        </Alert>
      ) : null}
      {sso?.enabled && sso.startUrl ? (
        <>
          <Button
            component="a"
            href={`${sso.startUrl}?next=${encodeURIComponent(next)}`}
            variant="default"
            fullWidth
          >
            Sign in with {sso.providerName}
          </Button>
          <Divider label="or with a local account" labelPosition="center" />
        </>
      ) : null}
    </>
  );
}
