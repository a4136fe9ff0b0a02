import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { PackIndexContent } from './pack-contents.js';
import { evidencePathOf } from './pack-contents.js';

/**
 * pdfmake lays out a whole document in memory, so the PDF lists at most this many occurrences and
 * evidence files; past that it says so and points at index.html and the CSV registers, which hold
 * every row. The HTML index streams and has no such limit.
 */
export const PDF_MAX_ROWS = 200;

let configured = false;
/** Its own Roboto fonts, read from the package; no URL and no other local file may be fetched. */
function configurePdfmake(): void {
  if (configured) return;
  const require = createRequire(import.meta.url);
  const fontDir = path.dirname(require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'));
  pdfmake.setFonts({
    Roboto: {
      normal: path.join(fontDir, 'Roboto-Regular.ttf'),
      bold: path.join(fontDir, 'Roboto-Medium.ttf'),
      italics: path.join(fontDir, 'Roboto-Italic.ttf'),
      bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
    },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDir + path.sep));
  configured = true;
}

const cell = (value: string | number | null | undefined): TableCell => ({
  text: String(value ?? ''),
  fontSize: 7,
});
const headerRow = (labels: string[]): TableCell[] =>
  labels.map((label) => ({ text: label, bold: true, fontSize: 7, fillColor: '#eeeeee' }));

/** index.pdf: the same index as index.html, laid out for print (rows capped at PDF_MAX_ROWS). */
export async function packIndexPdf(content: PackIndexContent): Promise<Buffer> {
  configurePdfmake();
  const { head, coverage, counts } = content;
  const body: Content[] = [
    { text: `Evidence pack: ${head.framework.title}`, style: 'title' },
    {
      text: [
        `Framework ${head.framework.key}; period ${head.period.from} to ${head.period.to} (${head.period.timeZone}), records as of ${head.period.asOf}.\n`,
        `Generated ${head.generatedAt} by Plumbline ${head.generator.version}.\n`,
        `Audit chain ${head.auditChain.valid ? 'intact' : 'BROKEN'}: ${head.auditChain.eventCount} events, head ${head.auditChain.headHash}.\n`,
        `Signing key Ed25519, fingerprint ${head.signingKey.fingerprint}.\n`,
        `Requirements: ${coverage.counts.covered} covered, ${coverage.counts.partial} partial, ${coverage.counts.gap} gaps (no evidence).`,
      ],
      fontSize: 8,
      margin: [0, 0, 0, 8],
    },
    { text: 'Requirements: determined, provided, maintained', style: 'heading' },
    {
      text: `Determined: matrix (registers/matrix.csv, ${counts.matrixRows} rows) and asset register (registers/assets.csv, ${counts.assets} assets, ${counts.criticalAssets} critical). Provided: ${counts.assetsWithAcceptanceCriteria} assets with acceptance criteria, ${counts.thirdPartyAssets} third-party managed, ${counts.suppliers} suppliers (registers/suppliers.csv). Maintained: per requirement below, occurrences in registers/occurrences.csv.`,
      fontSize: 8,
      margin: [0, 0, 0, 6],
    },
    {
      table: {
        headerRows: 1,
        widths: [40, '*', 45, '*'],
        body: [
          headerRow([
            'Ref.',
            'Requirement',
            'Coverage',
            'Controls (due / N/A / exceptions / missed)',
          ]),
          ...coverage.requirements.map((requirement) => [
            cell(requirement.reference),
            cell(requirement.title),
            {
              text: requirement.coverage === 'gap' ? 'GAP' : requirement.coverage,
              fontSize: 7,
              bold: requirement.coverage === 'gap',
              color: requirement.coverage === 'gap' ? '#b00020' : '#000000',
            },
            cell(
              requirement.controls.length === 0
                ? 'no control maps this requirement'
                : requirement.controls
                    .map(
                      (control) =>
                        `${control.key}: ${control.occurrences} / ${control.notApplicable} / ${control.withExceptions} / ${control.missed} (${control.coverage})`,
                    )
                    .join('\n'),
            ),
          ]),
        ],
      },
    },
  ];

  const occurrences: TableCell[][] = [];
  let moreOccurrences = false;
  for await (const page of content.occurrencePages()) {
    for (const row of page) {
      if (occurrences.length >= PDF_MAX_ROWS) {
        moreOccurrences = true;
        break;
      }
      occurrences.push(
        [
          row.controlKey,
          row.periodKey,
          row.assetKey,
          row.dueAt.slice(0, 10),
          row.status,
          row.performer,
          row.verifier,
          row.evidenceCount,
          row.exceptions.join(', '),
        ].map(cell),
      );
    }
    if (moreOccurrences) break;
  }
  body.push(
    { text: 'Maintained: occurrences due in the period', style: 'heading', pageBreak: 'before' },
    occurrences.length === 0
      ? { text: 'No occurrence was due in the period.', fontSize: 8 }
      : {
          table: {
            headerRows: 1,
            widths: ['*', 45, '*', 45, 45, '*', '*', 25, 45],
            body: [
              headerRow([
                'Control',
                'Period',
                'Asset',
                'Due',
                'Status',
                'Performer',
                'Verifier',
                'Files',
                'Exceptions',
              ]),
              ...occurrences,
            ],
          },
        },
  );
  if (moreOccurrences)
    body.push({
      text: `Only the first ${PDF_MAX_ROWS} occurrences are listed here; every one is in index.html and registers/occurrences.csv.`,
      fontSize: 8,
      italics: true,
    });

  const files: TableCell[][] = [];
  let moreFiles = false;
  for await (const page of content.evidencePages()) {
    for (const file of page) {
      if (files.length >= PDF_MAX_ROWS) {
        moreFiles = true;
        break;
      }
      files.push(
        [evidencePathOf(file), file.control_key, file.period_key, file.size_bytes, file.sha256].map(
          cell,
        ),
      );
    }
    if (moreFiles) break;
  }
  body.push(
    { text: `Evidence files (${counts.evidenceFiles})`, style: 'heading', pageBreak: 'before' },
    files.length === 0
      ? { text: 'No evidence file in the period.', fontSize: 8 }
      : {
          table: {
            headerRows: 1,
            widths: ['*', 60, 45, 40, 120],
            body: [
              headerRow(['File in the pack', 'Control', 'Period', 'Bytes', 'SHA-256']),
              ...files,
            ],
          },
        },
  );
  if (moreFiles)
    body.push({
      text: `Only the first ${PDF_MAX_ROWS} files are listed here; every one is in index.html and manifest.json.`,
      fontSize: 8,
      italics: true,
    });

  return pdfmake
    .createPdf({
      info: {
        title: `Evidence pack ${head.framework.key} ${head.period.from} to ${head.period.to}`,
        creator: 'Plumbline',
      },
      pageSize: 'A4',
      pageOrientation: 'landscape',
      pageMargins: [30, 30, 30, 30],
      content: body,
      styles: {
        title: { fontSize: 16, bold: true, margin: [0, 0, 0, 6] },
        heading: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
      },
      defaultStyle: { font: 'Roboto' },
    })
    .getBuffer();
}
