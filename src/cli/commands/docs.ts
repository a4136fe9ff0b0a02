import fs from 'node:fs';
import type { Command } from 'commander';
import type { DocumentDetail } from '../../modules/documents/document.schema.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { formatTable } from '../output.js';
import { fetchList, withPageOptions } from '../paging.js';

const MAX_DOCUMENT_BYTES = 1_000_000;

function readText(file: string, what: string): string {
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_DOCUMENT_BYTES) {
      throw new CliExit(EXIT.usage, `${file} is larger than ${MAX_DOCUMENT_BYTES} bytes`);
    }
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof CliExit) throw error;
    throw new CliExit(EXIT.failure, `Cannot read the ${what} ${file}: ${(error as Error).message}`);
  }
}

/** The quiz file beside a document: SOP-018.md → SOP-018.quiz.yaml (or .quiz.yml). */
function siblingQuiz(file: string): string | undefined {
  const stem = file.replace(/\.(md|markdown)$/i, '');
  return [`${stem}.quiz.yaml`, `${stem}.quiz.yml`].find((candidate) => fs.existsSync(candidate));
}

function describeDocument(document: DocumentDetail): string {
  const current = document.current;
  return [
    `${document.key} v${document.version} ${document.title}`,
    `  status ${document.status}; effective version ${document.effectiveVersion ?? '-'}; owner ${document.owner}`,
    `  content SHA-256 ${document.contentSha256}; next review ${document.reviewDueOn}`,
    `  reviewers: ${current.reviewers.join(', ') || '-'}; approvers: ${current.approvers.join(', ')}`,
    ...(current.unmappedNames.length > 0
      ? [`  unmapped names (map them in the settings): ${current.unmappedNames.join(', ')}`]
      : []),
    ...(current.training
      ? [
          `  training: ${current.training.requiredDepartments.join(', ')}, ${current.training.mode}${document.quizMissing ? ' (no questions yet: read and acknowledge)' : ''}, due in ${current.training.dueDays} days`,
        ]
      : []),
    '  sign-offs:',
    ...current.signoffs.map(
      (signoff) =>
        `    ${signoff.kind} for ${signoff.name} by ${signoff.signerLabel} at ${signoff.signedAt}`,
    ),
    '  history:',
    ...document.history.map((event) => `    ${event.at} ${event.text} (${event.by})`),
  ].join('\n');
}

/** Client commands for controlled documents: import, list, show. */
export function registerDocumentCommands(program: Command, cli: CliContext): void {
  const docs = program.command('docs').description('controlled documents (SOPs, policies)');
  docs
    .command('import <file>')
    .description(
      'import a Markdown document with YAML front matter as a new document or its next version (a sibling <file>.quiz.yaml is sent as its quiz); nothing is stored on any error',
    )
    .action(async (file: string, _options: unknown, command: Command) => {
      const quizFile = siblingQuiz(file);
      const result = await clientFor(command, cli).send('POST', '/documents/import', {
        body: {
          markdown: readText(file, 'document'),
          ...(quizFile ? { quizYaml: readText(quizFile, 'quiz') } : {}),
        },
      });
      if (globalOptions(command).json) {
        cli.output.out(JSON.stringify(result, null, 2));
        return;
      }
      cli.output.out(
        [
          result.created > 0
            ? `Imported ${result.key} v${result.version} (${result.status}).`
            : `${result.key} v${result.version} already holds this content.`,
          ...result.notes.map((note) => `  ${note}`),
        ].join('\n'),
      );
    });
  withPageOptions(
    docs.command('list').description('documents by id, with their latest version and status'),
  ).action(async (options: Record<string, string | undefined>, command: Command) => {
    const items = await fetchList(
      clientFor(command, cli),
      cli,
      '/documents',
      {},
      { limit: options.limit, cursor: options.cursor },
    );
    printList(
      command,
      cli,
      items.map((document) => ({
        id: document.key,
        version: document.version,
        status: document.status,
        effectiveVersion: document.effectiveVersion,
        title: document.title,
        contentSha256: document.contentSha256,
      })),
      ['id', 'version', 'status', 'effectiveVersion', 'title'],
      formatTable,
    );
  });
  docs
    .command('show <id>')
    .description('one document: versions, sign-offs, history')
    .action(async (id: string, _options: unknown, command: Command) => {
      const document = await clientFor(command, cli).get('/documents/{key}', {
        path: { key: id },
      });
      cli.output.out(
        globalOptions(command).json
          ? JSON.stringify(document, null, 2)
          : describeDocument(document),
      );
    });
}
