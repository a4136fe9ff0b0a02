import type { ReactNode } from 'react';
import type { Permission } from '../api/types.js';
import { PageHeader } from '../components/PageHeader.js';
import { useCan } from './permissions.js';

/** Shows the page only to roles that hold the permission, like the server would. */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission;
  children: ReactNode;
}) {
  const can = useCan();
  if (!can(permission)) {
    return (
      <PageHeader
        title="Not available for your role"
        description="Your role does not include access to this page. Ask an administrator if you need it."
      />
    );
  }
  return children;
}
