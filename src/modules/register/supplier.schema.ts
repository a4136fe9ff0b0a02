import { z } from 'zod';
import {
  isSupportedInstant,
  UNSUPPORTED_INSTANT_MESSAGE,
} from '../../platform/time/supported-instants.js';
import { registerKeySchema } from './asset.schema.js';
import { patchSchemaOf } from './patch-schema.js';

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

export const certificationSchema = z.object({
  name: text(200).min(1, 'is required').describe('e.g. ISO 27001, SOC 2 Type II'),
  expiresOn: z.iso
    .date('must be a date as YYYY-MM-DD')
    .refine(isSupportedInstant, UNSUPPORTED_INSTANT_MESSAGE)
    .nullable()
    .default(null),
});

const supplierFieldsSchema = z.object({
  name: text(200).min(1, 'is required'),
  services: text(2000).default(''),
  contractReference: text(500).default(''),
  escalationContact: text(500).default(''),
  certifications: z.array(certificationSchema).max(50).default([]),
  notes: text(4000).default(''),
});

export const supplierInputSchema = supplierFieldsSchema.extend({ key: registerKeySchema });
export type SupplierInput = z.infer<typeof supplierInputSchema>;
export const supplierPatchSchema = patchSchemaOf(supplierFieldsSchema).refine(
  (patch) => Object.keys(patch).length > 0,
  'name at least one field to change',
);
export type SupplierPatch = z.infer<typeof supplierPatchSchema>;

export const supplierViewSchema = supplierFieldsSchema.extend({
  id: z.uuid(),
  key: z.string(),
  assetCount: z.number(),
  certifications: z.array(
    certificationSchema.extend({
      expired: z.boolean().describe('Expired on the day of the request'),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SupplierView = z.infer<typeof supplierViewSchema>;
