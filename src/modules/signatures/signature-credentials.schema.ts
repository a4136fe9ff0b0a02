import { z } from 'zod';

/** The re-authentication fields of every signing request body: a password or a TOTP code. */
export const signatureCredentialFields = {
  password: z.string().min(1).max(1000).optional(),
  totpCode: z.string().min(1).max(20).optional(),
};

/** A signature needs one way to re-authenticate: the password or a TOTP code. */
export const hasOneCredential = (body: {
  password?: string | undefined;
  totpCode?: string | undefined;
}) => body.password !== undefined || body.totpCode !== undefined;

/** The refusal of a signing body with neither, on the `password` field. */
export const missingCredentialIssue = {
  message: 'give your password or a two-factor code to sign',
  path: ['password'],
};
