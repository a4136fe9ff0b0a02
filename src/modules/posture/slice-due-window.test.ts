import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sliceDueWindow } from './report-effectiveness.js';

describe('sliceDueWindow', () => {
  it('cuts the window into consecutive slices that cover it exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 * 365 * 86_400_000 }),
        fc.integer({ min: 1, max: 400 }),
        (length, days) => {
          const dueAfter = new Date('2026-01-01T00:00:00Z');
          const window = {
            dueAfter,
            dueBy: new Date(dueAfter.getTime() + length),
            asOf: new Date('2026-06-01T00:00:00Z'),
          };
          const slices = sliceDueWindow(window, days);
          expect(slices[0]!.dueAfter).toEqual(window.dueAfter);
          expect(slices.at(-1)!.dueBy).toEqual(window.dueBy);
          slices.forEach((slice, index) => {
            expect(slice.asOf).toEqual(window.asOf);
            expect(slice.dueBy.getTime() - slice.dueAfter.getTime()).toBeLessThanOrEqual(
              days * 86_400_000,
            );
            if (index > 0) expect(slice.dueAfter).toEqual(slices[index - 1]!.dueBy);
            if (length > 0) expect(slice.dueBy > slice.dueAfter).toBe(true);
          });
        },
      ),
    );
  });
});
