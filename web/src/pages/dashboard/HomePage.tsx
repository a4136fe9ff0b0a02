import { Navigate } from 'react-router';
import { useSession } from '../../api/identity.js';
import { DashboardPage } from './DashboardPage.js';

/** The dashboard; an engaged auditor, who may not see most of it, starts at posture instead. */
export function HomePage() {
  const engagement = useSession().data?.engagement ?? null;
  return engagement ? <Navigate to="/posture" replace /> : <DashboardPage />;
}
