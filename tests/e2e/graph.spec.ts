/** The topology graph: nodes as groups with their pods, Services with edges to their endpoints. */
import { expect, test } from './fixtures';

test('draws each node with the pods it runs, and the Services', async ({ playground, page }) => {
  await playground.open('my-webapp');
  const graph = page.getByTestId('graph');
  await expect(graph.getByTestId('graph-node')).toHaveCount(3);
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
