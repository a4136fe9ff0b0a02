import { PassThrough, Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { drainQuietly } from '../streams/drain-quietly.js';

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

const malformedUpload = (problem: string) =>
  new AppError(
    'validation_failed',
    `The multipart upload is malformed or incomplete (${problem}); nothing was stored`,
    { issues: [{ path: 'body', message: 'is not a complete multipart/form-data body' }] },
  );

/**
 * The multipart parser's own errors carry a status (415, 413, 406…); the form parser underneath
 * throws plain errors for a body that breaks off or has no valid part header. Those are the
 * client's, not ours.
 */
function isMalformedMultipart(error: unknown): error is Error {
  return (
    error instanceof Error &&
    !(error instanceof AppError) &&
    (error as { statusCode?: unknown }).statusCode === undefined &&
    (error as { code?: unknown }).code === undefined
  );
}

/**
 * The file's content as the attach use cases read it: the same bytes, except that a form-parser
 * error while reading it fails with a 400 (the errors of the multipart parser's own limits, such
 * as the file size, pass unchanged).
 */
function withClientErrors(file: MultipartFile['file']): Readable {
  const content = new PassThrough();
  const fail = (error: unknown) => {
    content.destroy(
      isMalformedMultipart(error)
        ? malformedUpload(error.message)
        : error instanceof Error
          ? error
          : malformedUpload('the body ended inside the file'),
    );
  };
  // A body that ends inside the file can be parsed to its end before this runs: the parser has
  // then already destroyed the file stream, and no further event will ever come from it.
  if (file.errored !== null || (file.destroyed && !file.readableEnded)) {
    const cause = file.errored ?? undefined;
    // Fails when first read, so the error reaches whoever reads it rather than nobody.
    return new Readable({
      read() {
        this.destroy(
          isMalformedMultipart(cause)
            ? malformedUpload(cause.message)
            : malformedUpload('the body ended inside the file'),
        );
      },
    });
  }
  file.on('error', fail);
  file.pipe(content);
  return content;
}

/**
 * The uploaded file of an evidence upload route (multipart, one part in the field `file`, with a
 * file name), as the stream, name and type the attach use cases take; a 400 naming `body.file`
 * otherwise, and a 400 for a body that is not well-formed multipart or ends too early.
 */
export async function uploadedEvidenceFile(
  request: FastifyRequest,
): Promise<{ stream: Readable; filename: string; contentType: string }> {
  if (!request.isMultipart()) throw fileRequired('Send the file as multipart/form-data');
  let file: MultipartFile | undefined;
  try {
    file = await request.file();
  } catch (error) {
    if (isMalformedMultipart(error)) throw malformedUpload(error.message);
    throw error;
  }
  if (!file || file.fieldname !== 'file') {
    if (file) drainQuietly(file.file);
    throw fileRequired('Send the file in the multipart field "file"');
  }
  if (file.filename.trim() === '') {
    drainQuietly(file.file);
    throw new AppError('validation_failed', 'The file part has no file name', {
      issues: [{ path: 'body.file', message: 'needs a file name (filename="…")' }],
    });
  }
  return {
    stream: withClientErrors(file.file),
    filename: file.filename,
    contentType: file.mimetype,
  };
}
