import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { syncTerraformState } from '../src/modules/terraform/sync-terraform-state.js';
import { systemActor } from '../src/platform/audit/actor.js';
import { systemClock } from '../src/platform/clock.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { selectJsonValues } from '../src/platform/json/json-stream.js';
import { openBenchTarget } from './bench-database.js';
import { benchDatabases, option } from './harness.js';

/*
 * `npx tsx bench/terraform-sync.ts [--resources N]`: a Terraform state (format version 4) of N
 * managed resources (default 20,000, each with a realistic attribute map, a tenth of them in
 * modules, a few hundred data sources besides) compared with a register holding half of them:
 * the drift report (dry run), then the apply creating the other half as requested, then the drift
 * report again. Beside them, the floor measured in the same run: streaming through the same file
 * with the JSON reader alone, no database. On PGlite and, when PLUMBLINE_BENCH_DATABASE_URL or
 * PLUMBLINE_TEST_DATABASE_URL is set, PostgreSQL (target: drift report ≤ 5 s there). Written to
 * bench/out/terraform-sync-N.json; never asserted by tests.
 */

const resourceCount = Number(option(process.argv.slice(2), '--resources') ?? '20000');
if (!Number.isInteger(resourceCount) || resourceCount < 1)
  throw new Error(`--resources must be a whole number, not ${resourceCount}`);
const { postgresUrl, targets } = benchDatabases(undefined);
const MiB = 1024 * 1024;

const addressOf = (index: number) =>
  index % 10 === 0 ? `module.m${index}.aws_instance.node` : `aws_instance.node_${index}`;

/** Writes the state resource by resource (the generator never holds the whole document). */
async function writeState(file: string): Promise<number> {
  const out = fs.createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write(
    '{\n  "version": 4,\n  "terraform_version": "1.9.5",\n  "serial": 481,\n  "lineage": "bench-lineage",\n  "outputs": {},\n  "resources": [\n',
  );
  const dataSources = Math.ceil(resourceCount / 100);
  for (let index = 0; index < resourceCount + dataSources; index += 1) {
    const data = index >= resourceCount;
    const resource = {
      mode: data ? 'data' : 'managed',
      ...(!data && index % 10 === 0 ? { module: `module.m${index}` } : {}),
      type: data ? 'aws_ami' : 'aws_instance',
      name: data ? `ami_${index}` : index % 10 === 0 ? 'node' : `node_${index}`,
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [
        {
          schema_version: 1,
          attributes: {
            id: `i-${index.toString(16).padStart(17, '0')}`,
            ami: 'ami-0abcdef1234567890',
            arn: `arn:aws:ec2:eu-central-1:123456789012:instance/i-${index}`,
            instance_type: 't3.medium',
            private_ip: `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
            user_data: 'IyEvYmluL2Jhc2gKZWNobyBoZWxsbwo='.repeat(8),
            tags: { Name: `node-${index}`, team: 'platform', plumbline: `bench-${index}` },
            root_block_device: [{ volume_size: 50, volume_type: 'gp3', encrypted: true }],
          },
          sensitive_attributes: [[{ type: 'get_attr', value: 'user_data' }]],
          dependencies: ['aws_subnet.main', 'aws_security_group.nodes'],
        },
      ],
    };
    const last = index === resourceCount + dataSources - 1;
    await write(
      `    ${JSON.stringify(resource, null, 2).replace(/\n/g, '\n    ')}${last ? '' : ','}\n`,
    );
  }
  await write('  ]\n}\n');
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return fs.statSync(file).size;
}

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-bench-tf-'));
const stateFile = path.join(directory, 'terraform.tfstate');
const bytes = await writeState(stateFile);
console.log(`State of ${resourceCount} managed resources: ${(bytes / MiB).toFixed(1)} MiB`);

const measurements: { database: string; step: string; seconds: number; peakHeapMiB: number }[] = [];
async function measure(database: string, step: string, work: () => Promise<unknown>) {
  let peak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  measurements.push({ database, step, seconds, peakHeapMiB: Math.round(peak / MiB) });
  console.log(
    `${database} ${step}: ${seconds.toFixed(2)} s, peak heap ${Math.round(peak / MiB)} MiB`,
  );
  return result;
}

await measure('none', 'read-floor (JSON reader alone)', async () => {
  let values = 0;
  for await (const value of selectJsonValues(fs.createReadStream(stateFile), (p) =>
    p.length <= 3 ? 'descend' : 'skip',
  ))
    values += value ? 1 : 0;
  return values;
});

for (const kind of targets) {
  const target = await openBenchTarget(kind, path.join(directory, `db-${kind}`), postgresUrl);
  try {
    const db = target.database.db;
    await migrateToLatest(db);
    // Half the resources are in the register already, matched by their plumbline tag.
    for (let start = 0; start < resourceCount; start += 2000) {
      const rows = [];
      for (let index = start; index < Math.min(resourceCount, start + 2000); index += 2) {
        rows.push({
          key: `bench-${index}`,
          name: addressOf(index),
          category: 'server',
          environment: 'production',
          owner_role: 'engineering',
          criticality: 'medium',
          data_classification: 'internal',
          lifecycle_status: 'in-service',
          tags: ['terraform'],
          created_at: new Date(),
          updated_at: new Date(),
        });
      }
      await db.insertInto('assets').values(rows).execute();
    }
    const ctx = { db, clock: systemClock };
    const options = { environment: 'production', ownerRole: 'engineering' } as const;
    await measure(kind, 'drift report (dry run)', () =>
      syncTerraformState(ctx, systemActor, fs.createReadStream(stateFile), {
        ...options,
        apply: false,
      }),
    );
    await measure(kind, 'apply (creates half as requested)', () =>
      syncTerraformState(ctx, systemActor, fs.createReadStream(stateFile), {
        ...options,
        apply: true,
      }),
    );
    await measure(kind, 'drift report after apply', () =>
      syncTerraformState(ctx, systemActor, fs.createReadStream(stateFile), {
        ...options,
        apply: false,
      }),
    );
    await target.database.close();
  } finally {
    await target.dispose();
  }
}

const outDirectory = fileURLToPath(new URL('./out', import.meta.url));
fs.mkdirSync(outDirectory, { recursive: true });
fs.writeFileSync(
  path.join(outDirectory, `terraform-sync-${resourceCount}.json`),
  JSON.stringify(
    { at: new Date().toISOString(), resources: resourceCount, bytes, measurements },
    null,
    2,
  ),
);
fs.rmSync(directory, { recursive: true, force: true });
