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
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useSession } from '../../api/identity.js';
import type { SignatureCredentials } from '../../api/work-types.js';
import { useCurrentUser } from '../../auth/permissions.js';
import {
  listenForSigningAnswers,
  newSigningAttempt,
  reauthenticationUrl,
} from '../../auth/signing-reauthentication.js';
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
    <SignatureFrame
      {...{ title, meaning, noteLabel, noteRequired, submitLabel, submitColor, pending, onClose }}
      onSubmit={submit}
      note={note}
      onNoteChange={setNote}
      noteError={errors.note ?? errors.reason}
      signerLine={
        <>
          Signing as <b>{user.name}</b> ({user.email}). Confirm it is you to sign.
        </>
      }
    >
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
    </SignatureFrame>
  );
}

/**
 * What every signature dialog shows around the proof of identity: the meaning of the signature,
 * who signs, the note and the buttons. The proof itself (password, code, or the provider's
 * sign-in) is the dialog's own.
 */
function SignatureFrame({
  title,
  meaning,
  signerLine,
  noteLabel,
  noteRequired,
  note,
  onNoteChange,
  noteError,
  submitLabel,
  submitColor,
  pending,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  meaning: string;
  signerLine: ReactNode;
  noteLabel: string;
  noteRequired: boolean;
  note: string;
  onNoteChange: (note: string) => void;
  noteError: ReactNode;
  submitLabel: string;
  submitColor?: string | undefined;
  pending: boolean;
  onSubmit: (event: FormEvent) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={onSubmit} noValidate aria-label={title}>
        <Stack gap="md">
          <Alert color="blue" title="Meaning of this signature" data-testid="signature-meaning">
            {meaning}
          </Alert>
          <Text size="sm">{signerLine}</Text>
          {children}
          <Textarea
            label={noteLabel}
            required={noteRequired}
            autosize
            minRows={2}
            value={note}
            onChange={(event) => onNoteChange(event.currentTarget.value)}
            error={noteError}
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

const SIGNING_ERRORS: Record<string, string> = {
  wrong_subject: 'Someone else signed in at the identity provider.',
  stale_authentication: 'The identity provider did not ask you to sign in again. Try again.',
  other_session: 'You signed in again from another session. Try again from this page.',
};

/**
 * The signature of a single sign-on account: it has no password here, so the person signs in
 * again at the identity provider in a popup, and the proof that yields signs once. The popup's
 * landing page hands the proof back over a channel (auth/signing-reauthentication.ts), tagged
 * with this attempt, so only the dialog that asked signs with it.
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
  const attempt = useRef<string | null>(null);
  // What the answer signs with, read when it arrives (the listener outlives renders).
  const latest = useRef({ note, onSign });
  useEffect(() => {
    latest.current = { note, onSign };
  });

  useEffect(
    () =>
      listenForSigningAnswers((answer) => {
        if (attempt.current === null || answer.attempt !== attempt.current) return;
        attempt.current = null;
        setWaiting(false);
        if (answer.signingProof) {
          latest.current.onSign(answer.signingProof, latest.current.note.trim());
          return;
        }
        const reason = answer.signingError ?? 'unknown';
        setProblem(SIGNING_ERRORS[reason] ?? `The identity provider refused (${reason}).`);
      }),
    [],
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const id = newSigningAttempt();
    const popup = window.open(reauthenticationUrl(id), 'plumbline-sign', 'width=520,height=680');
    if (!popup) {
      setProblem('Allow pop-ups for this site to sign in again at the identity provider.');
      return;
    }
    attempt.current = id;
    setWaiting(true);
  }

  return (
    <SignatureFrame
      {...{ title, meaning, noteLabel, noteRequired, submitLabel, submitColor, pending, onClose }}
      onSubmit={submit}
      note={note}
      onNoteChange={setNote}
      noteError={errors.note ?? errors.reason}
      signerLine={
        <>
          Signing as <b>{signer.name}</b> ({signer.email}). Sign in again at your identity provider
          to confirm it is you.
        </>
      }
    >
      {waiting ? (
        <Text size="sm" data-testid="signature-waiting">
          Sign in at your identity provider in the window that opened; the signature completes here
          once you have.
        </Text>
      ) : null}
      {problem ? <Alert color="red">{problem}</Alert> : null}
      <FormError error={error} fields={['signingProof', 'note', 'reason']} />
    </SignatureFrame>
  );
}
