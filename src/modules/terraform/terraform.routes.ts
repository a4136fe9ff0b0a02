import { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requirePrincipal } from '../../platform/http/access.js';
import { asApi, type Api } from '../../platform/http/api-types.js';
import { MAX_STATE_BYTES, syncTerraformState } from './sync-terraform-state.js';
import { driftReportSchema, terraformSyncQuerySchema } from './terraform-sync.schema.js';

/** The register kept in step with Terraform (docs/lifecycle.md "Terraform state"). */
export function registerTerraformRoutes(api: Api, ctx: AppContext): void {
  // The state streams in: this scope hands the body over unread, whatever its type.
  void api.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, parsed) => parsed(null, payload));
    asApi(scope).post('/api/v1/register/sync/terraform', {
      config: { access: { permission: 'register:import' } },
      bodyLimit: MAX_STATE_BYTES,
      schema: {
        tags: ['register'],
        summary: `Compare a Terraform state (the request body, format version 4 as \`terraform state pull\` writes it, at most ${MAX_STATE_BYTES / 1024 / 1024} MB) with the register: the drift both ways; with apply=true, create the missing assets as requested`,
        querystring: terraformSyncQuerySchema,
        response: { 200: driftReportSchema },
      },
      handler: async (request) => {
        const declaredLength = Number(request.headers['content-length'] ?? '0');
        if (declaredLength > MAX_STATE_BYTES) {
          throw new AppError(
            'payload_too_large',
            `The state is larger than ${MAX_STATE_BYTES / 1024 / 1024} MB; sync its workspaces one by one`,
          );
        }
        const body = request.body;
        return syncTerraformState(
          ctx,
          requirePrincipal(request).actor,
          body instanceof Readable ? body : request.raw,
          request.query,
        );
      },
    });
    done();
  });
}
