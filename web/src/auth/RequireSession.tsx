import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../api/identity.js';
import { ErrorAlert } from '../components/ErrorAlert.js';

/** Renders its children for a fully signed-in person; sends anyone else to sign in (or set up). */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader role="status" aria-label="Loading" />
      </Center>
    );
  }
  if (session.isError) return <ErrorAlert error={session.error} m="xl" />;
  const { authenticated, state, user } = session.data;
  if (!authenticated || state !== 'active' || !user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}
