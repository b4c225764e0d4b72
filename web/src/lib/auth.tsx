// Login through the OpenID provider with code + PKCE (oidc-client-ts). The provider and
// client id come from /console/config.json, so one build works with primehub's embedded
// issuer and with Keycloak alike.
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { Alert, Button, Result, Spin } from 'antd';
import { configureApi } from './api';

interface ConsoleConfig {
  issuer: string;
  clientId: string;
}

interface AuthState {
  user: User;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** The logged-in user; only inside <RequireAuth>. */
export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside RequireAuth');
  return auth;
}

/**
 * Where a login returns to: a path of this site only, never another site. Browsers strip
 * tabs and newlines from URLs and read a backslash as a slash ("/\t/evil.example.com" is
 * //evil.example.com), so control characters and backslashes are refused, and what is left
 * must still resolve to this origin. The server refuses the same targets (internal/console).
 */
export function safeRedirect(target: string | null | undefined): string {
  const fallback = '/console/';
  if (!target || !target.startsWith('/') || target.startsWith('//') || /[\u0000-\u001f\u007f\\]/.test(target)) {
    return fallback;
  }
  const base = 'https://primehub.invalid';
  const url = new URL(target, base);
  return url.origin === base ? url.pathname + url.search + url.hash : fallback;
}

let managerPromise: Promise<UserManager> | undefined;

function userManager(): Promise<UserManager> {
  managerPromise ??= fetch('/console/config.json')
    .then((res) => {
      if (!res.ok) throw new Error(`/console/config.json answered ${res.status}`);
      return res.json() as Promise<ConsoleConfig>;
    })
    .then(
      (cfg) =>
        new UserManager({
          authority: cfg.issuer,
          client_id: cfg.clientId,
          redirect_uri: `${location.origin}/console/callback`,
          post_logout_redirect_uri: `${location.origin}/`,
          // offline_access: a refresh token, so the session renews without a page reload.
          scope: 'openid profile email offline_access',
          automaticSilentRenew: true,
          // Shared by the browser's tabs, so a second tab needs no login of its own.
          userStore: new WebStorageStateStore({ store: window.localStorage }),
        }),
    );
  return managerPromise;
}

/**
 * The notebook proxy cannot get a Bearer header from a browser opening a notebook: the
 * server puts the id_token into an HttpOnly cookie for /notebook/ instead.
 */
async function storeSession(user: User) {
  const res = await fetch('/console/session', {
    method: 'POST',
    headers: { Authorization: `Bearer ${user.id_token}` },
  });
  if (!res.ok) throw new Error(`Starting the notebook session failed: ${res.status} ${await res.text()}`);
}

/**
 * Logs in and goes back to `redirect` (the proxy sends browsers here when their notebook
 * cookie is missing or expired). A session this browser still has is renewed without asking
 * for the password again.
 */
export function LoginPage() {
  const [error, setError] = useState<string>();
  useEffect(() => {
    const redirect = safeRedirect(new URLSearchParams(location.search).get('redirect'));
    userManager()
      .then(async (um) => {
        let user = await um.getUser();
        if (user?.expired && user.refresh_token) user = await um.signinSilent().catch(() => null);
        if (user && !user.expired) {
          await storeSession(user);
          location.replace(redirect);
          return;
        }
        await um.signinRedirect({ state: { redirect } });
      })
      .catch((err: Error) => setError(err.message));
  }, []);
  return error ? <Failure message={error} /> : <Loading tip="Logging in…" />;
}

/** Finishes a login: stores the session cookie and goes where the login was started. */
export function CallbackPage() {
  const [error, setError] = useState<string>();
  useEffect(() => {
    let user: User;
    userManager()
      .then((um) => um.signinRedirectCallback())
      .then(async (u) => {
        user = u;
        await storeSession(u);
        const { redirect } = (user.state ?? {}) as { redirect?: string };
        // A full navigation: the target may be a notebook, outside the console.
        location.replace(safeRedirect(redirect));
      })
      .catch((err: Error) => setError(err.message));
  }, []);
  return error ? <Failure message={error} /> : <Loading tip="Logging in…" />;
}

/** Renders children for a logged-in user, and starts a login for anyone else. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const [manager, setManager] = useState<UserManager>();
  const [user, setUser] = useState<User>();
  const [error, setError] = useState<string>();
  // Read by the API client on each request, so a renewed token is used at once.
  const token = useRef<string>(undefined);

  useEffect(() => {
    let cleanup = () => {};
    userManager()
      .then(async (um) => {
        const login = () =>
          um.signinRedirect({ state: { redirect: location.pathname + location.search } }).catch((err: Error) => setError(err.message));
        const loaded = (u: User) => {
          token.current = u.id_token;
          setUser(u);
          // A renewed id_token replaces the one in the notebook cookie.
          storeSession(u).catch((err: Error) => setError(err.message));
        };
        um.events.addUserLoaded(loaded);
        um.events.addSilentRenewError(login);
        cleanup = () => {
          um.events.removeUserLoaded(loaded);
          um.events.removeSilentRenewError(login);
        };
        configureApi(() => token.current, () => void um.removeUser().then(login));
        setManager(um);
        let u = await um.getUser();
        if (u?.expired && u.refresh_token) {
          u = await um.signinSilent().catch(() => null);
        }
        if (!u || u.expired) {
          await login();
          return;
        }
        token.current = u.id_token;
        setUser(u);
      })
      .catch((err: Error) => setError(err.message));
    return () => cleanup();
  }, []);

  const state = useMemo<AuthState | null>(
    () =>
      manager && user
        ? {
            user,
            logout: async () => {
              await fetch('/console/session', { method: 'DELETE' });
              await manager.signoutRedirect();
            },
          }
        : null,
    [manager, user],
  );

  if (error) return <Failure message={error} />;
  if (!state) return <Loading tip="Logging in…" />;
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

function Loading({ tip }: { tip: string }) {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
      <Spin size="large" description={tip} />
    </div>
  );
}

function Failure({ message }: { message: string }) {
  return (
    <Result
      status="error"
      title="Logging in failed"
      subTitle={<Alert type="error" title={message} />}
      extra={
        <Button type="primary" href="/console/login">
          Try again
        </Button>
      }
    />
  );
}
