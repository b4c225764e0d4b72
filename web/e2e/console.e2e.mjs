// End-to-end: the console in Debian's Chromium (playwright-core) against a real
// `primehub serve` on a devcluster. One story, in order: an admin sets up a group, an
// instance type and an image; a user launches a notebook, sees it Running, opens it (a real
// Jupyter server) and runs a cell; the option over the user's quota is disabled with the
// reason; a member deploys a model and makes a client credential, and installs an app and
// stops it; an administrator stops a user's running notebook. Screenshots of the main
// pages go to e2e/screenshots/, and each is checked with axe for WCAG A/AA violations. Any
// error in the browser's console, or a serious accessibility violation, fails the run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { startSandbox } from './sandbox.mjs';

const shots = join(import.meta.dirname, 'screenshots');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
// No outside network here: Chromium must not try to reach Google's services.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let sandbox;
let browser;
let page;
const consoleErrors = [];
const a11yViolations = [];

before(async () => {
  mkdirSync(shots, { recursive: true });
  sandbox = await startSandbox();
  // Playwright gives each launch a fresh --user-data-dir of its own.
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  context.setDefaultTimeout(20_000);
  page = watch(await context.newPage());
});

/** Records the errors a page logs to its console. */
function watch(p) {
  // Jupyter's own pages (the notebooks' origin) are not the console's to answer for.
  const ours = () => new URL(p.url()).origin === sandbox.url;
  p.on('console', (m) => {
    if (m.type() === 'error' && ours()) consoleErrors.push(`${p.url()}: ${m.text()}`);
  });
  p.on('pageerror', (e) => {
    if (ours()) consoleErrors.push(`${p.url()}: ${e.message}`);
  });
  return p;
}

after(async () => {
  // Where the run ended, to see why when it failed.
  await page?.screenshot({ path: join(shots, 'last.png'), fullPage: true }).catch(() => {});
  await browser?.close();
  await sandbox?.stop();
});

/** Saves a screenshot of the page and records what axe finds wrong with it. */
async function shot(name) {
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'));
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
    a11yViolations.push(`${name}: ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
}

async function login(username, password) {
  await page.goto(`${sandbox.url}/`);
  // The embedded issuer's login form.
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
}

async function logout() {
  await page.getByRole('button', { name: 'Log out' }).click();
  // Back at the issuer's login form: the session is over.
  await page.getByRole('button', { name: 'Log in' }).waitFor();
  assert.match(page.url(), /\/oidc\//);
}

/** Waits until no select's dropdown is open: several may be closing at once, so count them. */
async function dropdownsClosed() {
  await page.waitForFunction(() => document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').length === 0);
}

/** Picks an option in an Ant Design select by typing it, as a keyboard user would. */
async function choose(label, option) {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.click();
  await box.fill(option);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active').filter({ hasText: option }).waitFor();
  await box.press('Enter');
  await box.press('Escape');
  await dropdownsClosed();
}

async function submit(button, listHeading) {
  await page.getByRole('button', { name: button }).click();
  await page.getByRole('heading', { name: listHeading }).waitFor();
}

const password = 'alice-password-1';

test('an administrator sets up a group, an instance type and an image', async () => {
  await login('phadmin', sandbox.adminPassword);
  await shot('admin-home');

  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'New user' }).click();
  await page.getByRole('textbox', { name: 'Username' }).fill('alice');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('textbox', { name: 'Email' }).fill('alice@example.com');
  await submit('Create', 'Users');
  await page.getByRole('cell', { name: 'alice', exact: true }).waitFor();
  await shot('admin-users');

  for (const [name, cpu, memory] of [
    ['small', '1', '1'],
    ['large', '4', '8'],
  ]) {
    await page.getByRole('link', { name: 'Instance types' }).click();
    await page.getByRole('button', { name: 'New instance type' }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await page.getByRole('textbox', { name: 'Display name' }).fill(`${name[0].toUpperCase()}${name.slice(1)} machine`);
    await page.getByRole('spinbutton', { name: 'CPU limit (cores)' }).fill(cpu);
    await page.getByRole('spinbutton', { name: 'Memory limit (GB)' }).fill(memory);
    await submit('Create', 'Instance types');
  }
  await page.getByRole('cell', { name: 'large', exact: true }).waitFor();
  await shot('admin-instance-types');

  await page.getByRole('link', { name: 'Images' }).click();
  await page.getByRole('button', { name: 'New image' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('base');
  await page.getByRole('textbox', { name: 'Container image URL', exact: true }).fill('jupyter/base-notebook:latest');
  await submit('Create', 'Images');
  await page.getByRole('cell', { name: 'base', exact: true }).waitFor();
  await shot('admin-images');

  // The group grants both instance types and the image, with a quota of 2 CPU a user.
  await page.getByRole('link', { name: 'Groups' }).click();
  await page.getByRole('button', { name: 'New group' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('team');
  await page.getByRole('textbox', { name: 'Display name' }).fill('Team');
  await choose('Members', 'alice');
  await choose('Group administrators', 'alice');
  await page.getByRole('spinbutton', { name: 'CPU per user (cores)' }).fill('2');
  await choose('Instance types', 'small');
  await choose('Instance types', 'large');
  await choose('Images', 'base');
  await page.getByRole('heading', { name: 'New group' }).click(); // closes the last dropdown
  // Its members may deploy models, with private endpoints only (public ones left off).
  await page.getByRole('checkbox', { name: 'Members may deploy models' }).check();
  await shot('admin-group-form');
  await submit('Create', 'Groups');
  await page.getByRole('cell', { name: 'team', exact: true }).waitFor();
  await shot('admin-groups');
});

test('an administrator manages volumes, secrets and the system settings', async () => {
  await page.getByRole('link', { name: 'Volumes' }).click();
  await page.getByRole('button', { name: 'New volume' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('settings');
  await page.getByRole('combobox', { name: 'Type' }).click();
  await page.getByTitle('Environment variables').click();
  await page.getByRole('textbox', { name: 'Variables' }).fill('MLFLOW_URI=http://mlflow\nBAD LINE');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByText('Each line must be NAME=value').waitFor();
  await page.getByRole('textbox', { name: 'Variables' }).fill('MLFLOW_URI=http://mlflow');
  await choose('Groups', 'team');
  await submit('Create', 'Volumes');
  await page.getByRole('cell', { name: 'settings', exact: true }).waitFor();
  await shot('admin-volumes');

  await page.getByRole('link', { name: 'Secrets' }).click();
  await page.getByRole('button', { name: 'New secret' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('registry');
  await page.getByRole('radio', { name: 'Image pull secret' }).check();
  await page.getByRole('textbox', { name: 'Registry host' }).fill('registry.example.com');
  await page.getByRole('textbox', { name: 'Registry username' }).fill('robot');
  await page.getByLabel('Registry password').fill('s3cret');
  await submit('Create', 'Secrets');
  await page.getByRole('cell', { name: 'registry', exact: true }).waitFor();
  await shot('admin-secrets');

  await page.getByRole('link', { name: 'System' }).click();
  await page.getByRole('textbox', { name: 'Organization name' }).fill('Example Lab');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Settings saved').waitFor();
  await shot('admin-system');

  await logout();
});

test('a user sees the instance type over quota disabled with the reason, launches a notebook, sees it Running and opens it', async () => {
  await login('alice', password);
  await page.getByLabel('Group team').waitFor();
  await shot('user-home');

  // alice administers team: she adds an image of the group's own.
  await page.getByRole('link', { name: 'Groups I manage' }).click();
  const images = page.getByRole('form', { name: 'New image of team' });
  await images.getByRole('textbox', { name: 'Image name' }).fill('team-tools');
  await images.getByRole('textbox', { name: 'URL' }).fill('registry.example.com/team/tools:1');
  await images.getByRole('button', { name: 'Add image' }).click();
  await page.getByRole('cell', { name: 'team-tools', exact: true }).waitFor();
  await shot('group-admin');

  await page.getByRole('link', { name: 'Notebooks' }).click();
  await page.getByRole('button', { name: 'New notebook' }).click();
  await page.getByRole('heading', { name: 'Launch a notebook' }).waitFor();
  // alice is in one group: it is chosen already.
  const large = page.getByRole('radio', { name: /Large machine/ });
  assert.equal(await large.isDisabled(), true, 'the instance type over quota is disabled');
  await page.getByText('Needs 4 CPU; your quota in Team is 2 CPU').waitFor();
  await shot('user-launch');

  // By keyboard alone: Tab reaches the first instance type that can be chosen (the disabled
  // one is skipped), Space picks it, typing filters the images, Enter chooses and submits.
  await page.getByRole('combobox', { name: 'Group' }).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  assert.equal(await page.getByRole('radio', { name: /Small machine/ }).isChecked(), true);
  await page.keyboard.press('Tab');
  await page.keyboard.type('team-tools');
  await page.getByTitle('team-tools (group image)').waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('base');
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active').filter({ hasText: /^base$/ }).waitFor();
  await page.keyboard.press('Enter');
  await dropdownsClosed();
  await page.keyboard.press('Tab');
  await page.keyboard.type('first');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Notebooks' }).waitFor();
  const row = page.getByRole('row', { name: /first/ });
  await row.getByText('Running', { exact: true }).waitFor({ timeout: 60_000 });
  await shot('user-notebooks');

  // The notebook is a real Jupyter server (Debian's, run by devcluster at the pod's address),
  // on the notebooks' own origin.
  const [tab] = await Promise.all([page.waitForEvent('popup'), row.getByRole('link', { name: 'Open first' }).click()]);
  await tab.locator('#notebook_list').waitFor({ timeout: 30_000 });
  assert.ok(tab.url().startsWith(`${sandbox.notebookUrl}/notebook/primehub/first/tree`), tab.url());
  // A notebook made over Jupyter's API (the tab's cookies let the request through the proxy),
  // then opened; a cell runs and its output shows.
  const made = await tab.request.post(`${sandbox.notebookUrl}/notebook/primehub/first/api/contents`, {
    data: { type: 'notebook' },
    headers: { Origin: sandbox.notebookUrl },
  });
  assert.equal(made.status(), 201, await made.text());
  const { path } = await made.json();
  await tab.goto(`${sandbox.notebookUrl}/notebook/primehub/first/notebooks/${path}`);
  await tab.locator('#kernel_indicator_icon.kernel_idle_icon').waitFor({ timeout: 60_000 });
  await tab.locator('.cell .CodeMirror').first().click();
  await tab.keyboard.type('print(6*7)');
  await tab.keyboard.press('Shift+Enter');
  await tab.locator('.output_area pre', { hasText: '42' }).first().waitFor({ timeout: 60_000 });
  await tab.screenshot({ path: join(shots, 'user-notebook-runs-a-cell.png'), fullPage: true });
  await tab.close();
});

test("a notebook's page reaches none of the console's tokens, storage or cookies", async () => {
  // The console keeps its tokens in memory: nothing of them in its storage.
  await page.goto(`${sandbox.url}/console/notebooks`);
  await page.getByRole('heading', { name: 'Notebooks' }).waitFor();
  const consoleStorage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  assert.doesNotMatch(consoleStorage, /id_token|refresh_token|access_token/);

  // A page of the notebook, opened as the console links it (through the console's origin,
  // which sends it on), runs as user code would.
  const tab = await page.context().newPage();
  await tab.goto(`${sandbox.url}/notebook/primehub/first/tree`);
  await tab.locator('#notebook_list').waitFor({ timeout: 30_000 });
  assert.equal(new URL(tab.url()).origin, sandbox.notebookUrl);
  const seen = await tab.evaluate(async (consoleUrl) => {
    const out = { cookies: document.cookie, storage: JSON.stringify({ ...localStorage, ...sessionStorage }) };
    // The console's window and its API, from the notebook's page.
    const w = window.open(`${consoleUrl}/console/`);
    await new Promise((r) => setTimeout(r, 1000));
    try {
      out.consoleStorage = JSON.stringify({ ...w.localStorage });
    } catch (err) {
      out.consoleStorage = `refused: ${err.name}`;
    }
    w.close();
    try {
      const res = await fetch(`${consoleUrl}/api/graphql`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: '{ me { username } }' }),
      });
      out.api = await res.text();
    } catch (err) {
      out.api = `refused: ${err.name}`;
    }
    // A cookie the notebook sets, as wide as it can.
    document.cookie = 'planted=1; path=/';
    return out;
  }, sandbox.url);
  assert.doesNotMatch(seen.cookies, /primehub/, 'the notebook page reads a platform cookie');
  assert.doesNotMatch(seen.storage, /id_token|refresh_token/);
  assert.match(seen.consoleStorage, /^refused: SecurityError/);
  assert.match(seen.api, /^refused: TypeError/);
  // The cookie it planted is the notebooks' origin's: the console never gets it.
  const consoleCookies = await page.context().cookies(`${sandbox.url}/console/`);
  assert.ok(!consoleCookies.some((c) => c.name === 'planted'), JSON.stringify(consoleCookies));
  assert.ok((await page.context().cookies(`${sandbox.notebookUrl}/`)).some((c) => c.name === 'planted'));
  await tab.close();
});

test('a browser without the notebook cookie gets it again, logging in when it must', async () => {
  const notebook = `${sandbox.notebookUrl}/notebook/primehub/first/tree?reset`;
  // The console's login session is still in the browser: no password asked.
  await page.context().clearCookies({ domain: '127.0.0.2' });
  await page.goto(notebook);
  await page.locator('#notebook_list').waitFor({ timeout: 30_000 });

  // A browser of its own: the issuer asks who it is, then sends it back to the notebook.
  const context = await browser.newContext();
  const fresh = watch(await context.newPage());
  await fresh.goto(notebook);
  await fresh.getByLabel('Username').fill('alice');
  await fresh.getByLabel('Password').fill(password);
  await fresh.getByRole('button', { name: 'Log in' }).click();
  await fresh.locator('#notebook_list').waitFor({ timeout: 30_000 });
  await context.close();
});

test('a running notebook counts against the quota; it stops and is deleted', async () => {
  await page.goto(`${sandbox.url}/console/notebooks/new`);
  await page.getByText('Needs 4 CPU; your quota in Team is 2 CPU and 1 CPU in use').waitFor();
  await page.getByRole('link', { name: 'Notebooks' }).click();
  const row = page.getByRole('row', { name: /first/ });
  await row.getByRole('button', { name: 'Stop first' }).click();
  await row.getByText('Stopped', { exact: true }).waitFor({ timeout: 60_000 });
  await row.getByRole('button', { name: 'Delete first' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await row.waitFor({ state: 'detached', timeout: 60_000 });
});

test('a user submits a job, reads its logs and runs it again; cancels a long one', async () => {
  await page.getByRole('link', { name: 'Jobs' }).click();
  await page.getByRole('button', { name: 'New job' }).click();
  await page.getByRole('radio', { name: /Small machine/ }).check();
  await choose('Image', 'base');
  await page.getByRole('textbox', { name: 'Job name' }).fill('train');
  await page.getByRole('textbox', { name: 'Command' }).fill('python train.py');
  await submit('Submit', 'Jobs');
  // kwok ends a job's pod at once, with exit code 0, unless the job's annotations say otherwise.
  const row = page.getByRole('row', { name: /^train/ });
  await row.getByText('Succeeded', { exact: true }).waitFor({ timeout: 60_000 });
  await shot('user-jobs');

  await row.getByRole('button', { name: 'Logs of train' }).click();
  const drawer = page.getByRole('dialog', { name: 'Logs of train' });
  // kwok's stand-in for the container's output, read through the API server.
  await drawer.getByText(/simulated by kwok/).waitFor();
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  await row.getByRole('button', { name: 'Rerun train' }).click();
  await page.getByRole('row', { name: /rerun of/ }).waitFor();

  // A job that runs for ten minutes in the sandbox, made as alice's.
  sandbox.kubectl('create', '-f', '-', { input: JSON.stringify({
    apiVersion: 'primehub.io/v1beta1',
    kind: 'PhJob',
    metadata: { name: 'long', namespace: 'primehub', annotations: { 'primehub.io/sandbox-duration': '10m' } },
    spec: { displayName: 'long', user: 'alice', group: 'team', instanceType: 'small', image: 'base', command: 'sleep 600' },
  }) });
  await page.reload();
  const long = page.getByRole('row', { name: /^long/ });
  await long.getByText('Running', { exact: true }).waitFor({ timeout: 60_000 });
  await long.getByRole('button', { name: 'Cancel long' }).click();
  await page.getByRole('button', { name: 'Cancel job' }).click();
  await long.getByText('Cancelled', { exact: true }).waitFor({ timeout: 60_000 });
});

test('a user schedules a job and runs it at once', async () => {
  await page.getByRole('link', { name: 'Schedules' }).click();
  await page.getByRole('button', { name: 'New schedule' }).click();
  await page.getByRole('radio', { name: /Small machine/ }).check();
  await choose('Image', 'base');
  await page.getByRole('textbox', { name: 'Schedule name' }).fill('nightly');
  await page.getByRole('textbox', { name: 'Command' }).fill('python nightly.py');
  await submit('Create', 'Schedules');
  const row = page.getByRole('row', { name: /^nightly/ });
  await row.getByText('daily').waitFor();
  await shot('user-schedules');
  await row.getByRole('button', { name: 'Run nightly now' }).click();
  await page.getByText(/^Submitted job \S+ of /).waitFor();
  await page.getByRole('link', { name: 'Jobs' }).click();
  await page.getByRole('row', { name: /^nightly/ }).first().waitFor();
});

test('a user makes a profile and adds a contributor', async () => {
  await page.getByRole('link', { name: 'Profiles' }).click();
  await page.getByRole('textbox', { name: 'Profile name' }).fill('alice-lab');
  await page.getByRole('button', { name: 'Create profile' }).click();
  const row = page.getByRole('row', { name: /alice-lab/ });
  await row.getByText('alice (User)').waitFor();
  await row.getByRole('button', { name: 'Expand row' }).click();
  const add = page.getByRole('form', { name: 'Add a contributor to alice-lab' });
  await add.getByRole('textbox', { name: 'Name' }).fill('phadmin');
  await add.getByRole('button', { name: 'Add contributor' }).click();
  await page.getByRole('table', { name: 'Contributors of alice-lab' }).getByRole('cell', { name: 'phadmin', exact: true }).waitFor();
  await row.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
  await shot('user-profiles');
});

test('a user deploys a model, sees it Deployed, makes a client credential and sees the example call', async () => {
  await page.getByRole('link', { name: 'Deployments' }).click();
  await page.getByRole('button', { name: 'New deployment' }).click();
  await page.getByRole('heading', { name: 'Deploy a model' }).waitFor();
  // team deploys, but its endpoints may not be public: the option is off, with the reason.
  assert.equal(await page.getByRole('radio', { name: /^Public/ }).isDisabled(), true, 'the public endpoint is disabled');
  await page.getByText('Group team does not allow public endpoints').waitFor();
  await page.getByRole('textbox', { name: 'Deployment name' }).fill('iris');
  await page.getByRole('combobox', { name: 'Instance type' }).click();
  await page.getByTitle('Small machine').click();
  await dropdownsClosed();
  await page.getByRole('textbox', { name: 'Model image' }).fill('infuseai/sklearn-prepackaged:v0.1.0');
  await page.getByRole('button', { name: 'Deploy' }).click();
  await page.getByRole('heading', { name: 'Endpoint' }).waitFor();
  // kwok runs its pod: the page polls until it is Deployed.
  await page.getByText('Deployed', { exact: true }).waitFor({ timeout: 60_000 });
  const id = new URL(page.url()).pathname.split('/').at(-1);
  const endpoint = `${sandbox.url}/deployment/${id}/`;
  const example = page.getByLabel('Example call');
  assert.equal(
    (await example.locator('pre').innerText()).trim(),
    `curl -X POST -u <client-name>:<client-secret> ${endpoint}api/v1.0/predictions -H 'Content-Type: application/json' -d '{"data": {"ndarray": [[1, 2, 3, 4]]}}'`,
  );
  await example.getByRole('button', { name: 'Copy' }).waitFor();

  await page.getByRole('textbox', { name: 'New client name' }).fill('app');
  await page.getByRole('button', { name: 'Add client' }).click();
  await page.getByText('Client app made. Copy its secret now: it is not shown again.').waitFor();
  const secret = (await page.locator('.ant-alert-success code').innerText()).trim();
  await page.getByRole('table', { name: 'Client credentials' }).getByRole('cell', { name: 'app', exact: true }).waitFor();
  await shot('user-deployment');
  // The credential gets past primehub (no model server stands at kwok's pod: 502); none: 401.
  const call = (headers) => fetch(`${endpoint}api/v1.0/predictions`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
  assert.equal((await call({})).status, 401);
  assert.equal((await call({ Authorization: `Basic ${Buffer.from(`app:${secret}`).toString('base64')}` })).status, 502);
});

test('a user installs an app from the store, sees it in the list, reads its logs and stops it', async () => {
  // The templates primehub ships, applied as docs/apps.md says.
  sandbox.kubectl('apply', '-n', 'primehub', '-f', join(import.meta.dirname, '../../config/apptemplates/code-server.yaml'));
  await page.getByRole('link', { name: 'Apps' }).click();
  await page.getByRole('button', { name: 'App store' }).click();
  await page.getByRole('button', { name: 'Install code-server' }).click();
  const form = page.getByRole('form', { name: 'Install code-server' });
  await form.getByRole('textbox', { name: 'ID' }).fill('editor');
  await form.getByRole('radio', { name: 'Small machine' }).check();
  await shot('user-app-install');
  await form.getByRole('button', { name: 'Install' }).click();
  await page.getByRole('heading', { name: 'Apps' }).waitFor();
  const row = page.getByRole('row', { name: /editor/ });
  await row.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
  await shot('user-apps');
  // Its pod's logs: kwok's stand-in for the container's output, read through the API server.
  await row.getByRole('button', { name: 'Logs of editor' }).click();
  const drawer = page.getByRole('dialog', { name: 'Logs of editor' });
  await drawer.getByText(/simulated by kwok/).waitFor();
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  await row.getByRole('button', { name: 'Stop editor' }).click();
  await row.getByText('Stopped', { exact: true }).waitFor({ timeout: 60_000 });
  await row.getByRole('button', { name: 'Start editor' }).waitFor();
});

test('a user makes an API token, sees it once, and logs out', async () => {
  await page.getByRole('link', { name: 'API tokens' }).click();
  await page.getByRole('textbox', { name: 'Token name' }).fill('laptop');
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = await page.getByLabel('API token', { exact: true }).innerText();
  assert.match(token, /\S{20,}/);
  await shot('user-api-token');
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('cell', { name: 'laptop', exact: true }).waitFor();
  // The token works as a Bearer token on the API.
  const res = await fetch(`${sandbox.url}/api/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token.trim()}` },
    body: JSON.stringify({ query: '{ me { username } }' }),
  });
  assert.deepEqual(await res.json(), { data: { me: { username: 'alice' } } });
  await logout();
});

test('an administrator sees every running notebook and stops one', async () => {
  // A notebook of alice's, made as the console would.
  sandbox.kubectl('create', '-f', '-', { input: JSON.stringify({
    apiVersion: 'primehub.io/v1beta1',
    kind: 'Notebook',
    metadata: { name: 'second', namespace: 'primehub' },
    spec: { user: 'alice', group: 'team', instanceType: 'small', image: 'base' },
  }) });
  await login('phadmin', sandbox.adminPassword);
  await page.getByRole('link', { name: 'Running notebooks' }).click();
  const row = page.getByRole('row', { name: /primehub\/second/ });
  await row.waitFor({ timeout: 60_000 });
  await row.getByRole('cell', { name: 'alice', exact: true }).waitFor();
  await row.getByRole('cell', { name: 'small', exact: true }).waitFor();
  await shot('admin-running-notebooks');
  await row.getByRole('button', { name: 'Stop second of alice' }).click();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await row.waitFor({ state: 'detached', timeout: 60_000 });
  await logout();
});

test('the browser console shows no errors', () => {
  assert.deepEqual(consoleErrors, []);
});

test('the pages have no serious accessibility violations', () => {
  assert.deepEqual(a11yViolations, []);
});
