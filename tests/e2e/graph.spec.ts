/** The topology graph: nodes as groups with their pods, Services with edges to their endpoints. */
import { expect, test } from './fixtures';

test('draws each node with the pods it runs, and the Services', async ({ playground, page }) => {
  await playground.open('my-webapp');
  const graph = page.getByTestId('graph');
  await expect(graph.getByTestId('graph-node')).toHaveCount(3);
  // The scenario gives no Node: the three are the default cluster's, and say so.
  await expect(graph.getByTestId('assumed-node')).toHaveCount(3);
  await expect(
    graph.locator('[data-testid="graph-pod"][data-pod^="default/my-webapp-"]'),
  ).toHaveCount(3);
  await expect(
    graph.locator('[data-testid="graph-service"][data-service="default/my-webapp-nodeport"]'),
  ).toBeVisible();
  // my-webapp-clusterip and my-webapp-nodeport each have three endpoints.
  await expect(
    graph.locator('.react-flow__edge[data-id^="service:default/my-webapp-"]'),
  ).toHaveCount(6);
});

test('shows HTML in names as text', async ({ playground, page }) => {
  await playground.open('web-service');
  await playground.replaceText(`apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
  annotations:
    note: "<img src=x onerror=alert(1)>"
spec:
  containers:
  - name: web
    image: "<script>alert(1)</script>"
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: "<b>web</b>"
  ports:
  - port: 80
`);
  await playground.showPanel('problems');
  const problems = playground.diagnostics;
  await expect(problems.filter({ hasText: '<b>web</b>' }).first()).toBeVisible();
  await expect(page.locator('b, img[src="x"], script:not([src])')).toHaveCount(0);
});

test('draws the clients, the load balancer with its ingress IP, and CoreDNS', async ({
  playground,
  page,
}) => {
  await playground.open('load-balancer');
  await expect(page.getByTestId('graph-client').first()).toContainText('203.0.113.10');
  await expect(page.getByTestId('graph-load-balancer')).toContainText('192.168.1.240');
  await expect(playground.graphService('kube-system/kube-dns')).toContainText('CoreDNS');
  await expect(playground.graphNode('node-1')).toContainText('192.168.1.11');
  await expect(playground.graphNode('node-1')).toContainText('kube-proxy: iptables');
  await expect(playground.graphNode('node-1')).toContainText(/NodePorts: \d+/);
});

test('points an ExternalName Service at its name and a selectorless one at its endpoints', async ({
  playground,
  page,
}) => {
  await playground.open('external-name');
  await expect(
    page.locator(
      '.react-flow__edge[data-id="service:default/payments-api->external:api.payments.example.com"]',
    ),
  ).toHaveCount(1);
  await playground.open('external-database');
  await expect(
    page.locator('[data-testid="graph-external"][data-address="192.168.1.100"]'),
  ).toContainText('manual endpoint');
});

test('switches to the dark theme from the toolbar', async ({ playground, page }) => {
  await playground.open('web-service');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('.react-flow.dark')).toHaveCount(1);
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});
