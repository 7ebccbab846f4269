/** The engine's diagnostics reach the editor as markers at the exact field, with kubectl's text. */
import { expect, test } from './fixtures';

const nodePortService = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    nodePort: 30080
`;

const nodePortMessage =
  'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767';

test('marks an invalid nodePort on its line with the API server’s message', async ({
  playground,
}) => {
  await playground.open('web-service');
  await playground.replaceText(nodePortService);
  await playground.showPanel('problems');
  // No error (the teacher's warnings about a selector matching no pod may be there).
  await expect(
    playground.diagnostics.and(playground.page.locator('[data-severity="error"]')),
  ).toHaveCount(0);
  await playground.retypeWord('nodePort: 30080', '30080', '80');
  const diagnostic = playground.diagnostics.filter({ hasText: nodePortMessage });
  await expect(diagnostic).toHaveCount(1);
  await expect(diagnostic).toHaveAttribute('data-line', '11');
  await expect(playground.errorSquiggles()).not.toHaveCount(0);
  const hover = await playground.hoverDiagnostic(diagnostic);
  await expect(hover).toContainText(nodePortMessage);
  await expect(playground.cursorLine()).toHaveText('11');
});

test('marks a YAML syntax error and keeps the last good cluster on screen', async ({
  playground,
}) => {
  await playground.open('web-service');
  await expect(playground.service('default/web-service')).toHaveCount(1);
  await playground.pasteAtEnd('\n---\nkind: [unclosed\n');
  await playground.showPanel('problems');
  const diagnostic = playground.diagnostics.filter({ hasText: 'error converting YAML to JSON' });
  await expect(diagnostic.first()).toBeVisible();
  await expect(playground.page.getByTestId('stale-notice')).toBeVisible();
  const hover = await playground.hoverDiagnostic(diagnostic.first());
  await expect(hover).toBeVisible();
  await playground.showPanel('services');
  await expect(playground.service('default/web-service')).toHaveCount(1);
});
