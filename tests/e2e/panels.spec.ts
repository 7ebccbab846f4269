/** The Endpoints, DNS and Rules panels, and cross-highlighting between them, the graph and the editor. */
import { expect, test } from './fixtures';

/** Two more pods for web-service: one whose tier label differs, one not ready. */
const morePods = `
---
apiVersion: v1
kind: Pod
metadata:
  name: api-pod
  labels:
    app: web-app
    tier: backend
spec:
  containers:
  - name: api
    image: nginx:1.21
    ports:
    - containerPort: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: slow-pod
  labels:
    app: web-app
    tier: frontend
spec:
  containers:
  - name: web
    image: nginx:1.21
    ports:
    - containerPort: 80
status:
  phase: Running
  podIP: 10.244.1.50
  conditions:
  - type: Ready
    status: "False"
    reason: ContainersNotReady
`;

const payload = '<img src=x onerror="window.__injected=1">';

/** A Service with HTML in an annotation (accepted). */
const htmlAnnotation = `
---
apiVersion: v1
kind: Service
metadata:
  name: html-notes
  annotations:
    note: '${payload}<b>bold</b>'
spec:
  selector:
    app: web-app
  ports:
  - port: 81
    targetPort: 80
`;

/** A Service with HTML in a label: the API server rejects it, and says why. */
const htmlLabel = `
---
apiVersion: v1
kind: Service
metadata:
  name: html-label
  labels:
    team: '${payload}'
spec:
  ports:
  - port: 82
`;

test('the Endpoints panel explains a label mismatch and a pod that is not ready', async ({
  playground,
}) => {
  await playground.open('web-service');
  await playground.pasteAtEnd(morePods);
  await playground.selectService('default/web-service');
  await playground.showPanel('endpoints');

  const ready = playground.podExplanation('default/web-pod');
  await expect(ready).toHaveAttribute('data-endpointslice', 'ready');

  const mismatch = playground.podExplanation('default/api-pod');
  await expect(mismatch).toHaveAttribute('data-selected', 'false');
  await expect(mismatch.getByTestId('reason')).toHaveAttribute('data-code', 'label-mismatch');
  await expect(mismatch.getByTestId('reason')).toContainText('tier=backend');
  await expect(mismatch.getByTestId('reason')).toContainText('tier=frontend');

  const slow = playground.podExplanation('default/slow-pod');
  await expect(slow).toHaveAttribute('data-endpoints', 'not-ready');
  await expect(slow.getByTestId('reason')).toHaveAttribute('data-code', 'not-ready');
  await expect(slow.getByTestId('reason')).toContainText('Ready is False (ContainersNotReady)');

  const outputs = playground.page.getByTestId('kubectl-output');
  await expect(outputs.first()).toContainText('kubectl get endpoints web-service');
  await expect(outputs.nth(1)).toContainText('10.244.1.50');
});

test('the DNS panel resolves web-service from a pod to its ClusterIP', async ({ playground }) => {
  await playground.open('web-service');
  const clusterIP = await playground
    .service('default/web-service')
    .getByTestId('service-cluster-ip')
    .innerText();
  const result = await playground.lookUp('web-service', 'default/web-pod');
  await expect(result).toHaveAttribute('data-outcome', 'answer');
  await expect(result.getByTestId('dns-step').first()).toContainText(
    'web-service.default.svc.cluster.local.',
  );
  await expect(result.getByTestId('dns-addresses')).toContainText(clusterIP.trim());
  await expect(playground.page.getByTestId('dns-records')).toContainText(
    `web-service.default.svc.cluster.local. 30 IN A\t${clusterIP.trim()}`,
  );
});

test('the Rules panel shows and highlights the selected Service’s KUBE-SVC chain', async ({
  playground,
}) => {
  await playground.open('web-service');
  await playground.selectService('default/web-service');
  await playground.showPanel('rules');
  const svcRule = playground
    .ruleLines()
    .filter({ hasText: /^\d+-A KUBE-SVC-\w+ .*default\/web-service:http/ })
    .first();
  await expect(svcRule).toBeVisible();
  await expect(svcRule).toHaveAttribute('data-owned', 'true');
  await expect(svcRule).toHaveClass(/rule-owned/);
});

test('clicking a rule selects its Service in the editor', async ({ playground }) => {
  await playground.open('web-service');
  await playground.showPanel('rules');
  const rule = await playground.findRule('default/web-service:http cluster IP');
  await rule.click();
  await expect.poll(() => playground.editorSelectedObject()).toBe('service:default/web-service');
  await expect(playground.editor.locator('.selected-text').first()).toBeVisible();
  // The Service's lines are selected: from `apiVersion` to its last line (nodePort: 30080).
  await expect(playground.cursorLine()).toHaveText('34');
});

test('moving the cursor into a pod selects it in the Endpoints panel', async ({ playground }) => {
  await playground.open('web-service');
  await playground.showPanel('endpoints');
  await playground.editor.locator('.view-line', { hasText: 'name: web-container' }).click();
  await expect(playground.podExplanation('default/web-pod')).toHaveClass(/is-selected/);
});

test('HTML in a Service’s labels and annotations shows as text in every panel', async ({
  playground,
  page,
}) => {
  await playground.open('web-service');
  await playground.pasteAtEnd(htmlAnnotation);
  await playground.selectService('default/html-notes');
  for (const panel of ['services', 'endpoints', 'dns', 'rules', 'problems']) {
    await playground.showPanel(panel);
    await expect(page.locator('.panels img, .panels b')).toHaveCount(0);
  }
  await playground.pasteAtEnd(htmlLabel);
  await playground.showPanel('problems');
  await expect(
    playground.diagnostics.filter({ hasText: '<img src=x onerror=' }).first(),
  ).toBeVisible();
  await expect(page.locator('.panels img, .panels b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();
});

test('the rules a traced request matched are the ones the tracer reported', async ({
  playground,
  page,
}) => {
  await playground.open('web-service');
  await playground.sendRequests('external:203.0.113.10', '192.168.1.11:30080', 1);
  await playground.showPanel('trace');
  const reported = await playground
    .traceHops()
    .and(page.locator('[data-node="node-1"]'))
    .locator('code')
    .allInnerTexts();
  expect(reported.length).toBeGreaterThan(0);
  await playground.showPanel('rules');
  await expect(page.getByTestId('rules-matched')).toBeVisible();
  const highlighted = playground.ruleLines().and(page.locator('[data-hop="true"]'));
  await expect(highlighted.first()).toBeInViewport();
  for (const text of await highlighted.locator('.rule-text').allInnerTexts()) {
    expect(reported).toContain(text);
  }
});

test('choosing a pod a Deployment made selects the Deployment in the editor', async ({
  playground,
  page,
}) => {
  await playground.open('my-webapp');
  await playground.showPanel('endpoints');
  await playground.page.getByTestId('service-picker').selectOption('default/my-webapp-clusterip');
  const row = page.getByTestId('pod-explanation').first();
  const key = await row.getAttribute('data-pod');
  expect(key).toMatch(/^default\/my-webapp-/);
  await row.getByRole('button').first().click();
  await expect.poll(() => playground.editorSelectedObject()).toBe(`pod:${key ?? ''}`);
  await expect(playground.editor).toHaveAttribute('data-selected-lines', '8-26');
});
