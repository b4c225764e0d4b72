import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderConsole, renderRoute, type GraphQLCall } from '../test/render';
import { AppsPage } from './Apps';
import { InstallForm } from './AppStore';
import type { MyGroup } from '../lib/me';

const app = (id: string, status: string, stop = false) => ({
  id,
  displayName: id.toUpperCase(),
  appName: 'MLflow',
  groupName: 'team',
  userName: 'alice',
  instanceType: 'cpu-1',
  scope: 'group',
  appUrl: `/app/${id}/`,
  svcEndpoints: [],
  stop,
  status,
  message: status === 'Error' ? 'GROUP team exceeded cpu quota' : 'x',
});

/** The API and the console's config, which says where applications are served. */
function mock(answer: (c: GraphQLCall) => unknown) {
  const calls: GraphQLCall[] = [];
  globalThis.fetch = (async (url: string, init?: RequestInit) => {
    if (url === '/console/config.json') {
      return new Response(JSON.stringify({ appUrl: 'https://apps.example' }), { status: 200 });
    }
    if (url.startsWith('/api/logs/')) {
      calls.push({ query: `GET ${url}` });
      return new Response('serving on :5000\n', { status: 200 });
    }
    const call = JSON.parse(String(init?.body)) as GraphQLCall;
    calls.push(call);
    return new Response(JSON.stringify(answer(call)), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  return calls;
}

describe('apps', () => {
  it('opens a ready app on the applications origin, says why one fails, and stops one', async () => {
    const calls = mock((c) =>
      c.query.includes('phApplications')
        ? { data: { phApplications: [app('ready', 'Ready'), app('failing', 'Error'), app('stopped', 'Stopped', true)] } }
        : { data: { stopPhApplication: { id: 'ready' } } },
    );
    renderRoute(<AppsPage />, '/apps');
    const open = await screen.findByRole('link', { name: 'Open ready' });
    expect(open).toHaveAttribute('href', 'https://apps.example/app/ready/');
    expect(screen.queryByRole('link', { name: 'Open failing' })).toBeNull();
    expect(screen.getByText('GROUP team exceeded cpu quota')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Start stopped' })).toBeVisible();

    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Stop ready' }));
    await waitFor(() => expect(calls.some((c) => c.query.includes('stopPhApplication') && (c.variables?.where as { id: string }).id === 'ready')).toBe(true));
  });

  it("reads an app's pod's logs", async () => {
    const logEndpoint = '/api/logs/namespaces/primehub/phapplications/ready/pods/app-ready-1';
    const calls = mock(() => ({ data: { phApplications: [{ ...app('ready', 'Ready'), pods: [{ name: 'app-ready-1', logEndpoint }] }, app('stopped', 'Stopped', true)] } }));
    renderRoute(<AppsPage />, '/apps');
    await userEvent.setup({ delay: null }).click(await screen.findByRole('button', { name: 'Logs of ready' }));
    expect(await screen.findByRole('dialog', { name: 'Logs of ready' })).toBeVisible();
    expect(await screen.findByText('serving on :5000')).toBeVisible();
    expect(calls.some((c) => c.query.startsWith(`GET ${logEndpoint}?`))).toBe(true);
    // A stopped app has no pod, so no logs.
    expect(screen.queryByRole('button', { name: 'Logs of stopped' })).toBeNull();
  });
});

const team: MyGroup = {
  id: 'team',
  name: 'team',
  instanceTypes: [{ id: 'cpu-1', name: 'cpu-1', displayName: 'Small' }],
  images: [],
  datasets: [],
};

describe('InstallForm', () => {
  it('installs with the template variables, the group, the instance type and the scope', async () => {
    const user = userEvent.setup({ delay: null });
    const onSubmit = vi.fn();
    const template = {
      id: 'mlflow',
      name: 'MLflow',
      description: null,
      version: null,
      docLink: null,
      icon: null,
      defaultEnvs: [
        { name: 'STORE', description: 'where runs go', defaultValue: 'sqlite:///db', optional: false },
        { name: 'EXTRA', description: '', defaultValue: '', optional: true },
      ],
    };
    renderConsole(<InstallForm template={template} groups={[team]} onSubmit={onSubmit} />);
    const id = screen.getByRole('textbox', { name: 'ID' });
    expect((id as HTMLInputElement).value).toMatch(/^mlflow-[a-z0-9]{1,5}$/);
    await user.clear(id);
    await user.type(id, 'My-App');
    await user.click(screen.getByRole('button', { name: 'Install' }));
    expect(await screen.findByText(/Lowercase letters, digits or '-'/)).toBeInTheDocument();
    expect(await screen.findByText('An instance type is required')).toBeInTheDocument();

    await user.clear(id);
    await user.type(id, 'my-app');
    await user.click(screen.getByRole('radio', { name: 'Small' }));
    await user.click(screen.getByRole('radio', { name: 'Public' }));
    await user.clear(screen.getByRole('textbox', { name: 'STORE' }));
    await user.type(screen.getByRole('textbox', { name: 'STORE' }), 'mine');
    await user.click(screen.getByRole('button', { name: 'Install' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0][0]).toEqual({
      id: 'my-app',
      groupName: 'team',
      instanceType: 'cpu-1',
      scope: 'public',
      env: { STORE: 'mine', EXTRA: '' },
    });
  });
});
