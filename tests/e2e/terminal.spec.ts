/** The Terminal panel: kubectl's output, edits of the YAML, curl animated in the graph, completion and history. */
import { expect, test } from './fixtures';

test('kubectl get svc prints kubectl columns', async ({ playground }) => {
  await playground.open('my-webapp');
  await playground.runInTerminal('kubectl get svc');
  const out = await playground.lastTerminalOutput();
  const [header, ...rows] = out.trimEnd().split('\n');
  expect(header).toMatch(/^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE$/);
  expect(rows.find((r) => r.startsWith('my-webapp-nodeport '))).toMatch(
    /^my-webapp-nodeport +NodePort +10\.\d+\.\d+\.\d+ +<none> +80:30080\/TCP +10d$/,
  );
  await expect(playground.page.getByTestId('terminal-prompt')).toHaveText('user@laptop:~$ ');
});

test('kubectl scale edits the YAML and the pods appear', async ({ playground }) => {
  await playground.open('my-webapp');
  await expect(playground.graphPods('default/my-webapp-')).toHaveCount(3);
  await playground.runInTerminal('kubectl scale deployment my-webapp --replicas=5');
  expect(await playground.lastTerminalOutput()).toBe('deployment.apps/my-webapp scaled\n');
  await expect(playground.editor.locator('.view-line', { hasText: 'replicas: 5' })).toHaveCount(1);
  await expect(playground.graphPods('default/my-webapp-')).toHaveCount(5);
  await playground.runInTerminal('kubectl get deploy my-webapp');
  expect(await playground.lastTerminalOutput()).toMatch(/\nmy-webapp +5\/5 +5 +5 +10d\n$/);
  // The edit is a what-if like the others: undo takes it back.
  await playground.page.getByRole('button', { name: 'Undo', exact: true }).first().click();
  await expect(playground.graphPods('default/my-webapp-')).toHaveCount(3);
});

test('curl from a pod to a Service prints the answering pod and animates the request', async ({
  playground,
}) => {
  await playground.open('my-webapp');
  const [from = ''] = await playground.graphPodKeys('default/my-webapp-');
  await playground.runInTerminal(`kubectl exec -it ${from.split('/')[1] ?? ''} -- sh`);
  await expect(playground.page.getByTestId('terminal-prompt')).toHaveText('/ # ');
  const before = await playground.requestResult().getAttribute('data-batch');
  await playground.runInTerminal('curl http://my-webapp-clusterip');
  const out = await playground.lastTerminalOutput();
  const hostname = /^Hostname: (\S+)\n/.exec(out)?.[1];
  expect(hostname).toMatch(/^my-webapp-/);
  expect(out).toContain('Host: my-webapp-clusterip\n');
  // The traffic slice received the request as a new batch to animate, reaching the same pod.
  const result = playground.requestResult();
  await expect(result).not.toHaveAttribute('data-batch', before ?? '');
  await expect(result).toHaveAttribute('data-verdict', 'DNAT');
  await expect(result).toHaveAttribute('data-pod', `default/${hostname ?? ''}`);
  await expect(playground.page.getByTestId('packet-layer')).toBeVisible();
});

test('curl to a missing port is refused, and a name does not resolve from outside', async ({
  playground,
}) => {
  await playground.open('my-webapp');
  await playground.runInTerminal('curl http://192.168.1.11:31999');
  expect(await playground.lastTerminalOutput()).toBe(
    'curl: (7) Failed to connect to 192.168.1.11 port 31999 after 1 ms: Connection refused\n',
  );
  await playground.runInTerminal('curl http://my-webapp-clusterip');
  expect(await playground.lastTerminalOutput()).toMatch(
    /^curl: \(6\) Could not resolve host: my-webapp-clusterip\n/,
  );
});

test('a node shows its rules; Tab completes and Up recalls the history', async ({ playground }) => {
  await playground.open('my-webapp');
  await playground.showPanel('terminal');
  const input = playground.terminalInput();
  await input.fill('ssh no');
  await input.press('Tab');
  await expect(input).toHaveValue('ssh node-');
  await input.pressSequentially('2');
  await input.press('Enter');
  await expect(playground.page.getByTestId('terminal-prompt')).toHaveText('root@node-2:~# ');
  await playground.runInTerminal('iptables-save -t nat | grep -c KUBE-SVC-');
  expect(Number(await playground.lastTerminalOutput())).toBeGreaterThan(2);
  await input.fill('kubectl get dep');
  await input.press('Tab');
  await expect(input).toHaveValue('kubectl get deployments ');
  await input.fill('');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('iptables-save -t nat | grep -c KUBE-SVC-');
  await input.fill('');
  await input.press('Control+d');
  await expect(playground.page.getByTestId('terminal-prompt')).toHaveText('user@laptop:~$ ');
});

/** `kubectl apply` of a Service named extra, its spec lines given, as a here-doc. */
const applyExtraService = (...spec: string[]) =>
  [
    'kubectl apply -f - <<EOF',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: extra',
    'spec:',
    ...spec,
    'EOF',
  ].join('\n');

test('a command entered while others run waits its turn', async ({ playground }) => {
  await playground.open('my-webapp');
  await playground.showPanel('terminal');
  const yaml = applyExtraService('  ports: [{port: 8080}]');
  const input = playground.terminalInput();
  await playground.pasteInTerminal(yaml);
  // Entered at once, while the pasted lines still run one after the other.
  await input.fill('kubectl get svc extra');
  await input.press('Enter');
  await expect(input).toHaveValue('');
  await expect(playground.terminalLines('input')).toHaveCount(9);
  await expect(playground.page.getByTestId('terminal')).toHaveAttribute('data-busy', 'false');
  expect(await playground.lastTerminalOutput()).toMatch(/\nextra +ClusterIP .* 8080\/TCP +10d\n$/);
});

test('a here-doc applies YAML, and HTML in names shows as text', async ({ playground }) => {
  await playground.open('my-webapp');
  await playground.showPanel('terminal');
  const yaml = applyExtraService(
    '  selector: {app: my-webapp}',
    '  ports: [{port: 8080, targetPort: 80}]',
  );
  await playground.pasteInTerminal(yaml);
  await expect(playground.terminalLines('stdout').last()).toHaveText('service/extra created');
  await playground.runInTerminal('kubectl get svc extra');
  expect(await playground.lastTerminalOutput()).toMatch(/\nextra +ClusterIP .* 8080\/TCP +10d\n$/);
  await playground.runInTerminal('kubectl get pods "<img src=x onerror=alert(1)>"');
  expect(await playground.lastTerminalOutput()).toBe(
    'Error from server (NotFound): pods "<img src=x onerror=alert(1)>" not found\n',
  );
  await expect(playground.page.getByTestId('terminal-screen').locator('img')).toHaveCount(0);
});
