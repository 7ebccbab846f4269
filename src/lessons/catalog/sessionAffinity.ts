/** Lesson: sessionAffinity: ClientIP keeps a client on one pod. */
import { describeCounts, fail, pass, podCounts, requestCheck } from '../checks';
import type { Lesson } from '../types';
import { deployment, documents } from '../yaml';

const cart = deployment({
  name: 'cart',
  replicas: 3,
  labels: { app: 'cart' },
  image: 'registry.example/cart:2.3',
  containerPort: 8080,
  portName: 'http',
});

const service = `apiVersion: v1
kind: Service
metadata:
  name: cart
spec:
  type: NodePort
  selector:
    app: cart
  ports:
  - name: http
    port: 80
    targetPort: http`;

const request = {
  service: 'cart',
  via: 'nodePort' as const,
  count: 100 as const,
  label: 'Send 100 requests from one client',
};

export const sessionAffinity: Lesson = {
  id: 'session-affinity',
  title: 'Session affinity: ClientIP',
  notice:
    'Without affinity, one client’s requests spread over the pods; with sessionAffinity: ClientIP, kube-proxy remembers the pod each client reached and sends it there again.',
  seed: 'kubernetes-services-nodeport.txt, "Session affinity"',
  steps: [
    {
      title: 'Without affinity, requests spread',
      text: 'One external client sends 100 requests to cart’s nodePort: each new connection picks a pod, so the client’s requests land on all three.',
      yaml: documents(cart, service),
      request,
      checks: [
        requestCheck(
          {
            id: 'spread',
            service: 'cart',
            minCount: 100,
            label: 'one client’s 100 requests reach all three pods',
            hint: 'Press “Send 100 requests from one client”.',
          },
          (batch) =>
            podCounts(batch).length === 3
              ? pass(describeCounts(batch))
              : fail(describeCounts(batch)),
        ),
      ],
    },
    {
      title: 'ClientIP keeps a client on one pod',
      text: 'Set `sessionAffinity: ClientIP` on cart. kube-proxy then marks each client’s choice (iptables `-m recent --set`) and sends the client’s next connections to the same pod (`--rcheck --seconds 10800`, or `sessionAffinityConfig.clientIP.timeoutSeconds`). Send 100 requests again.',
      request,
      checks: [
        requestCheck(
          {
            id: 'sticky',
            service: 'cart',
            minCount: 100,
            label: 'with ClientIP affinity, all 100 requests reach one pod',
            hint: 'Under cart’s `spec:` write `sessionAffinity: ClientIP`, then send 100 requests.',
          },
          (batch) => {
            const counts = podCounts(batch);
            return counts.length === 1 && (batch.verdicts.DNAT ?? 0) === batch.requests.length
              ? pass(describeCounts(batch))
              : fail(describeCounts(batch));
          },
        ),
      ],
    },
  ],
};
