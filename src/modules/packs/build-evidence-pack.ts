import type { AppContext } from '../../platform/context.js';
import { verifyAuditChain } from '../../platform/audit/verify-audit-chain.js';
import type { Sealer } from '../../platform/crypto/sealed-file.js';
import { prefetchFirst } from '../../platform/evidence/prefetch-first.js';
import { writeAuditCheckpoint } from '../audit-log/write-audit-checkpoint.js';
import { openEffectivenessReport } from '../posture/report-effectiveness.js';
import { openPackSigningKey } from '../keys/get-pack-signing-key.js';
import { evidencePathOf, type PackIndexContent } from './pack-contents.js';
import { packIndexHtml } from './pack-index-html.js';
import { packIndexPdf } from './pack-index-pdf.js';
import {
  MANIFEST_PATH,
  PACK_FORMAT,
  PUBLIC_KEY_PATH,
  SIGNATURE_PATH,
  type ManifestFile,
  type PackManifest,
} from './pack-manifest.schema.js';
import {
  packRecordsRepository,
  type EvidenceFileRecord,
  type PeriodWindow,
} from './pack-records.repository.js';
import { recoveryRegisters } from './pack-recovery-registers.js';
import { securityRegisters } from './pack-security-registers.js';
import { documentRegisters } from './pack-document-registers.js';
import { accessRegisters } from './pack-access-registers.js';
import { qualityRegisters } from './pack-quality-registers.js';
import { keysetPages, packRegisters } from './pack-registers.js';
import { packWalkthroughs } from './pack-walkthroughs.js';
import { signManifest } from './pack-signing.js';
import { createZipWriter } from '../../platform/archive/zip-writer.js';
import type { PackPeriod } from './pack.schema.js';
import { coverageFromReport } from './report-framework-coverage.js';

export type PackBuildContext = Pick<
  AppContext,
  'db' | 'clock' | 'config' | 'secretBox' | 'evidenceStore' | 'version'
>;

/** Evidence files read ahead of the one being written (each up to 1 MB until its turn). */
const EVIDENCE_FILES_AHEAD = 4;

export interface BuiltPack {
  manifest: PackManifest;
  manifestSha256: string;
  sizeBytes: number;
}

/**
 * Writes the evidence pack of a framework and period to `outPath` (a new file): the public key,
 * the CSV registers, every evidence file of the period (decrypted from the store and checked
 * against the hash recorded at upload), index.html and index.pdf, then manifest.json (every file
 * above with SHA-256 and size) and its Ed25519 signature. Everything is streamed: registers page by
 * page, evidence file by file, so memory stays flat however many files the period holds; only the
 * manifest's list of files grows with the pack.
 */
export async function buildEvidencePack(
  ctx: PackBuildContext,
  options: PackPeriod & {
    outPath: string;
    /** Encrypts the pack as it is written (packs kept on the server); in clear without one. */
    sealer?: Sealer;
    onProgress?: (filesDone: number, filesTotal: number) => void | Promise<void>;
  },
): Promise<BuiltPack> {
  const report = await openEffectivenessReport(ctx, options);
  const window: PeriodWindow = {
    start: new Date(report.head.periodStart),
    end: new Date(report.head.periodEnd),
    asOf: new Date(report.head.asOf),
  };
  const generatedAt = ctx.clock.now();
  // The auditor who keeps the pack keeps this head of the chain: a later deletion of the newest
  // events shows when the chain is held against it.
  const auditCheckpoint = await writeAuditCheckpoint(ctx);
  const chain = await verifyAuditChain(ctx.db);
  const key = await openPackSigningKey(ctx);
  const coverage = await coverageFromReport(ctx, report);
  const counts = {
    ...(await packRecordsRepository.registerCounts(ctx.db)),
    evidenceFiles:
      (await packRecordsRepository.evidenceFileCount(ctx.db, window)) +
      (await packRecordsRepository.recoveryEvidenceFileCount(ctx.db, window)),
  };
  const registers = [
    ...packRegisters(ctx, window, report),
    ...qualityRegisters(ctx, window),
    ...recoveryRegisters(ctx, window),
    ...securityRegisters(ctx, window),
    ...accessRegisters(ctx, window),
    ...(await documentRegisters(ctx, window)),
  ];
  const walkthroughs = await packWalkthroughs(ctx, options);
  // Work evidence, then the evidence of restore tests and DR exercises.
  async function* evidencePages() {
    yield* keysetPages(
      (after: string | null, limit) =>
        packRecordsRepository.evidenceFiles(ctx.db, window, after, limit),
      (row) => row.id,
    );
    yield* keysetPages(
      (after: string | null, limit) =>
        packRecordsRepository.recoveryEvidenceFiles(ctx.db, window, after, limit),
      (row) => row.id,
    );
  }
  const head: PackIndexContent['head'] = {
    framework: coverage.framework,
    period: {
      from: options.from,
      to: options.to,
      timeZone: ctx.config.timezone,
      start: report.head.periodStart,
      end: report.head.periodEnd,
      asOf: report.head.asOf,
    },
    generator: { name: 'plumbline', version: ctx.version },
    generatedAt: generatedAt.toISOString(),
    auditChain: { valid: chain.valid, eventCount: chain.eventCount, headHash: chain.headHash },
    auditCheckpoint,
    signingKey: {
      algorithm: 'Ed25519',
      fingerprint: key.fingerprint,
      publicKeyPath: PUBLIC_KEY_PATH,
    },
  };
  const content: PackIndexContent = {
    head,
    coverage,
    counts,
    registers: registers.map(({ path, title }) => ({ path, title })),
    walkthroughs: walkthroughs.map(({ path, title }) => ({ path, title })),
    occurrencePages: () => report.pages(),
    evidencePages,
  };

  // Public key, registers, evidence, walkthroughs, index.html, index.pdf, then manifest.json and
  // manifest.sig.
  const filesTotal = 1 + registers.length + counts.evidenceFiles + walkthroughs.length + 2 + 2;
  const files: ManifestFile[] = [];
  const writer = await createZipWriter(
    options.outPath,
    generatedAt,
    options.sealer ? { sealer: options.sealer } : {},
  );
  const progress = async () => options.onProgress?.(files.length, filesTotal);
  const open = (file: EvidenceFileRecord) => ({
    file,
    content: prefetchFirst(ctx.evidenceStore.chunks(file.storage_key)),
  });
  const ahead: ReturnType<typeof open>[] = [];
  try {
    files.push(await writer.add(PUBLIC_KEY_PATH, Buffer.from(key.publicKeyPem)));
    await progress();
    for (const register of registers) {
      files.push(await writer.add(register.path, register.chunks()));
      await progress();
    }
    // pdfmake lays the PDF out in memory, mostly on the CPU, while the evidence phase mostly waits
    // on the disk: started now, it is ready when the evidence is written.
    const pdf = packIndexPdf(content);
    pdf.catch(() => undefined);
    // The next files are opened and their first chunk (most files whole) read and decrypted while
    // the current one is written, so the disk's latency overlaps: a few files ahead, at most
    // EVIDENCE_FILES_AHEAD MB more held.
    const writeEvidence = async ({ file, content }: ReturnType<typeof open>) => {
      const written = await writer
        .add(evidencePathOf(file), content, { compress: false })
        .catch(async (error: unknown) => {
          await content.close();
          throw error;
        });
      if (written.sha256 !== file.sha256 || written.size !== Number(file.size_bytes)) {
        throw new Error(
          `Evidence file ${file.id} no longer matches the hash recorded at upload; the pack was not produced`,
        );
      }
      files.push(written);
      await progress();
    };
    for await (const page of evidencePages()) {
      for (const file of page) {
        ahead.push(open(file));
        if (ahead.length > EVIDENCE_FILES_AHEAD) await writeEvidence(ahead.shift()!);
      }
    }
    while (ahead.length > 0) await writeEvidence(ahead.shift()!);
    for (const walkthrough of walkthroughs) {
      files.push(await writer.add(walkthrough.path, await walkthrough.render()));
      await progress();
    }
    files.push(await writer.add('index.html', packIndexHtml(content)));
    await progress();
    files.push(await writer.add('index.pdf', await pdf, { compress: false }));
    await progress();

    const manifest: PackManifest = { format: PACK_FORMAT, ...head, files };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    const manifestEntry = await writer.add(MANIFEST_PATH, manifestBytes);
    await writer.add(SIGNATURE_PATH, signManifest(key.privateKey, manifestBytes), {
      compress: false,
    });
    await options.onProgress?.(filesTotal, filesTotal);
    const sizeBytes = await writer.finish();
    return { manifest, manifestSha256: manifestEntry.sha256, sizeBytes };
  } catch (error) {
    await Promise.all(ahead.map(({ content }) => content.close()));
    await writer.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
