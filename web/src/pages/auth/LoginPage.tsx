import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useRefreshSession, useSession } from '../../api/identity.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Loading } from '../../components/Loading.js';
import { MfaEnrolStep } from './MfaEnrolStep.js';
import { MfaVerifyStep } from './MfaVerifyStep.js';
import { PasswordStep } from './PasswordStep.js';
import { RecoveryCodesStep } from './RecoveryCodesStep.js';
import { safeNextPath } from './safe-next.js';

/**
 * Signing in, step by step as the session's state says: password, then a second factor (or its
 * enrolment and recovery codes), then on to the page the person wanted.
 */
export function LoginPage() {
  const session = useSession();
  const refreshSession = useRefreshSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  // Held here, not derived from the session: confirming enrolment already activates the session,
  // and the codes must stay on screen until the person says they saved them.
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (recoveryCodes) {
    return (
      <RecoveryCodesStep
        codes={recoveryCodes}
        onDone={() => {
          void refreshSession().then(() => navigate(next, { replace: true }));
        }}
      />
    );
  }
  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorAlert error={session.error} m="xl" />;

  const { authenticated, state, setupNeeded } = session.data;
  if (!authenticated || state === null) return <PasswordStep setupNeeded={setupNeeded} />;
  switch (state) {
    case 'active':
      return <Navigate to={next} replace />;
    case 'mfa_pending':
      return <MfaVerifyStep />;
    case 'enrol_required':
      return <MfaEnrolStep onEnrolled={setRecoveryCodes} />;
  }
}
