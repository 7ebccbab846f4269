/** Lesson: only ready pods receive traffic; a deleted pod terminates and is replaced. */
import {
  describeCounts,
  distinctAddresses,
  fail,
  pass,
  podCounts,
  readyEndpoints,
  requestCheck,
  serviceCheck,
} from '../checks';
import type { Lesson } from '../types';
import { deployment, documents } from '../yaml';

const web = deployment({
  name: 'web',
  replicas: 3,
  labels: { app: 'web' },
  image: 'nginx:1.27',
  containerPort: 80,
});

const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
    nodePort: 30080`;

export const podLifecycle: Lesson = {
  id: 'pod-lifecycle',
  title: 'Pod lifecycle and readiness',
  notice:
    'A pod receives traffic only while its readiness probe passes; a pod being deleted stays an endpoint marked terminating, and its Deployment starts a replacement.',
  seed: 'kubernetes-services-nodeport.txt, "Service Lifecycle and Updates"',
  steps: [
    {
      title: 'A pod that is not ready',
      text: 'Mark one of web’s pods not ready, as a failing readiness probe would: select a pod in the graph and press “Mark not ready” (the pod is written out with a Ready condition of False). It stays in the EndpointSlice, with `ready: false`.',
      yaml: documents(web, service),
      checks: [
        serviceCheck(
          {
            id: 'one-not-ready',
            service: 'web',
            label: 'web has two ready endpoints and one not ready',
            hint: 'Click a web pod in the graph, then “Mark not ready” in the bar above the graph.',
          },
          (s) => {
            const ready = distinctAddresses(readyEndpoints(s)).length;
            const all = distinctAddresses(s.endpoints).length;
            const text = `${ready} ready, ${all - ready} not ready`;
            return ready === 2 && all === 3 ? pass(text) : fail(text);
          },
        ),
      ],
    },
    {
      title: 'Traffic goes to ready pods only',
      text: 'kube-proxy writes rules for ready endpoints only. Send 100 requests: the not-ready pod gets none.',
      request: { service: 'web', via: 'nodePort', count: 100, label: 'Send 100 requests to web' },
      checks: [
        requestCheck(
          {
            id: 'ready-only',
            service: 'web',
            minCount: 100,
            label: '100 requests reach the two ready pods only',
            hint: 'Keep one pod not ready (previous step), then send 100 requests.',
          },
          (batch, s) => {
            const ready = new Set(readyEndpoints(s).map((e) => e.pod));
            const counts = podCounts(batch);
            return counts.length === 2 && counts.every((c) => ready.has(c.pod))
              ? pass(describeCounts(batch))
              : fail(describeCounts(batch));
          },
        ),
      ],
    },
    {
      title: 'Deleting a pod',
      text: 'Delete a ready web pod (select it, then “Delete pod”, or press Delete on it in the graph). It is Terminating for its grace period: its endpoint stays, with `ready: false, terminating: true`, so no new connection goes to it, while the ReplicaSet creates a replacement that becomes a new endpoint.',
      checks: [
        serviceCheck(
          {
            id: 'terminating',
            service: 'web',
            label: 'one endpoint of web is terminating',
            hint: 'Select a web pod in the graph and press “Delete pod”.',
          },
          (s) => {
            const terminating = s.endpoints.filter((e) => e.terminating).length;
            return terminating > 0 ? pass(`${terminating} terminating`) : fail('none terminating');
          },
        ),
        serviceCheck(
          {
            id: 'replaced',
            service: 'web',
            label: 'the Deployment’s replacement is a ready endpoint',
            hint: 'The ReplicaSet replaces a deleted pod: there are again as many ready pods as before.',
          },
          (s) => {
            const ready = distinctAddresses(readyEndpoints(s)).length;
            const terminating = s.endpoints.some((e) => e.terminating);
            return terminating && ready >= 2 ? pass(`${ready} ready`) : fail(`${ready} ready`);
          },
        ),
      ],
    },
  ],
};
