import { describe, expect, it } from 'vitest';
import { assetPatchSchema } from './asset.schema.js';
import { processPatchSchema } from './process.schema.js';
import { supplierPatchSchema } from './supplier.schema.js';

describe('patch schemas', () => {
  it('keep only the fields a patch names, adding no defaults', () => {
    expect(assetPatchSchema.parse({ name: ' Renamed ' })).toEqual({ name: 'Renamed' });
    expect(supplierPatchSchema.parse({ notes: 'Renewal due' })).toEqual({ notes: 'Renewal due' });
    expect(processPatchSchema.parse({ name: 'Release' })).toEqual({ name: 'Release' });
  });

  it('still validate the fields they are given', () => {
    const result = assetPatchSchema.safeParse({ lastReviewedOn: '01/04/2026' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['lastReviewedOn']]);
  });

  it('refuse a patch that names nothing to change', () => {
    expect(assetPatchSchema.safeParse({ expectedVersion: 3 }).success).toBe(false);
    expect(supplierPatchSchema.safeParse({}).success).toBe(false);
  });
});
