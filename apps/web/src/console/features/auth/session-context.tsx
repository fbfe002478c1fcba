import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { can, type SessionUser } from '@lianxin/contracts';
import { isApiError, setCsrfToken, setUnauthenticatedHandler } from '../../../shared/api-client.ts';
import { fetchMe, login as loginRequest, logout as logoutRequest } from './auth-api.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'error'; error: unknown }
  | { status: 'authenticated'; user: SessionUser };

interface SessionValue {
  state: SessionState;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  retry: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    fetchMe().then(
      ({ user, csrfToken }) => {
        if (cancelled) return;
        setCsrfToken(csrfToken);
        setState({ status: 'authenticated', user });
      },
      (error: unknown) => {
        if (cancelled) return;
        setState(isApiError(error) && error.status === 401 ? { status: 'anonymous' } : { status: 'error', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setState({ status: 'anonymous' });
    });
    return () => setUnauthenticatedHandler(null);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const { user, csrfToken } = await loginRequest(username, password);
    setCsrfToken(csrfToken);
    setState({ status: 'authenticated', user });
  }, []);

  const logout = useCallback(async () => {
    try {
      await logoutRequest();
    } finally {
      setCsrfToken(null);
      setState({ status: 'anonymous' });
    }
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ state, login, logout, retry }), [state, login, logout, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for components rendered inside the authenticated shell. */
export function useCurrentUser(): SessionUser & { canWrite: boolean } {
  const { state } = useSession();
  const user = state.status === 'authenticated' ? state.user : null;
  const current = useMemo(() => (user ? { ...user, canWrite: can(user, 'records.write') } : null), [user]);
  if (!current) throw new Error('useCurrentUser without a session');
  return current;
}
