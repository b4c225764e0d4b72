// Login through the OpenID provider with code + PKCE (oidc-client-ts). The provider and
// client id come from /console/config.json, so one build works with primehub's embedded
// issuer and with Keycloak alike.
//
// The tokens live in this page's memory only, never in localStorage or sessionStorage:
// storage keeps a refresh token on disk for long after the tab closes, and hands it to any
// script of the console's origin. A new tab or a reload logs in again through the provider,
// whose own login session (a cookie only it reads) answers without asking for the password.
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { Alert, Button, Result, Spin } from 'antd';
import { authorizedFetch, configureApi } from './api';

interface ConsoleConfig {
  issuer: string;
  clientId: string;
  /** The notebooks' own origin, where the console's tokens never go. */
  notebookUrl: string;
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
let notebookOrigin = '';

/** Where the notebook at path (its URL from the API, /notebook/<namespace>/<name>/) opens. */
export function notebookHref(path: string): string {
  return notebookOrigin + path;
}

function userManager(): Promise<UserManager> {
  managerPromise ??= fetch('/console/config.json')
    .then((res) => {
      if (!res.ok) throw new Error(`/console/config.json answered ${res.status}`);
      return res.json() as Promise<ConsoleConfig>;
    })
    .then((cfg) => {
      notebookOrigin = cfg.notebookUrl;
      return cfg;
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
          userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
          // A login in progress (its PKCE verifier) must outlive the trip to the provider.
          stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
        }),
    );
  return managerPromise;
}

/**
 * Goes to target (a path safeRedirect allowed) without leaving the app when it is one of
 * the console's pages, which would lose the tokens in memory.
 */
function useGo() {
  const navigate = useNavigate();
  return (target: string) => {
    if (target.startsWith('/console/')) navigate(target.slice('/console'.length), { replace: true });
    else location.replace(target);
  };
}

/** Logs in and goes back to `redirect`. */
export function LoginPage() {
  const [error, setError] = useState<string>();
  const go = useGo();
  useEffect(() => {
    const redirect = safeRedirect(new URLSearchParams(location.search).get('redirect'));
    userManager()
      .then(async (um) => {
        const user = await um.getUser();
        if (user && !user.expired) {
          go(redirect);
          return;
        }
        await um.signinRedirect({ state: { redirect } });
      })
      .catch((err: Error) => setError(err.message));
  }, []);
  return error ? <Failure message={error} /> : <Loading tip="Logging in…" />;
}

/** Finishes a login and goes where the login was started. */
export function CallbackPage() {
  const [error, setError] = useState<string>();
  const go = useGo();
  useEffect(() => {
    userManager()
      .then((um) => um.signinRedirectCallback())
      .then((user) => {
        const { redirect } = (user.state ?? {}) as { redirect?: string };
        go(safeRedirect(redirect));
      })
      .catch((err: Error) => setError(err.message));
  }, []);
  return error ? <Failure message={error} /> : <Loading tip="Logging in…" />;
}

/**
 * Takes a browser on into a notebook: the notebooks' origin sent it here, with a state it
 * keeps in a cookie of its own, since it has no session for that notebook. The console
 * asks for a ticket for that state and notebook, which only that origin takes; its own
 * tokens stay here.
 */
export function NotebookLoginPage() {
  const [error, setError] = useState<string>();
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    authorizedFetch('/console/notebook-ticket', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ state: params.get('state'), redirect: params.get('redirect') }),
    })
      .then(async (res) => {
        if (!res.ok) throw new Error(`Opening the notebook failed: ${res.status} ${await res.text()}`);
        const { url } = (await res.json()) as { url: string };
        location.replace(url);
      })
      .catch((err: Error) => setError(err.message));
  }, []);
  return error ? <Failure message={error} /> : <Loading tip="Opening the notebook…" />;
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
            logout: () => manager.signoutRedirect(),
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
