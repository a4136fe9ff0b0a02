import net from 'node:net';
import tls from 'node:tls';
import type { ProbeOutcome } from './certificate.schema.js';

/** What one probe of a TLS endpoint observed. */
export interface TlsObservation {
  outcome: ProbeOutcome;
  protocol: string | null;
  cipher: string | null;
  /** The presented chain, leaf first, as DER. */
  chain: Buffer[];
  detail: string;
}

/** Probes one endpoint; injected so tests and the job can use another (or a stub). */
export type TlsProber = (host: string, port: number) => Promise<TlsObservation>;

type Handshake =
  | { ok: true; protocol: string | null; cipher: string | null; chain: Buffer[] }
  | { ok: false; code: string; message: string };

/** The chain as the server sent it, leaf first (Node links each certificate to its issuer). */
function presentedChain(socket: tls.TLSSocket): Buffer[] {
  const chain: Buffer[] = [];
  let current: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  const seen = new Set<string>();
  while (current?.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(current.raw);
    current = current.issuerCertificate;
  }
  return chain;
}

function handshake(
  host: string,
  port: number,
  options: tls.ConnectionOptions,
  timeoutMs: number,
): Promise<Handshake> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host,
      port,
      // The probe records what is presented; trust is not what it decides.
      rejectUnauthorized: false,
      // SNI takes names only.
      ...(net.isIP(host) === 0 ? { servername: host } : {}),
      ...options,
    });
    const finish = (result: Handshake) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () =>
      finish({ ok: false, code: 'ETIMEDOUT', message: `no TLS handshake within ${timeoutMs} ms` }),
    );
    socket.once('secureConnect', () => {
      const cipher = socket.getCipher();
      finish({
        ok: true,
        protocol: socket.getProtocol(),
        cipher: cipher.standardName ?? cipher.name,
        chain: presentedChain(socket),
      });
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, code: error.code ?? 'ERROR', message: error.message.split('\n')[0]! }),
    );
  });
}

/** An error from TLS itself (an alert, a refused protocol), as opposed to the network. */
function isTlsError(code: string): boolean {
  return code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code === 'ECONNRESET';
}

/**
 * Probes with Node's `tls`: first as a client accepting TLS 1.2 and newer only (what the SOP
 * requires), then as a client offering only TLS 1.0/1.1 at OpenSSL security level 0 (Node's
 * defaults forbid them), to learn whether the server still accepts older protocols. A server that
 * refuses TLS 1.2+ and whose older handshake cannot be completed either is recorded as
 * `refused_below_tls12`, never passed over.
 */
export function createTlsProber(options: { timeoutMs?: number } = {}): TlsProber {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async (host, port) => {
    const modern = await handshake(host, port, { minVersion: 'TLSv1.2' }, timeoutMs);
    if (!modern.ok && !isTlsError(modern.code)) {
      return {
        outcome: 'unreachable',
        protocol: null,
        cipher: null,
        chain: [],
        detail: `${modern.code}: ${modern.message}`,
      };
    }
    const legacy = await handshake(
      host,
      port,
      { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' },
      timeoutMs,
    );
    if (modern.ok) {
      return legacy.ok
        ? {
            outcome: 'legacy_protocol_accepted',
            protocol: modern.protocol,
            cipher: modern.cipher,
            chain: modern.chain,
            detail: `${modern.protocol} negotiated, but the server also accepts ${legacy.protocol} (${legacy.cipher})`,
          }
        : {
            outcome: 'ok',
            protocol: modern.protocol,
            cipher: modern.cipher,
            chain: modern.chain,
            detail: `${modern.protocol} negotiated; TLS 1.0 and 1.1 refused`,
          };
    }
    if (legacy.ok) {
      return {
        outcome: 'legacy_only',
        protocol: legacy.protocol,
        cipher: legacy.cipher,
        chain: legacy.chain,
        detail: `only ${legacy.protocol} negotiated; TLS 1.2 and newer refused (${modern.code})`,
      };
    }
    return {
      outcome: 'refused_below_tls12',
      protocol: null,
      cipher: null,
      chain: [],
      detail:
        `TLS 1.2 and newer refused (${modern.code}: ${modern.message}); the TLS 1.0/1.1 handshake ` +
        `failed too (${legacy.code}: ${legacy.message})`,
    };
  };
}
