import { z } from 'zod';
import { userRoleSchema } from '../../platform/auth/roles.js';

export const emailSchema = z
  .email('must be an e-mail address')
  .max(254)
  .transform((value) => value.toLowerCase())
  .describe('E-mail address, used to sign in');

export const passwordSchema = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(256, 'must be at most 256 characters')
  .describe('Password (12 characters or more)');

export const userViewSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: userRoleSchema,
  mfaEnabled: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string().describe('ISO time'),
});
export type UserView = z.infer<typeof userViewSchema>;

export const createUserBodySchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'is required').max(200),
  role: userRoleSchema,
  password: passwordSchema,
});
export type CreateUserInput = z.infer<typeof createUserBodySchema>;

export const updateUserBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: userRoleSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'name at least one field to change');
export type UpdateUserInput = z.infer<typeof updateUserBodySchema>;
