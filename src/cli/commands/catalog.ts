import path from 'node:path';
import type { Command } from 'commander';
import { catalogToFiles, writeCatalogFiles } from '../../modules/controls/catalog-files.js';
import { loadCatalogDir, type LoadedCatalog } from '../../modules/controls/load-catalog-dir.js';
import type { CatalogPlan, PlanEntry } from '../../modules/controls/plan-catalog.js';
import { AppError } from '../../platform/errors.js';
import { clientFor, globalOptions, type CliContext } from '../context.js';
import { CliExit, EXIT } from '../exit-codes.js';

/** Reads and checks a catalogue directory locally, so mistakes are reported with file and line. */
async function readCatalogDir(directory: string): Promise<LoadedCatalog> {
  try {
    return await loadCatalogDir(path.resolve(directory));
  } catch (error) {
    if (error instanceof AppError) throw new CliExit(EXIT.failure, error.message);
    throw error;
  }
}

const VALUE_WIDTH = 70;

function shortValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value ?? null);
  return text.length > VALUE_WIDTH ? `${text.slice(0, VALUE_WIDTH - 1)}…` : text;
}

const SECTIONS = [
  ['frameworks', 'framework'],
  ['requirements', 'requirement'],
  ['controls', 'control'],
] as const;

/** A plan as a terminal reader wants it: counts first, then one line per object, + ~ -. */
export function formatPlan(plan: CatalogPlan): string {
  if (plan.empty) return 'No changes: the stored catalogue already matches.';
  const lines: string[] = [];
  for (const [section] of SECTIONS) {
    const { added, changed, retired, unchanged } = plan[section];
    lines.push(
      `${`${section[0]!.toUpperCase()}${section.slice(1)}:`.padEnd(14)}${added.length} to add, ${changed.length} to change, ${retired.length} to retire, ${unchanged} unchanged`,
    );
  }
  const line = (mark: string, noun: string, entry: PlanEntry) =>
    `  ${mark} ${noun} ${entry.key}  ${entry.title}`;
  for (const [section, noun] of SECTIONS) {
    const { added, changed, retired } = plan[section];
    if (added.length + changed.length + retired.length === 0) continue;
    lines.push('');
    for (const entry of added) lines.push(line('+', noun, entry));
    for (const entry of changed) {
      lines.push(line('~', noun, entry));
      for (const change of entry.changes) {
        lines.push(
          `      ${change.field}: ${shortValue(change.before)} → ${shortValue(change.after)}`,
        );
      }
    }
    for (const entry of retired) lines.push(`${line('-', noun, entry)}  (retired)`);
  }
  return lines.join('\n');
}

/** `plumbline catalog …`: the catalogue as YAML files, planned and applied through the API. */
export function registerCatalogCommands(program: Command, cli: CliContext): void {
  const catalog = program
    .command('catalog')
    .description('frameworks, requirements and controls as YAML files (docs/catalog.md)');

  catalog
    .command('validate <dir>')
    .description('check a catalogue directory without contacting the server')
    .action(async (directory: string, _options: unknown, command: Command) => {
      const { catalog: loaded, files } = await readCatalogDir(directory);
      const requirements = loaded.frameworks.flatMap((framework) => framework.requirements);
      const mapped = new Set(loaded.controls.flatMap((control) => control.requirements));
      const unmapped = requirements.filter((requirement) => !mapped.has(requirement.key));
      const summary = {
        files: files.length,
        frameworks: loaded.frameworks.length,
        requirements: requirements.length,
        controls: loaded.controls.length,
        unmappedRequirements: unmapped.map((requirement) => requirement.key),
      };
      if (globalOptions(command).json) {
        cli.output.out(JSON.stringify(summary, null, 2));
        return;
      }
      cli.output.out(
        `Valid: ${summary.files} files, ${summary.frameworks} frameworks, ${summary.requirements} requirements, ${summary.controls} controls.`,
      );
      for (const key of summary.unmappedRequirements) {
        cli.output.out(`  requirement ${key} is not mapped by any control`);
      }
    });

  catalog
    .command('plan <dir>')
    .description('show what applying the catalogue in <dir> would add, change and retire')
    .action(async (directory: string, _options: unknown, command: Command) => {
      const { catalog: desired } = await readCatalogDir(directory);
      const plan = await clientFor(command, cli).send('POST', '/catalog/plan', { body: desired });
      cli.output.out(
        globalOptions(command).json ? JSON.stringify(plan, null, 2) : formatPlan(plan),
      );
    });

  catalog
    .command('apply <dir>')
    .description('make the stored catalogue equal to <dir> (audited; objects absent are retired)')
    .action(async (directory: string, _options: unknown, command: Command) => {
      const { catalog: desired } = await readCatalogDir(directory);
      const result = await clientFor(command, cli).send('POST', '/catalog/apply', {
        body: desired,
      });
      if (globalOptions(command).json) {
        cli.output.out(JSON.stringify(result, null, 2));
      } else if (!result.applied) {
        cli.output.out('Nothing to apply: the stored catalogue already matches.');
      } else {
        cli.output.out(
          `Applied as catalogue revision ${result.revision}.\n${formatPlan(result.plan)}`,
        );
      }
    });

  catalog
    .command('export <dir>')
    .description(
      'write the stored catalogue into <dir> as YAML files, replacing catalogue files there',
    )
    .action(async (directory: string, _options: unknown, command: Command) => {
      const current = await clientFor(command, cli).get('/catalog/export');
      const outcome = await writeCatalogFiles(path.resolve(directory), catalogToFiles(current));
      if (globalOptions(command).json) {
        cli.output.out(JSON.stringify(outcome, null, 2));
        return;
      }
      cli.output.out(
        `Wrote ${outcome.written.length} files to ${directory} (${current.frameworks.length} frameworks, ${current.controls.length} controls).`,
      );
      for (const file of outcome.removed) cli.output.out(`  removed ${file}`);
    });
}
