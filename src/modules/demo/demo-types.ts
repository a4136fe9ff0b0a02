import type { z } from 'zod';
import type { UserRole } from '../../platform/auth/roles.js';
import type { assetInputSchema } from '../register/asset.schema.js';
import type { matrixRowInputSchema, processInputSchema } from '../register/process.schema.js';
import type { supplierInputSchema } from '../register/supplier.schema.js';

/*
 * Shapes of the demo data set. Records are typed as the use cases' request bodies (before
 * defaults), so the loader feeds them through the same schemas the API uses and a typo fails the
 * demo test rather than a demo.
 */

export type DemoSupplier = z.input<typeof supplierInputSchema>;
export type DemoAsset = z.input<typeof assetInputSchema>;
export type DemoProcess = z.input<typeof processInputSchema>;
export type DemoMatrixRow = z.input<typeof matrixRowInputSchema>;
export interface DemoUser {
  email: string;
  name: string;
  role: UserRole;
}

export interface DemoOrganisation {
  name: string;
  suppliers: DemoSupplier[];
  assets: DemoAsset[];
  processes: DemoProcess[];
  matrix: DemoMatrixRow[];
  users: DemoUser[];
}

/** Review and expiry dates are relative to the day of loading, so the demo never ages. */
export interface DemoDates {
  today: string;
  monthsFromToday: (months: number) => string;
}

/** Demo accounts and asset owners share one made-up domain. */
export const demoEmail = (role: UserRole): string => `${role}@demo.plumbline.test`;
