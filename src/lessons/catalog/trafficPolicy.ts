/** Lesson: NodePort across nodes, and externalTrafficPolicy: Local. */
import { fail, pass, requestCheck, serviceCheck } from '../checks';
import type { Lesson } from '../types';

const hello = 'hello';

export const trafficPolicy: Lesson = {
  id: 'external-traffic-policy',
  title: 'Multiple nodes and externalTrafficPolicy',
  notice:
    'A nodePort is open on every node; by default a node without the pod forwards to another node and masquerades. externalTrafficPolicy: Local drops there instead, and keeps the client’s address.',
  seed: 'kubernetes-services-nodeport.txt, "Multi-Node Deployment" and "External traffic policy"',
  steps: [
    {
      title: 'Any node forwards, masquerading',
      text: 'The only hello pod runs on node-1. Send a request from outside to node-3:30080: node-3 has no hello pod, so kube-proxy DNATs it to the pod on node-1 and masquerades it (SNAT to node-3’s address) so that the reply comes back through node-3. The pod sees node-3, not the client.',
      scenario: 'cross-node',
      request: {
        service: hello,
        via: 'nodePort',
        node: 'node-3',
        count: 1,
        label: 'Send a request to node-3:30080',
      },
      checks: [
        requestCheck(
          {
            id: 'forwarded',
            service: hello,
            via: 'nodePort',
            label: 'a request to node-3 reaches the pod on node-1, masqueraded',
            hint: 'Press “Send a request to node-3:30080”.',
          },
          (batch) => {
            const r = batch.requests[0];
            if (!r?.pod) return fail('The request reached no pod.');
            const text = `reached ${r.pod} on ${r.podNode ?? '?'}; the pod saw ${r.sourceSeen ?? '?'}`;
            return r.masquerade && r.podNode === 'node-1' ? pass(text) : fail(text);
          },
        ),
      ],
    },
    {
      title: 'externalTrafficPolicy: Local drops on nodes without a pod',
      text: 'Set `externalTrafficPolicy: Local` on hello. External traffic is now only sent to pods on the node that received it: node-3 has none, so its KUBE-EXT chain drops the request (“no local endpoints”). A cloud load balancer would stop sending to node-3, through the health check node port.',
      request: {
        service: hello,
        via: 'nodePort',
        node: 'node-3',
        count: 1,
        label: 'Send a request to node-3:30080',
      },
      checks: [
        serviceCheck(
          {
            id: 'local',
            service: hello,
            label: 'hello has externalTrafficPolicy: Local',
            hint: 'Under hello’s `spec:` write `externalTrafficPolicy: Local`.',
          },
          (s) =>
            s.externalTrafficPolicy === 'Local'
              ? pass('Local')
              : fail(s.externalTrafficPolicy ?? 'Cluster'),
        ),
        requestCheck(
          {
            id: 'dropped',
            service: hello,
            via: 'nodePort',
            label: 'a request to node-3:30080 is dropped on node-3',
            hint: 'Set the policy, then send the request to node-3.',
          },
          (batch) => {
            const r = batch.requests[0];
            const text = r?.stoppedAt
              ? `${r.verdict}: ${r.stoppedAt.reason}`
              : `${r?.verdict ?? '?'}`;
            return r?.verdict === 'DROP' ? pass(text) : fail(text);
          },
        ),
      ],
    },
    {
      title: 'Local keeps the client’s address',
      text: 'Now send to node-1, which runs the pod: it is delivered there, without masquerading, so the pod sees the client’s own address (203.0.113.10). That is why Local is chosen: the application can log or filter by client IP. The price: uneven load when nodes run different numbers of pods.',
      request: {
        service: hello,
        via: 'nodePort',
        node: 'node-1',
        count: 1,
        label: 'Send a request to node-1:30080',
      },
      checks: [
        requestCheck(
          {
            id: 'client-ip',
            service: hello,
            via: 'nodePort',
            label: 'under Local, the pod sees the client’s address',
            hint: 'Keep `externalTrafficPolicy: Local`, and send to node-1.',
          },
          (batch) => {
            const r = batch.requests[0];
            const text = r?.pod ? `the pod saw ${r.sourceSeen ?? '?'}` : `${r?.verdict ?? '?'}`;
            return r?.pod && !r.masquerade && r.sourceSeen === r.client ? pass(text) : fail(text);
          },
        ),
      ],
    },
  ],
};
