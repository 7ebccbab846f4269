/** Lesson: iptables chooses at random, IPVS takes turns (round-robin). */
import { describeCounts, fail, pass, podCounts, requestCheck } from '../checks';
import type { Lesson, LessonCheck } from '../types';

const proxyMode = (mode: string): LessonCheck => ({
  id: `mode-${mode}`,
  label: `kube-proxy runs in ${mode} mode`,
  hint: `Pick ${mode} in the toolbar’s kube-proxy menu, or add a KubeProxyConfiguration document with \`mode: ${mode}\`.`,
  run: ({ summary }) =>
    summary.proxyMode === mode ? pass(`mode ${mode}`) : fail(`mode ${summary.proxyMode}`),
});

const request = {
  service: 'my-webapp-nodeport',
  via: 'nodePort' as const,
  count: 100 as const,
  label: 'Send 100 requests to node-1:30080',
};

export const proxyModes: Lesson = {
  id: 'iptables-vs-ipvs',
  title: 'iptables versus IPVS: random or round-robin',
  notice:
    'Send 100 requests in each mode: iptables picks each endpoint at random (uneven counts), IPVS’s default scheduler takes turns (33, 33, 34).',
  seed: 'kubernetes-services-nodeport.txt, "Multi-Pod Load Balancing"; clusterip-and-nodeport-in-action.txt',
  steps: [
    {
      title: 'iptables: a random choice per connection',
      text: 'In iptables mode, the Service’s KUBE-SVC chain has one rule per endpoint: the first matches with probability 1/3, the next 1/2 of the rest, the last always. Each new connection is a fresh draw. Send 100 requests and read the counts on the pods.',
      scenario: 'my-webapp',
      request,
      checks: [
        proxyMode('iptables'),
        requestCheck(
          {
            id: 'iptables-spread',
            service: 'my-webapp-nodeport',
            minCount: 100,
            label: '100 requests in iptables mode reach all three pods',
            hint: 'Press the send button above.',
          },
          (batch) =>
            batch.mode === 'iptables' && podCounts(batch).length === 3
              ? pass(describeCounts(batch))
              : fail(`${batch.mode}: ${describeCounts(batch)}`),
        ),
      ],
    },
    {
      title: 'IPVS: round-robin',
      text: 'Switch kube-proxy to IPVS: it programs a virtual server per Service address with the real servers behind it (`ipvsadm -Ln` in the Rules panel), and its default scheduler, `rr`, gives each pod its turn. Send 100 requests again and compare.',
      request,
      checks: [
        proxyMode('ipvs'),
        requestCheck(
          {
            id: 'ipvs-even',
            service: 'my-webapp-nodeport',
            minCount: 100,
            label: '100 requests in IPVS mode are spread evenly (round-robin)',
            hint: 'Switch to ipvs first, then send 100 requests.',
          },
          (batch) => {
            const counts = podCounts(batch).map((c) => c.count);
            const even = counts.length === 3 && Math.max(...counts) - Math.min(...counts) <= 1;
            return batch.mode === 'ipvs' && even
              ? pass(describeCounts(batch))
              : fail(`${batch.mode}: ${describeCounts(batch)}`);
          },
        ),
      ],
    },
    {
      title: 'Another scheduler: source hashing',
      text: 'IPVS has other schedulers. With `ipvs: { scheduler: sh }` in the KubeProxyConfiguration, the real server is chosen by a hash of the client’s address: all 100 requests of one client reach one pod.',
      request,
      checks: [
        requestCheck(
          {
            id: 'ipvs-sh',
            service: 'my-webapp-nodeport',
            minCount: 100,
            label: 'with the sh scheduler, one client’s 100 requests reach one pod',
            hint: 'In the KubeProxyConfiguration document: `mode: ipvs` and `ipvs:` / `  scheduler: sh`; then send 100 requests.',
          },
          (batch) =>
            batch.mode === 'ipvs' && podCounts(batch).length === 1
              ? pass(describeCounts(batch))
              : fail(`${batch.mode}: ${describeCounts(batch)}`),
        ),
      ],
    },
  ],
};
