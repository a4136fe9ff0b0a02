import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import {
  announceSigningAnswer,
  SIGNED_IN_AGAIN_PATH,
  signingAnswerAt,
} from '../../auth/signing-reauthentication.js';
import { AuthFrame } from './AuthFrame.js';

/**
 * Where the popup of a single sign-on e-signature lands after the fresh sign-in at the provider:
 * hands the proof (or the refusal) to the signing dialog that opened it, takes the proof out of the
 * address bar and the history, and closes itself.
 */
export function SignedInAgainPage() {
  const [answer] = useState(() => signingAnswerAt(window.location));
  useEffect(() => {
    if (!answer) return;
    announceSigningAnswer(answer);
    window.history.replaceState(null, '', SIGNED_IN_AGAIN_PATH);
    // A moment for the message to leave before the window goes.
    const closing = window.setTimeout(() => window.close(), 300);
    return () => window.clearTimeout(closing);
  }, [answer]);
  return (
    <AuthFrame title={answer ? 'Signed in again' : 'Nothing to sign'}>
      <Text size="sm">
        {answer
          ? 'Back in the Plumbline window, the signature completes. This window can be closed.'
          : 'This window was not opened to sign a record. It can be closed.'}
      </Text>
    </AuthFrame>
  );
}
