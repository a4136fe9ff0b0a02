import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import {
  refuseDeclaredLength,
  registerStreamingRoutes,
  streamedBody,
} from '../../platform/http/streamed-body.js';
import { MAX_STATE_BYTES, stateTooLarge, syncTerraformState } from './sync-terraform-state.js';
import { driftReportSchema, terraformSyncQuerySchema } from './terraform-sync.schema.js';

/** The register kept in step with Terraform (docs/lifecycle.md "Terraform state"). */
export function registerTerraformRoutes(api: Api, ctx: AppContext): void {
  // The state streams in: this scope hands the body over unread, whatever its type.
  registerStreamingRoutes(api, (scope) => {
    scope.post('/api/v1/register/sync/terraform', {
      config: { access: { permission: 'register:import' } },
      bodyLimit: MAX_STATE_BYTES,
      schema: {
        tags: ['register'],
        summary: `Compare a Terraform state (the request body, format version 4 as \`terraform state pull\` writes it, at most ${MAX_STATE_BYTES / 1024 / 1024} MB) with the register: the drift both ways; with apply=true, create the missing assets as requested`,
        querystring: terraformSyncQuerySchema,
        response: { 200: driftReportSchema },
      },
      handler: async (request) => {
        refuseDeclaredLength(request, MAX_STATE_BYTES, stateTooLarge);
        return syncTerraformState(
          ctx,
          requirePrincipal(request).actor,
          streamedBody(request),
          request.query,
        );
      },
    });
  });
}
