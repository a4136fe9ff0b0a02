import { X509Certificate } from 'node:crypto';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { AppError } from '../../platform/errors.js';

/** What Plumbline keeps of one certificate, read with Node's X509Certificate. */
export interface ParsedCertificate {
  fingerprintSha256: string;
  subject: string;
  subjectAltNames: string[];
  /** The names it is for, sorted and lower-cased (SANs, else the subject's CN). */
  namesKey: string;
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  keyType: string;
  keySize: number | null;
  isCa: boolean;
  pem: string;
}

/** A PEM file larger than this is not a certificate chain or bundle. */
export const MAX_PEM_BYTES = 8 * 1024 * 1024;
const MAX_LINE = 10_000;
const BEGIN = /^-----BEGIN ([A-Z0-9 ]+)-----$/;
const END = /^-----END ([A-Z0-9 ]+)-----$/;
const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;

const EC_CURVE_BITS: Record<string, number> = {
  prime256v1: 256,
  secp384r1: 384,
  secp521r1: 521,
};

function refuse(path: string, message: string): AppError {
  return new AppError('validation_failed', `The PEM input is invalid: ${path}: ${message}`, {
    issues: [{ path, message }],
  });
}

/** "CN=a\nO=b" (Node's form) as one line, most specific first as people read it. */
function distinguishedName(text: string): string {
  return text.split('\n').filter(Boolean).reverse().join(', ');
}

function subjectAltNames(x509: X509Certificate): string[] {
  if (!x509.subjectAltName) return [];
  return x509.subjectAltName
    .split(', ')
    .map((name) => name.replace(/^IP Address:/, 'IP:'))
    .filter(Boolean);
}

/** The sorted names a certificate covers; a renewal for the same names has the same key. */
function namesKeyOf(x509: X509Certificate, sans: string[]): string {
  const names = sans
    .filter((name) => name.startsWith('DNS:') || name.startsWith('IP:'))
    .map((name) => name.toLowerCase());
  if (names.length > 0) return [...new Set(names)].sort().join(',');
  const cn = /^CN=(.*)$/m.exec(x509.subject)?.[1];
  return cn ? `cn:${cn.toLowerCase()}` : `subject:${x509.subject}`;
}

/** Reads one certificate's fields from its DER bytes; throws when they are not a certificate. */
export function describeCertificate(der: Buffer): ParsedCertificate {
  const x509 = new X509Certificate(der);
  const sans = subjectAltNames(x509);
  const key = x509.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const keyType = key.asymmetricKeyType ?? 'unknown';
  const keySize =
    details.modulusLength ??
    (details.namedCurve ? (EC_CURVE_BITS[details.namedCurve] ?? null) : null) ??
    (keyType === 'ed25519' ? 256 : keyType === 'ed448' ? 456 : null);
  return {
    fingerprintSha256: x509.fingerprint256,
    subject: distinguishedName(x509.subject),
    subjectAltNames: sans,
    namesKey: namesKeyOf(x509, sans),
    issuer: distinguishedName(x509.issuer),
    serialNumber: x509.serialNumber.toUpperCase(),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    keyType: details.namedCurve ? `${keyType} ${details.namedCurve}` : keyType,
    keySize,
    isCa: x509.ca,
    pem: x509.toString(),
  };
}

/**
 * Reads a PEM chain or bundle as it arrives, line by line, and returns every certificate in it, or
 * throws a validation error naming the line or block at fault: a private key (never stored), a
 * block of another kind, a truncated block, bad base64, bytes that are no certificate, or a file
 * with no certificate at all. Text between blocks (bundle comments) is ignored.
 */
export async function parsePemCertificates(
  input: Readable | AsyncIterable<Buffer | string>,
  options: { maxBytes?: number } = {},
): Promise<ParsedCertificate[]> {
  const maxBytes = options.maxBytes ?? MAX_PEM_BYTES;
  let size = 0;
  async function* limited(): AsyncGenerator<Buffer | string> {
    for await (const chunk of input as AsyncIterable<Buffer | string>) {
      size += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (size > maxBytes) {
        throw new AppError(
          'payload_too_large',
          `The PEM input is larger than ${maxBytes / 1024 / 1024} MB`,
        );
      }
      yield chunk;
    }
  }
  const lines = readline.createInterface({ input: Readable.from(limited()), crlfDelay: Infinity });
  const certificates: ParsedCertificate[] = [];
  let open: { label: string; line: number; body: string[] } | null = null;
  let blocks = 0;
  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber += 1;
    if (raw.length > MAX_LINE) throw refuse(`line ${lineNumber}`, 'the line is too long for PEM');
    const line = raw.trim();
    const begin = BEGIN.exec(line);
    if (begin) {
      if (open) {
        throw refuse(
          `block ${blocks} (line ${open.line})`,
          `the ${open.label} block is truncated: a BEGIN line follows at line ${lineNumber} before its END line`,
        );
      }
      blocks += 1;
      const label = begin[1]!;
      if (label.includes('PRIVATE KEY')) {
        throw refuse(
          `block ${blocks} (line ${lineNumber})`,
          `is a private key (${label}); Plumbline never stores private keys: import the certificates alone`,
        );
      }
      if (label !== 'CERTIFICATE') {
        throw refuse(`block ${blocks} (line ${lineNumber})`, `is a ${label}, not a CERTIFICATE`);
      }
      open = { label, line: lineNumber, body: [] };
      continue;
    }
    const end = END.exec(line);
    if (end) {
      if (!open || end[1] !== open.label) {
        throw refuse(`line ${lineNumber}`, `END ${end[1]} without its BEGIN line`);
      }
      const der = Buffer.from(open.body.join(''), 'base64');
      try {
        certificates.push(describeCertificate(der));
      } catch {
        throw refuse(
          `block ${blocks} (line ${open.line})`,
          'is not a valid X.509 certificate (its bytes do not parse)',
        );
      }
      open = null;
      continue;
    }
    if (open) {
      if (!BASE64_LINE.test(line)) {
        throw refuse(`line ${lineNumber}`, `block ${blocks} holds a line that is not base64`);
      }
      open.body.push(line);
    }
  }
  if (open) {
    throw refuse(
      `block ${blocks} (line ${open.line})`,
      `the ${open.label} block is truncated: the input ends before its END line`,
    );
  }
  if (certificates.length === 0) {
    throw refuse('input', 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
  }
  return certificates;
}
