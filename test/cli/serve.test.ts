import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-data.js';
import { plumbline, spawnServer, temporaryDirectory, type ServerProcess } from './cli-harness.js';

/**
 * `plumbline serve --demo` as an operator runs it: a separate process on an embedded PGlite data
 * directory (on either test project), which it locks while it runs.
 */
describe('plumbline serve --demo in its own process', () => {
  const data = temporaryDirectory('plumbline-serve-');
  const env = { PLUMBLINE_DATA_DIR: data.path };
  let server: ServerProcess;

  beforeAll(async () => {
    server = await spawnServer(['--demo'], env);
  });
  afterAll(async () => {
    await server?.stop();
    data.remove();
  });

  it('prints the demo accounts and password, and no setup link', () => {
    const output = server.stdout();
    expect(output).toContain('Loaded the demo organisation Kestrel Diagnostics');
    expect(output).toContain('admin@demo.plumbline.test');
    expect(output).toContain(DEMO_PASSWORD);
    expect(output).not.toContain('/setup?token=');
  });

  it('serves the demo register to a demo account', async () => {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'quality@demo.plumbline.test', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({ state: 'active' });
    const cookie = login.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
    const assets = await fetch(`${server.url}/api/v1/assets?limit=1000`, { headers: { cookie } });
    expect(assets.status).toBe(200);
    const { items } = (await assets.json()) as { items: { key: string }[] };
    expect(items).toHaveLength(42);
    expect(items.map((asset) => asset.key)).toContain('db-prod-eu');
  });

  it('refuses offline commands while it holds the data directory, naming its PID', async () => {
    const result = await plumbline(['audit', 'verify'], env);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`PID ${server.pid}`);
  });

  it('leaves an intact audit trail that audit verify accepts once it has stopped', async () => {
    await server.stop();
    const result = await plumbline(['audit', 'verify'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Audit chain intact: \d+ events/);
  });
});
