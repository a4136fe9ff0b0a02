import type { Command } from 'commander';
import { loadConfig } from '../../platform/config.js';
import { startPlumbline } from '../../app/start.js';
import { loadDemoOrganisation } from '../../modules/demo/load-demo.js';
import { isSetupNeeded } from '../../modules/identity/first-run.js';
import type { CliContext } from '../context.js';

/** `plumbline serve [--demo]`: migrate, prepare the first admin, and serve the API and web UI. */
export function registerServeCommand(program: Command, cli: CliContext): void {
  program
    .command('serve')
    .description('start the server (migrates the database first)')
    .option('--demo', 'load a sample medical-device SaaS organisation when the register is empty')
    .action(async (options: { demo?: boolean }) => {
      const config = loadConfig(cli.env);
      const running = await startPlumbline({
        config,
        ...(options.demo
          ? {
              beforeServe: async (ctx) => {
                const outcome = await loadDemoOrganisation(ctx);
                cli.output.out(outcome.message);
              },
            }
          : {}),
      });
      const address = await running.app.listen({ host: config.host, port: config.port });
      cli.output.out(
        `Plumbline ${running.ctx.version} on ${running.ctx.databaseKind} listening at ${address} (public URL ${config.publicUrl})`,
      );
      // The link is issued before --demo creates its accounts, after which it can no longer be used.
      if (running.firstRun.kind === 'setup-link' && (await isSetupNeeded(running.ctx))) {
        cli.output.out(
          `\nNo user exists yet. Create the first admin within 24 hours at this one-time link:\n  ${running.firstRun.url}\n`,
        );
      } else if (running.firstRun.kind === 'bootstrapped') {
        cli.output.out(
          `Created the first admin ${running.firstRun.email} from PLUMBLINE_BOOTSTRAP_ADMIN_EMAIL.`,
        );
      }
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        await running.close();
      };
      cli.onServerStarted?.(stop);
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          void stop().then(() => process.exit(0));
        });
      }
    });
}
