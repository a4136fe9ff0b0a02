import { Option, type Command } from 'commander';
import { ENVIRONMENTS, OWNER_ROLES } from '../../modules/register/asset.schema.js';
import type { DriftReport } from '../../modules/terraform/terraform-sync.schema.js';
import type { QueryOf } from '../../shared/api/api-client.js';
import { clientFor, globalOptions, type CliContext } from '../context.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { openInput, streamedBody } from '../upload.js';

interface SyncOptions {
  terraform?: string;
  apply?: boolean;
  environment: QueryOf<'/register/sync/terraform', 'post'>['environment'];
  ownerRole: QueryOf<'/register/sync/terraform', 'post'>['ownerRole'];
}

function describeDrift(report: DriftReport): string {
  const lines = [
    `Terraform ${report.state.terraformVersion} state, serial ${report.state.serial}: ${report.resources} managed resources (${report.dataSourcesSkipped} data sources left out), ${report.matched.length} matched to assets.`,
  ];
  if (report.resourcesWithoutAsset.length > 0) {
    lines.push(`Resources with no asset (${report.resourcesWithoutAsset.length}):`);
    for (const resource of report.resourcesWithoutAsset) {
      lines.push(`  ${resource.address}  → ${resource.proposedKey}`);
    }
  }
  if (report.assetsWithoutResource.length > 0) {
    lines.push(`Assets in service with no resource (${report.assetsWithoutResource.length}):`);
    for (const asset of report.assetsWithoutResource) {
      lines.push(`  ${asset.key}  ${asset.configurationReference}`);
    }
  }
  lines.push(
    report.dryRun
      ? 'Dry run: nothing was changed; run again with --apply to create the missing assets as requested.'
      : `Created ${report.created} assets as requested.`,
  );
  return lines.join('\n');
}

/** `plumbline register sync --terraform <state>`: the register compared with a Terraform state. */
export function registerRegisterSyncCommands(program: Command, cli: CliContext): void {
  const register = program
    .command('register')
    .description('the register kept in step with its sources');
  register
    .command('sync')
    .description(
      'compare a Terraform state (terraform state pull > state.json; - for standard input) with the register; a dry run unless --apply',
    )
    .option('--terraform <file>', 'the state file (format version 4)')
    .option('--apply', 'create an asset, as requested, for each resource no asset stands for')
    .addOption(
      new Option('--environment <environment>', 'environment of the assets created')
        .choices(ENVIRONMENTS)
        .default('production'),
    )
    .addOption(
      new Option('--owner-role <role>', 'owner role of the assets created')
        .choices(OWNER_ROLES)
        .default('engineering'),
    )
    .action(async (options: SyncOptions, command: Command) => {
      if (!options.terraform) {
        throw new CliExit(EXIT.usage, 'Name the state to compare: --terraform <file>');
      }
      const report = await clientFor(command, cli).send('POST', '/register/sync/terraform', {
        query: {
          apply: options.apply ? 'true' : 'false',
          environment: options.environment,
          ownerRole: options.ownerRole,
        },
        raw: streamedBody(openInput(options.terraform)),
      });
      cli.output.out(
        globalOptions(command).json ? JSON.stringify(report, null, 2) : describeDrift(report),
      );
    });
}
