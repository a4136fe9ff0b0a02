import { generateKeyPairSync, sign } from 'node:crypto';

/*
 * A small X.509 writer for the demo's certificates, whose validity is relative to the day the demo
 * is loaded (so no file can hold them). DER by hand: a v3 certificate with an ECDSA P-256 key,
 * subject and issuer common names, and the DNS names as subjectAltName, signed by a throwaway
 * issuer key. The demo needs a certificate to show, not a chain anyone should trust.
 */

function der(tag: number, content: Buffer): Buffer {
  if (content.length < 0x80) return Buffer.concat([Buffer.from([tag, content.length]), content]);
  const length: number[] = [];
  for (let n = content.length; n > 0; n >>= 8) length.unshift(n & 0xff);
  return Buffer.concat([Buffer.from([tag, 0x80 | length.length, ...length]), content]);
}

const sequence = (...items: Buffer[]) => der(0x30, Buffer.concat(items));

function objectId(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * first + second];
  for (const part of rest) {
    const chunk = [part & 0x7f];
    for (let n = part >> 7; n > 0; n >>= 7) chunk.unshift((n & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime (YYMMDDHHMMSSZ), as RFC 5280 asks for dates before 2050. */
function utcTime(at: Date): Buffer {
  const text = at.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return der(0x17, Buffer.from(text, 'ascii'));
}

const commonName = (name: string) =>
  sequence(der(0x31, sequence(objectId('2.5.4.3'), der(0x0c, Buffer.from(name, 'utf8')))));

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const SUBJECT_ALT_NAME = '2.5.29.17';

/** A PEM certificate for the names, valid from `notBefore` until `notAfter`. */
export function demoCertificatePem(certificate: {
  subject: string;
  issuer: string;
  dnsNames: string[];
  serial: number;
  notBefore: Date;
  notAfter: Date;
}): string {
  const subjectKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const issuerKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const algorithm = sequence(objectId(ECDSA_WITH_SHA256));
  const names = sequence(
    ...certificate.dnsNames.map((name) => der(0x82, Buffer.from(name, 'ascii'))),
  );
  const tbs = sequence(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, Buffer.from([0x01, (certificate.serial >> 8) & 0xff, certificate.serial & 0xff])),
    algorithm,
    commonName(certificate.issuer),
    sequence(utcTime(certificate.notBefore), utcTime(certificate.notAfter)),
    commonName(certificate.subject),
    subjectKey.publicKey.export({ type: 'spki', format: 'der' }),
    der(0xa3, sequence(sequence(objectId(SUBJECT_ALT_NAME), der(0x04, names)))),
  );
  const signature = sign('sha256', tbs, issuerKey.privateKey);
  const body = sequence(tbs, algorithm, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const lines = body.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
