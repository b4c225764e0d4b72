import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderConsole, renderRoute } from '../test/render';
import { curlExample, DeploymentForm, DeploymentPage, parseEnv } from './Deployments';
import type { MyGroup } from '../lib/me';

const deployment = {
  id: 'iris',
  name: 'Iris',
  description: 'flowers',
  status: 'Deployed',
  message: '2 of 2 replicas available',
  groupName: 'team',
  userName: 'alice',
  stop: false,
  endpoint: 'https://primehub.example/deployment/iris/',
  endpointAccessType: 'private',
  modelImage: 'infuseai/sklearn-prepackaged:v0.1.0',
  modelURI: 'gs://seldon-models/sklearn/iris',
  replicas: 2,
  availableReplicas: 2,
  instanceType: { id: 'cpu-1', name: 'cpu-1', displayName: 'CPU 1' },
  creationTime: '2026-01-01T00:00:00Z',
  lastUpdatedTime: '2026-01-02T00:00:00Z',
  env: [{ name: 'A', value: '1' }],
  endpointClients: [{ name: 'app' }],
  pods: [{ name: 'deploy-iris-abc-1', phase: 'Running', logEndpoint: '/api/logs/namespaces/primehub/phdeployments/iris/pods/deploy-iris-abc-1' }],
  history: [
    { time: '2026-01-02T00:00:00Z', deployment: { userName: 'bob', modelImage: 'infuseai/sklearn-prepackaged:v0.1.0', modelURI: null, replicas: 2, instanceType: { name: 'cpu-1' }, updateMessage: 'two' } },
    { time: '2026-01-01T00:00:00Z', deployment: { userName: 'alice', modelImage: 'old', modelURI: null, replicas: 1, instanceType: { name: 'cpu-1' }, updateMessage: '' } },
  ],
};

describe('deployments', () => {
  it('shows the endpoint with an example call, the clients, a new secret once, and the history', async () => {
    const user = userEvent.setup({ delay: null });
    const calls = mockApi((c) => {
      if (c.query.includes('createPhDeploymentClient')) return { data: { createPhDeploymentClient: { name: 'ios', plainTextToken: 'S3CRET' } } };
      if (c.query.includes('deletePhDeploymentClient')) return { data: { deletePhDeploymentClient: { id: 'iris' } } };
      if (c.query.includes('query Me')) return { data: { me: { id: 'alice', username: 'alice', effectiveGroups: [{ id: 'team', name: 'team', allowPublicDeploymentEndpoints: true }] } } };
      return { data: { phDeployment: deployment } };
    });
    renderRoute(<DeploymentPage />, '/deployments/iris', '/deployments/:id');
    expect(await screen.findByText(curlExample(deployment.endpoint, 'private'))).toBeInTheDocument();
    expect(curlExample(deployment.endpoint, 'private')).toContain('-u <client-name>:<client-secret> https://primehub.example/deployment/iris/api/v1.0/predictions');
    const clients = screen.getByRole('table', { name: 'Client credentials' });
    expect(within(clients).getByText('app')).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'New client name' }), 'ios');
    await user.click(screen.getByRole('button', { name: 'Add client' }));
    expect(await screen.findByText('Client ios made. Copy its secret now: it is not shown again.')).toBeInTheDocument();
    expect(screen.getByText('S3CRET')).toBeInTheDocument();
    expect(calls.find((c) => c.query.includes('createPhDeploymentClient'))?.variables).toEqual({ data: { deploymentId: 'iris', name: 'ios' } });

    await user.click(screen.getByRole('button', { name: 'Revoke app' }));
    await user.click(await screen.findByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(calls.find((c) => c.query.includes('deletePhDeploymentClient'))?.variables).toEqual({ where: { deploymentId: 'iris', name: 'app' } }));

    const history = screen.getByRole('table', { name: 'History' });
    expect(within(history).getByText('bob')).toBeInTheDocument();
    expect(within(history).getByText('two')).toBeInTheDocument();
  });

  it('shows a public endpoint of a group that no longer allows it as private, with its clients', async () => {
    mockApi((c) => {
      if (c.query.includes('query Me')) return { data: { me: { id: 'alice', username: 'alice', effectiveGroups: [{ id: 'team', name: 'team', allowPublicDeploymentEndpoints: false }] } } };
      return { data: { phDeployment: { ...deployment, endpointAccessType: 'public' } } };
    });
    renderRoute(<DeploymentPage />, '/deployments/iris', '/deployments/:id');
    expect(await screen.findByText(/asks for a public endpoint, but group team does not allow public endpoints/)).toBeInTheDocument();
    expect(screen.getByText(curlExample(deployment.endpoint, 'private'))).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Client credentials' })).toBeInTheDocument();
  });

  it('a public endpoint needs no credential', () => {
    expect(curlExample('https://h/deployment/x/', 'public')).toBe(
      `curl -X POST https://h/deployment/x/api/v1.0/predictions -H 'Content-Type: application/json' -d '{"data": {"ndarray": [[1, 2, 3, 4]]}}'`,
    );
  });

  it('reads NAME=value lines', () => {
    expect(parseEnv('A=1\n\n B = x=y \nC')).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: ' x=y' },
      { name: 'C', value: '' },
    ]);
  });

  it('deploys into a group that deploys, with its instance types', async () => {
    const user = userEvent.setup({ delay: null });
    const onSubmit = vi.fn();
    const team: MyGroup = { id: 'team', name: 'team', enabledDeployment: true, instanceTypes: [{ id: 'cpu-1', name: 'cpu-1' }], images: [], datasets: [] };
    renderConsole(<DeploymentForm groups={[team]} onSubmit={onSubmit} />);
    await user.type(screen.getByRole('textbox', { name: 'Deployment name' }), 'Iris');
    await user.click(screen.getByRole('combobox', { name: 'Instance type' }));
    await user.click(await screen.findByTitle('cpu-1'));
    await user.type(screen.getByRole('textbox', { name: 'Model image' }), 'infuseai/sklearn-prepackaged:v0.1.0');
    await user.type(screen.getByRole('textbox', { name: 'Model URI' }), 'ftp://nope');
    await user.click(screen.getByRole('button', { name: 'Deploy' }));
    expect(await screen.findByText('Start with pvc://, s3://, gs://, http:// or https://')).toBeInTheDocument();
    await user.clear(screen.getByRole('textbox', { name: 'Model URI' }));
    await user.click(screen.getByRole('button', { name: 'Deploy' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith(
        expect.objectContaining({ groupId: 'team', name: 'Iris', instanceType: 'cpu-1', modelImage: 'infuseai/sklearn-prepackaged:v0.1.0', replicas: 1, endpointAccessType: 'private' }),
      ),
    );
  });

  it('offers a public endpoint only in a group that allows it, and says why not', async () => {
    const user = userEvent.setup({ delay: null });
    const onSubmit = vi.fn();
    const closed: MyGroup = { id: 'closed', name: 'closed', enabledDeployment: true, allowPublicDeploymentEndpoints: false, instanceTypes: [{ id: 'cpu-1', name: 'cpu-1' }], images: [], datasets: [] };
    const open: MyGroup = { ...closed, id: 'open', name: 'open', allowPublicDeploymentEndpoints: true };
    renderConsole(<DeploymentForm groups={[closed, open]} onSubmit={onSubmit} />);
    await user.click(screen.getByRole('combobox', { name: 'Group' }));
    await user.click(await screen.findByTitle('closed'));
    expect(await screen.findByRole('radio', { name: /Public/ })).toBeDisabled();
    expect(screen.getByText('Group closed does not allow public endpoints: an administrator allows them in the group\'s settings.')).toBeInTheDocument();

    await user.click(screen.getByRole('combobox', { name: 'Group' }));
    await user.click(await screen.findByTitle('open'));
    await waitFor(() => expect(screen.getByRole('radio', { name: /Public/ })).toBeEnabled());
    expect(screen.queryByText(/does not allow public endpoints/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: /Public/ }));
    await user.type(screen.getByRole('textbox', { name: 'Deployment name' }), 'Iris');
    await user.click(screen.getByRole('combobox', { name: 'Instance type' }));
    await user.click(await screen.findByTitle('cpu-1'));
    await user.type(screen.getByRole('textbox', { name: 'Model image' }), 'model');
    await user.click(screen.getByRole('button', { name: 'Deploy' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ groupId: 'open', endpointAccessType: 'public' })));

    // Back to a group that does not allow it: the choice falls back to private.
    await user.click(screen.getByRole('combobox', { name: 'Group' }));
    await user.click(await screen.findByTitle('closed'));
    await waitFor(() => expect(screen.getByRole('radio', { name: /Private/ })).toBeChecked());
  });

  it('says when no group deploys', () => {
    renderConsole(<DeploymentForm groups={[]} onSubmit={vi.fn()} />);
    expect(screen.getByText(/None of your groups deploys models/)).toBeInTheDocument();
  });
});
