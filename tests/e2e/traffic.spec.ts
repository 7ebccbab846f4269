/** Requests animated along the traced path: outcomes, distribution, and the Trace panel. */
import { expect, test } from './fixtures';

const client = 'external:203.0.113.10';

test('a request to node-3 nodePort reaches the pod on node-1, masqueraded', async ({
  playground,
}) => {
  await playground.open('cross-node');
  await playground.sendRequests(client, 'node-3 192.168.1.13:30080', 1);
  const result = playground.requestResult();
  await expect(result).toHaveAttribute('data-verdict', 'DNAT');
  await expect(result).toHaveAttribute('data-pod', 'default/hello');
  await expect(result).toHaveAttribute('data-pod-node', 'node-1');
  await expect(result).toHaveAttribute('data-masquerade', 'true');
  await expect(result).toHaveAttribute('data-source-seen', '192.168.1.13');
  await expect(result).toContainText('sees 192.168.1.13 (masqueraded)');
});

test('under externalTrafficPolicy Local a request to a node without a local pod is dropped there', async ({
  playground,
}) => {
  await playground.open('external-traffic-local');
  const outcomes: { node: string; verdict: string | null; podNode: string | null }[] = [];
  for (const node of ['node-1', 'node-2', 'node-3']) {
    await playground.sendRequests(client, `${node} `, 1);
    const result = playground.requestResult();
    outcomes.push({
      node,
      verdict: await result.getAttribute('data-verdict'),
      podNode: await result.getAttribute('data-pod-node'),
    });
    if ((await result.getAttribute('data-verdict')) === 'DROP') {
      await expect(result).toHaveAttribute('data-stopped-at', node);
      await playground.showPanel('trace');
      await expect(playground.traceHops().filter({ hasText: '-j DROP' })).toHaveCount(1);
    } else {
      // Served by a pod on the node that received it, which sees the client's own address.
      await expect(result).toHaveAttribute('data-pod-node', node);
      await expect(result).toHaveAttribute('data-source-seen', '203.0.113.10');
    }
  }
  expect(outcomes.filter((o) => o.verdict === 'DROP')).toHaveLength(1);
  expect(outcomes.filter((o) => o.verdict === 'DNAT')).toHaveLength(2);
});

test('100 requests with ClientIP affinity all reach one pod', async ({ playground }) => {
  await playground.open('session-affinity');
  await playground.sendRequests(client, 'node-2 ', 100);
  await expect(playground.distributionRows()).toHaveCount(1);
  await expect(playground.distributionRows()).toHaveAttribute('data-count', '100');
});

test('100 requests under iptables random choice spread over several pods', async ({
  playground,
}) => {
  await playground.open('my-webapp');
  await playground.sendRequests(client, 'node-1 ', 100);
  const rows = playground.distributionRows();
  await expect(rows).toHaveCount(3);
  const counts = await rows.evaluateAll((els) => els.map((el) => Number(el.dataset.count)));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(100);
  expect(Math.max(...counts)).toBeLessThan(100);
});

test('a hop of the trace selects the pod its DNAT sends to and shows the Rules panel', async ({
  playground,
  page,
}) => {
  await playground.open('cross-node');
  await playground.sendRequests(client, 'node-3 192.168.1.13:30080', 1);
  await playground.showPanel('trace');
  const dnat = playground.traceHops().filter({ hasText: '-j DNAT' });
  await expect(dnat).toHaveCount(1);
  await dnat.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tab-rules')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-testid="graph-pod"][data-pod="default/hello"]')).toHaveClass(
    /is-selected/,
  );
});
