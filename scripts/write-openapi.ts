// Writes the OpenAPI description the server generates from its route schemas to
// docs/openapi.json, and the client's types derived from it to src/shared/api/contract.generated.ts
// (`npm run openapi`). test/api/openapi-drift.test.ts fails when either differs, so the committed
// contract always matches the code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { apiContractTypes, type OpenApiDocument } from './api-contract-types.js';
import { loadConfig } from '../src/platform/config.js';
import { startPlumbline } from '../src/app/start.js';
import { openDatabase } from '../src/platform/db/connect.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-openapi-'));
const config = loadConfig({
  PLUMBLINE_DATA_DIR: dataDir,
  PLUMBLINE_LOG_LEVEL: 'silent',
  PLUMBLINE_SCHEDULER: 'false',
});
const database = await openDatabase({
  kind: 'pglite-instance',
  pglite: await PGlite.create(),
  ownsInstance: true,
});
const running = await startPlumbline({ config, database, webRoot: '' });
const document = running.app.swagger();
const target = new URL('../docs/openapi.json', import.meta.url);
fs.writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
const types = new URL('../src/shared/api/contract.generated.ts', import.meta.url);
fs.writeFileSync(types, apiContractTypes(document as unknown as OpenApiDocument));
await running.close();
fs.rmSync(dataDir, { recursive: true, force: true });
console.log(`Wrote ${target.pathname} and ${types.pathname}`);
