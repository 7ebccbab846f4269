/** Keystroke -> worker -> screen: Services and their endpoints follow the editor's text. */
import { expect, test } from './fixtures';

const internalService = `
---
apiVersion: v1
kind: Service
metadata:
  name: web-internal
spec:
  selector:
    app: web-app
    tier: frontend
  ports:
  - port: 8080
    targetPort: 80
`;

const externalDatabase = `apiVersion: v1
kind: Service
metadata:
  name: database
spec:
  ports:
  - port: 5432
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: database-1
  labels:
    kubernetes.io/service-name: database
addressType: IPv4
ports:
- port: 5432
endpoints:
- addresses: ["192.168.1.100"]
`;

test('lists the shipped scenario’s Service with its type and ports', async ({ playground }) => {
  await playground.open('web-service');
  const service = playground.service('default/web-service');
  await expect(service.getByTestId('service-type')).toHaveText('NodePort');
  await expect(service.getByTestId('service-ports')).toHaveText('80:30080/TCP');
});

test('shows a typed Service with the endpoints of the pods it selects', async ({ playground }) => {
  await playground.open('web-service');
  await expect(playground.service('default/web-internal')).toHaveCount(0);
  await playground.pasteAtEnd(internalService);
  const service = playground.service('default/web-internal');
  await expect(service.getByTestId('service-ports')).toHaveText('8080/TCP');
  const endpoint = playground.endpoints('default/web-internal');
  await expect(endpoint).toHaveCount(1);
  await expect(endpoint.getByTestId('endpoint-address')).toHaveText(/^\d+\.\d+\.\d+\.\d+:80$/);
  await expect(endpoint).toHaveAttribute('data-state', 'ready');
});

test('shows the endpoints a typed EndpointSlice gives a selectorless Service', async ({
  playground,
}) => {
  await playground.open('web-service');
  await playground.replaceText(externalDatabase);
  const endpoint = playground.endpoints('default/database');
  await expect(endpoint.getByTestId('endpoint-address')).toHaveText('192.168.1.100:5432');
  await expect(playground.service('default/web-service')).toHaveCount(0);
});

test('keeps the edited text across a reload', async ({ playground, page }) => {
  await playground.open('web-service');
  await playground.pasteAtEnd(internalService);
  await expect(playground.service('default/web-internal')).toHaveCount(1);
  await page.waitForTimeout(400);
  await page.reload();
  await expect(playground.service('default/web-internal')).toHaveCount(1);
});

test('loads a scenario chosen in the picker and names it in the URL', async ({
  playground,
  page,
}) => {
  await playground.open('web-service');
  await playground.scenarioPicker.selectOption('my-webapp');
  await expect(playground.service('default/my-webapp-nodeport')).toHaveCount(1);
  await expect(page).toHaveURL(/\?scenario=my-webapp$/);
});
