import type { Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/** What a download of an evidence file (work order, restore test, DR exercise) tells the client. */
export interface DownloadableEvidence {
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Sends a decrypted evidence file as an attachment: an ASCII fallback name and the exact UTF-8
 * name (RFC 6266 / 5987), its size, and its SHA-256 so the client can check what it received.
 */
export function sendEvidenceFile(
  reply: FastifyReply,
  evidence: DownloadableEvidence,
  content: Readable,
): FastifyReply {
  const asciiName = evidence.filename.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return reply
    .type(evidence.contentType)
    .header(
      'content-disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(evidence.filename)}`,
    )
    .header('content-length', evidence.sizeBytes)
    .header('x-evidence-sha256', evidence.sha256)
    .send(content);
}

const fileRequired = (message: string) =>
  new AppError('validation_failed', message, {
    issues: [{ path: 'body.file', message: 'is required' }],
  });

/**
 * The uploaded file of an evidence upload route (multipart, one part in the field `file`), as the
 * stream, name and type the attach use cases take; a 400 naming `body.file` otherwise.
 */
export async function uploadedEvidenceFile(
  request: FastifyRequest,
): Promise<{ stream: MultipartFile['file']; filename: string; contentType: string }> {
  if (!request.isMultipart()) throw fileRequired('Send the file as multipart/form-data');
  const file = await request.file();
  if (!file || file.fieldname !== 'file') {
    throw fileRequired('Send the file in the multipart field "file"');
  }
  return { stream: file.file, filename: file.filename, contentType: file.mimetype };
}
