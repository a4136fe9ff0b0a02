import { z } from 'zod';

/** An evidence file as every record type shows it; downloaded at /api/v1/evidence/{id}/download. */
export const attachmentViewSchema = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
export type AttachmentView = z.infer<typeof attachmentViewSchema>;
