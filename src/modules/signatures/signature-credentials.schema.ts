import { z } from 'zod';
import type { SignerCredentials } from '../identity/reauthenticate-signer.js';

/** A single sign-on user's signing proof, from a fresh sign-in at the provider (docs/sso.md). */
export const signingProofField = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe(
    'Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code)',
  );

/**
 * The re-authentication fields of every signing request body: a password or a TOTP code (local
 * accounts), or a signing proof (single sign-on accounts).
 */
export const signatureCredentialFields = {
  password: z.string().min(1).max(1000).optional(),
  totpCode: z.string().min(1).max(20).optional(),
  signingProof: signingProofField,
};

/** A signature needs one way to re-authenticate: the password, a TOTP code or a signing proof. */
export const hasOneCredential = (body: SignerCredentials) =>
  body.password !== undefined || body.totpCode !== undefined || body.signingProof !== undefined;

/** The refusal of a signing body with none, on the `password` field. */
export const missingCredentialIssue = {
  message: 'give your password or a two-factor code to sign',
  path: ['password'],
};

/** The re-authentication a signing request body carries, as the signing use cases take it. */
export function signerCredentialsOf(body: SignerCredentials): SignerCredentials {
  return { password: body.password, totpCode: body.totpCode, signingProof: body.signingProof };
}
