/** Lesson: a headless Service (clusterIP: None): DNS answers with the pods' addresses. */
import {
  distinctAddresses,
  fail,
  findService,
  pass,
  readyEndpoints,
  serviceCheck,
} from '../checks';
import type { Lesson, LessonCheck } from '../types';
import { clientPod, deployment, documents } from '../yaml';

const backend = deployment({
  name: 'backend',
  replicas: 3,
  labels: { app: 'backend' },
  image: 'registry.example/backend:1.4',
  containerPort: 8080,
  portName: 'api',
});

const service = `apiVersion: v1
kind: Service
metadata:
  name: backend
spec:
  selector:
    app: backend
  ports:
  - name: api
    port: 8080
    targetPort: api`;

const lookups = [{ id: 'backend', name: 'backend', from: 'default/client' }];

const answered = (id: string, expect: (addresses: string[]) => boolean): LessonCheck['run'] => {
  return (facts) => {
    const answer = facts.lookups[id];
    if (!answer) return fail('Waiting for the DNS answer…');
    const text = answer.addresses.length > 0 ? answer.addresses.join(', ') : answer.outcome;
    return expect(answer.addresses) ? pass(`backend → ${text}`) : fail(`backend → ${text}`);
  };
};

export const headless: Lesson = {
  id: 'headless-services',
  title: 'Headless Services: DNS returns the pods',
  notice:
    'With clusterIP: None there is no virtual IP and no kube-proxy rule: CoreDNS answers the Service’s name with one A record per ready pod.',
  seed: 'kubernetes-services-nodeport.txt, "Headless services" and "DNS Integration"',
  steps: [
    {
      title: 'A normal Service: one name, one virtual IP',
      text: 'From the client pod, `backend` resolves (through the pod’s search list) to backend.default.svc.cluster.local, whose A record is the Service’s ClusterIP. kube-proxy then picks a pod for each connection.',
      yaml: documents(backend, service, clientPod()),
      lookups,
      checks: [
        {
          id: 'cluster-ip-answer',
          label: 'DNS answers backend with its ClusterIP',
          hint: 'Keep backend a ClusterIP Service for this step.',
          run: (facts) => {
            const s = findService(facts.summary, 'backend');
            if (!s) return fail('There is no Service backend.');
            return answered('backend', (a) => a.length === 1 && a[0] === s.clusterIP)(facts);
          },
        },
      ],
    },
    {
      title: 'Make it headless',
      text: 'Set `clusterIP: None` on backend. The Service now has no virtual IP and kube-proxy programs nothing for it; CoreDNS answers `backend` with each ready pod’s address, so the client chooses (client-side load balancing, or a StatefulSet’s stable names).',
      lookups,
      checks: [
        serviceCheck(
          {
            id: 'is-headless',
            service: 'backend',
            label: 'backend is headless (clusterIP: None)',
            hint: 'Under backend’s `spec:` write `clusterIP: None`.',
          },
          (s) =>
            s.clusterIP === 'None' ? pass('clusterIP None') : fail(`clusterIP ${s.clusterIP}`),
        ),
        {
          id: 'pod-answers',
          label: 'DNS answers backend with the three pods’ IPs',
          hint: 'A headless Service’s name resolves to its ready endpoints.',
          run: (facts) => {
            const s = findService(facts.summary, 'backend');
            if (!s) return fail('There is no Service backend.');
            const pods = distinctAddresses(readyEndpoints(s)).sort();
            return answered(
              'backend',
              (a) =>
                s.clusterIP === 'None' && pods.length === 3 && [...a].sort().join() === pods.join(),
            )(facts);
          },
        },
      ],
    },
  ],
};
