import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { instance, stateOf } from '../../../test/fixtures/terraform/state.js';
import { AppError } from '../../platform/errors.js';
import { planTerraformSync, terraformAddressOf } from './plan-terraform-sync.js';
import { readTerraformState } from './read-terraform-state.js';

const read = (document: unknown, chunkSize = 7) => {
  const text = typeof document === 'string' ? document : JSON.stringify(document, null, 2);
  const chunks: string[] = [];
  for (let index = 0; index < text.length; index += chunkSize) {
    chunks.push(text.slice(index, index + chunkSize));
  }
  return readTerraformState(Readable.from(chunks));
};

async function refusal(document: unknown): Promise<string> {
  const error = await read(document).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).message;
}

describe('reading a Terraform state', () => {
  it('lists managed instances by address, with module and index keys, leaving data sources out', async () => {
    const state = await read(
      stateOf([
        { type: 'aws_db_instance', name: 'orders' },
        { module: 'module.db', type: 'aws_db_instance', name: 'orders' },
        {
          type: 'aws_instance',
          name: 'web',
          instances: [
            instance({ id: 'i-1' }, { index_key: 0 }),
            instance({ id: 'i-2' }, { index_key: 1 }),
          ],
        },
        {
          module: 'module.edge["eu"]',
          type: 'aws_instance',
          name: 'proxy',
          instances: [instance({ id: 'i-3' }, { index_key: 'a' })],
        },
        { mode: 'data', type: 'aws_ami', name: 'ubuntu' },
      ]),
    );
    expect(state).toMatchObject({ terraformVersion: '1.9.5', serial: 12, dataSourcesSkipped: 1 });
    expect(state.resources.map((resource) => resource.address)).toEqual([
      'aws_db_instance.orders',
      'module.db.aws_db_instance.orders',
      'aws_instance.web[0]',
      'aws_instance.web[1]',
      'module.edge["eu"].aws_instance.proxy["a"]',
    ]);
  });

  it('skips deposed objects of a replacement', async () => {
    const state = await read(
      stateOf([
        {
          type: 'aws_instance',
          name: 'api',
          instances: [
            instance({ id: 'i-new' }),
            instance({ id: 'i-old' }, { deposed: '00000001' }),
          ],
        },
      ]),
    );
    expect(state.resources.map((resource) => resource.address)).toEqual(['aws_instance.api']);
  });

  it('reads the plumbline tag or label, unless it is marked sensitive, and nothing else', async () => {
    const state = await read(
      stateOf([
        {
          type: 'aws_db_instance',
          name: 'tagged',
          instances: [
            instance({ password: 'hunter2', tags: { plumbline: 'db-orders', team: 'x' } }),
          ],
        },
        {
          type: 'google_sql_database_instance',
          name: 'labelled',
          instances: [instance({ labels: { plumbline: 'db-reports' } })],
        },
        {
          type: 'aws_db_instance',
          name: 'secret',
          instances: [
            instance(
              { tags: { plumbline: 'db-secret' } },
              {
                sensitive_attributes: [
                  [
                    { type: 'get_attr', value: 'tags' },
                    { type: 'index', value: { value: 'plumbline', type: 'string' } },
                  ],
                ],
              },
            ),
          ],
        },
      ]),
    );
    expect(state.resources).toEqual([
      { address: 'aws_db_instance.tagged', type: 'aws_db_instance', assetTag: 'db-orders' },
      {
        address: 'google_sql_database_instance.labelled',
        type: 'google_sql_database_instance',
        assetTag: 'db-reports',
      },
      { address: 'aws_db_instance.secret', type: 'aws_db_instance', assetTag: null },
    ]);
    expect(JSON.stringify(state)).not.toContain('hunter2');
  });

  it('refuses another state version', async () => {
    expect(await refusal(stateOf([], { version: 3 }))).toMatch(
      /state format version 3 is not supported; Plumbline reads version 4/,
    );
  });

  it('refuses a truncated file', async () => {
    const text = JSON.stringify(stateOf([{ type: 'aws_instance', name: 'web' }]), null, 2);
    expect(await refusal(text.slice(0, text.length - 40))).toMatch(/ends too early/);
  });

  it('refuses JSON that is not a state', async () => {
    expect(await refusal('[]')).toMatch(/JSON object/);
    expect(await refusal({ hello: 'world' })).toMatch(/no "version"/);
    expect(await refusal(stateOf([{ type: 'aws instance', name: 'web' }]))).toMatch(/valid "type"/);
  });
});

describe('planning a sync', () => {
  const options = { environment: 'production', ownerRole: 'engineering' } as const;
  const asset = (key: string, configurationReference: string, extra: object = {}) => ({
    key,
    name: key,
    lifecycleStatus: 'in-service',
    configurationReference,
    tags: [] as string[],
    ...extra,
  });

  it('finds the address in a configuration reference', () => {
    expect(terraformAddressOf('aws_db_instance.orders')).toBe('aws_db_instance.orders');
    expect(
      terraformAddressOf('git@github.com:acme/infra.git//prod#module.db.aws_db_instance.orders'),
    ).toBe('module.db.aws_db_instance.orders');
    expect(terraformAddressOf('infra/rds/prod.tf')).toBeNull();
    expect(terraformAddressOf('v1.2')).toBeNull();
  });

  it('matches by configuration reference, then by tag, and reports the drift both ways', async () => {
    const state = await read(
      stateOf([
        { type: 'aws_db_instance', name: 'orders' },
        {
          type: 'aws_s3_bucket',
          name: 'logs',
          instances: [instance({ tags: { plumbline: 'logs' } })],
        },
        { type: 'aws_instance', name: 'new', instances: [instance({}, { index_key: 'a' })] },
      ]),
    );
    const { report, toCreate } = planTerraformSync(
      state,
      [
        asset('db-orders', 'infra#aws_db_instance.orders'),
        asset('logs', ''),
        asset('gone', 'aws_instance.removed'),
        asset('office-wifi', ''),
        asset('old-vm', '', { tags: ['terraform'] }),
      ],
      options,
    );
    expect(report.matched.map((m) => [m.address, m.asset, m.matchedBy])).toEqual([
      ['aws_db_instance.orders', 'db-orders', 'configuration-reference'],
      ['aws_s3_bucket.logs', 'logs', 'tag'],
    ]);
    expect(report.resourcesWithoutAsset).toEqual([
      { address: 'aws_instance.new["a"]', type: 'aws_instance', proposedKey: 'aws_instance.new-a' },
    ]);
    expect(report.assetsWithoutResource.map((a) => a.key)).toEqual(['gone', 'old-vm']);
    expect(toCreate).toMatchObject([
      {
        key: 'aws_instance.new-a',
        lifecycleStatus: 'requested',
        configurationReference: 'aws_instance.new["a"]',
        category: 'server',
        tags: ['terraform'],
      },
    ]);
  });
});
