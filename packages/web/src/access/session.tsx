import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { api, ApiError, setCsrfToken } from '../api/client.ts';

export type SessionUser = {
  id: number;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  actions: string[];
  grants: { role: string; scopeKind: string }[];
};
type Me = { user: SessionUser; csrfToken: string };
type Session = { user: SessionUser | null; loading: boolean; refresh: () => Promise<void>; can: (action: string) => boolean };

const Ctx = createContext<Session | null>(null);

// The last signed-in user, so a phone opened with no signal still reaches pages that work offline
// (the activity log); the server checks the session again on the first request once back online.
const REMEMBERED = 'sirem.session.user';
const remember = (user: SessionUser | null) => (user ? localStorage.setItem(REMEMBERED, JSON.stringify(user)) : localStorage.removeItem(REMEMBERED));
function remembered(): SessionUser | undefined {
  try {
    return (JSON.parse(localStorage.getItem(REMEMBERED) ?? 'null') as SessionUser | null) ?? undefined;
  } catch {
    return undefined;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const data = await api.get<Me>('/auth/me');
        setCsrfToken(data.csrfToken);
        remember(data.user);
        return data.user;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return (remember(null), null);
        throw err;
      }
    },
    // Offline, queries wait for the network; start from the remembered user, stale so it is checked on reconnecting.
    initialData: () => (navigator.onLine ? undefined : remembered()),
    initialDataUpdatedAt: 0,
    staleTime: 60_000,
  });
  const user = me.data ?? null;
  const value: Session = {
    user,
    loading: me.isLoading,
    refresh: async () => {
      await client.invalidateQueries();
    },
    can: (action) => Boolean(user?.actions.includes(action)),
  };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): Session {
  const value = useContext(Ctx);
  if (!value) throw new Error('SessionProvider missing');
  return value;
}

export async function login(username: string, password: string) {
  const data = await api.post<Me>('/auth/login', { username, password });
  setCsrfToken(data.csrfToken);
  remember(data.user);
  return data.user;
}

export async function logout() {
  await api.post('/auth/logout');
  remember(null);
  setCsrfToken('');
}
