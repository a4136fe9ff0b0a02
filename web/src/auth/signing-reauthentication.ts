/**
 * The e-signature of a single sign-on user (docs/sso.md): the signing dialog opens the provider's
 * fresh sign-in in a popup, and the popup lands on SIGNED_IN_AGAIN_PATH with the signing proof (or
 * the refusal) in its fragment. The dialog cannot read that from the popup: the site sends
 * `Cross-Origin-Opener-Policy: same-origin`, which cuts the tie between a window and a popup once
 * the popup has been to another origin (the provider). So the landing page hands the answer over
 * a BroadcastChannel (same origin only), tagged with the attempt's id, and the dialog that made
 * the attempt signs with it.
 */
export const SIGNED_IN_AGAIN_PATH = '/signed-in-again';

const CHANNEL = 'plumbline-signing-reauthentication';

export interface SigningAnswer {
  /** The attempt's id, given by the dialog in the landing page's query (`?attempt=…`). */
  attempt: string;
  signingProof: string | null;
  signingError: string | null;
}

/** A fresh id for one attempt (crypto.getRandomValues: also where randomUUID is not offered). */
export function newSigningAttempt(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Where the dialog sends the popup: the provider's fresh sign-in, back to the landing page. */
export function reauthenticationUrl(attempt: string): string {
  const next = `${SIGNED_IN_AGAIN_PATH}?attempt=${attempt}`;
  return `/api/v1/auth/sso/reauthenticate?next=${encodeURIComponent(next)}`;
}

/** The answer in the landing page's address, or null when it carries none. */
export function signingAnswerAt(location: { search: string; hash: string }): SigningAnswer | null {
  const attempt = new URLSearchParams(location.search).get('attempt');
  const fragment = new URLSearchParams(location.hash.slice(1));
  const signingProof = fragment.get('signingProof');
  const signingError = fragment.get('signingError');
  if (!attempt || (signingProof === null && signingError === null)) return null;
  return { attempt, signingProof, signingError };
}

/** Sends the answer to the dialog waiting for it (in the window that opened the popup). */
export function announceSigningAnswer(answer: SigningAnswer): void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(answer);
  channel.close();
}

/** Listens for answers; returns the function that stops listening. */
export function listenForSigningAnswers(onAnswer: (answer: SigningAnswer) => void): () => void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const data = event.data as Partial<SigningAnswer> | null;
    if (typeof data?.attempt !== 'string') return;
    onAnswer({
      attempt: data.attempt,
      signingProof: typeof data.signingProof === 'string' ? data.signingProof : null,
      signingError: typeof data.signingError === 'string' ? data.signingError : null,
    });
  };
  return () => channel.close();
}
