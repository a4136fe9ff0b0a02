import fs from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { certFixture, certFixturePath } from '../../../test/fixtures/certs/fixtures.js';
import { AppError } from '../../platform/errors.js';
import { parsePemCertificates } from './parse-pem.js';

// Small chunks make BEGIN/END lines straddle chunk boundaries.
const read = (name: string) =>
  parsePemCertificates(fs.createReadStream(certFixturePath(name), { highWaterMark: 37 }));

async function refusal(input: Promise<unknown>): Promise<AppError> {
  try {
    await input;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the PEM input to be refused');
}

describe('reading PEM certificates', () => {
  it('reads a leaf with its names, issuer, serial, validity, key and fingerprint', async () => {
    const [valid] = await read('valid.pem');
    expect(valid).toMatchObject({
      subject: 'O=Plumbline Fixtures, CN=www.example.test',
      subjectAltNames: ['DNS:www.example.test', 'DNS:example.test'],
      namesKey: 'dns:example.test,dns:www.example.test',
      issuer: 'O=Plumbline Fixtures, CN=Plumbline Fixture Intermediate CA',
      serialNumber: '8E1B692C52A01D50E5998D86D56B0B9C',
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2027-12-31T00:00:00Z'),
      keyType: 'rsa',
      keySize: 2048,
      isCa: false,
      fingerprintSha256:
        'B6:7A:A6:77:86:35:1E:19:46:0F:50:08:5B:00:5F:EA:E2:BF:43:50:5C:AA:9D:CB:52:3B:24:B1:8A:35:1B:03',
    });
    expect(valid!.pem).toBe(certFixture('valid.pem'));
  });

  it('reads a chain leaf first and a bundle with comments between blocks', async () => {
    const chain = await read('expiring-chain.pem');
    expect(chain.map((c) => [c.subject, c.isCa, c.keyType, c.keySize])).toEqual([
      ['O=Plumbline Fixtures, CN=api.example.test', false, 'ec prime256v1', 256],
      ['O=Plumbline Fixtures, CN=Plumbline Fixture Intermediate CA', true, 'ec prime256v1', 256],
    ]);
    expect(chain[0]!.subjectAltNames).toEqual(['DNS:api.example.test', 'IP:127.0.0.1']);
    const bundle = await read('ca-bundle.pem');
    expect(bundle.map((c) => c.subject)).toEqual([
      'CN=Plumbline Fixture Root CA, O=Plumbline Fixtures',
      'O=Plumbline Fixtures, CN=Plumbline Fixture Intermediate CA',
    ]);
  });

  it('accepts CRLF line ends', async () => {
    const crlf = certFixture('valid.pem').replace(/\n/g, '\r\n');
    const [parsed] = await parsePemCertificates(Readable.from([crlf]));
    expect(parsed!.serialNumber).toBe('8E1B692C52A01D50E5998D86D56B0B9C');
  });

  it.each([
    [
      'with-private-key.pem',
      'block 2 (line 19)',
      /private key \(PRIVATE KEY\).*never stores private keys/,
    ],
    ['truncated.pem', 'block 1 (line 1)', /truncated: the input ends before its END line/],
    ['truncated-middle.pem', 'block 1 (line 1)', /truncated: a BEGIN line follows at line 9/],
    ['invalid-base64.pem', 'line 3', /not base64/],
    ['not-der.pem', 'block 1 (line 1)', /not a valid X\.509 certificate/],
    ['public-key.pem', 'block 1 (line 1)', /is a PUBLIC KEY, not a CERTIFICATE/],
    ['no-certificate.pem', 'input', /holds no PEM certificate/],
    ['empty.pem', 'input', /holds no PEM certificate/],
  ])('refuses %s, naming %s', async (name, path, message) => {
    const error = await refusal(read(name));
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.path).toBe(path);
    expect(error.issues[0]!.message).toMatch(message);
  });

  it('refuses input larger than the limit', async () => {
    const error = await refusal(
      parsePemCertificates(Readable.from([certFixture('valid.pem')]), { maxBytes: 100 }),
    );
    expect(error.code).toBe('payload_too_large');
  });
});
