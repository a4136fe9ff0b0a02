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
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSession } from '../../api/identity.js';
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
  const { data: session } = useSession();
  const [method, setMethod] = useState<Method>(user.mfaEnabled ? 'totp' : 'password');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  const errors = fieldErrors(error);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSign(method === 'password' ? { password } : { totpCode: code.trim() }, note.trim());
  }

  if (session?.signsWith === 'identity_provider') {
    return (
      <ProviderSignatureDialog
        {...{ title, meaning, noteLabel, noteRequired, submitLabel, submitColor, pending }}
        {...{ error, onClose }}
        onSign={(signingProof, signedNote) => onSign({ signingProof }, signedNote)}
        signer={user}
      />
    );
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

/** Where the re-authentication popup lands, with #signingProof=… or #signingError=…. */
const REAUTHENTICATED_PATH = '/signed-in-again';

const SIGNING_ERRORS: Record<string, string> = {
  wrong_subject: 'Someone else signed in at the identity provider.',
  stale_authentication: 'The identity provider did not ask you to sign in again. Try again.',
  other_session: 'You signed in again from another session. Try again from this page.',
};

/**
 * The signature of a single sign-on account: it has no password here, so the person signs in
 * again at the identity provider in a popup, and the proof that yields signs once.
 */
function ProviderSignatureDialog({
  title,
  meaning,
  noteLabel,
  noteRequired,
  submitLabel,
  submitColor,
  pending,
  error,
  onSign,
  onClose,
  signer,
}: {
  title: string;
  meaning: string;
  noteLabel: string;
  noteRequired: boolean;
  submitLabel: string;
  submitColor?: string | undefined;
  pending: boolean;
  error: unknown;
  onSign: (signingProof: string, note: string) => void;
  onClose: () => void;
  signer: { name: string; email: string };
}) {
  const [note, setNote] = useState('');
  const [waiting, setWaiting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const errors = fieldErrors(error);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearInterval(timer.current), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const popup = window.open(
      `/api/v1/auth/sso/reauthenticate?next=${encodeURIComponent(REAUTHENTICATED_PATH)}`,
      'plumbline-sign',
      'width=520,height=680',
    );
    if (!popup) {
      setProblem('Allow pop-ups for this site to sign in again at the identity provider.');
      return;
    }
    setWaiting(true);
    window.clearInterval(timer.current);
    timer.current = window.setInterval(() => {
      if (popup.closed) {
        window.clearInterval(timer.current);
        setWaiting(false);
        return;
      }
      let landed: Location;
      try {
        landed = popup.location;
        if (landed.pathname !== REAUTHENTICATED_PATH) return;
      } catch {
        return; // Still at the provider (another origin).
      }
      window.clearInterval(timer.current);
      const fragment = new URLSearchParams(landed.hash.slice(1));
      popup.close();
      setWaiting(false);
      const proof = fragment.get('signingProof');
      if (proof) onSign(proof, note.trim());
      else {
        const reason = fragment.get('signingError') ?? 'unknown';
        setProblem(SIGNING_ERRORS[reason] ?? `The identity provider refused (${reason}).`);
      }
    }, 400);
  }

  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="md">
          <Alert color="blue" title="Meaning of this signature" data-testid="signature-meaning">
            {meaning}
          </Alert>
          <Text size="sm">
            Signing as <b>{signer.name}</b> ({signer.email}). Sign in again at your identity
            provider to confirm it is you.
          </Text>
          {problem ? <Alert color="red">{problem}</Alert> : null}
          <FormError error={error} fields={['signingProof', 'note', 'reason']} />
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
            <Button type="submit" color={submitColor} loading={pending || waiting}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
