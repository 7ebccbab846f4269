/** Lesson: nodePort -> port -> targetPort, the three port layers of a NodePort Service. */
import { fail, pass, requestCheck, serviceCheck } from '../checks';
import type { Lesson } from '../types';
import { clientPod, deployment, documents } from '../yaml';

const app = deployment({
  name: 'my-app',
  replicas: 2,
  labels: { app: 'my-app' },
  image: 'registry.example/my-app:1.0',
  containerPort: 8080,
});

const service = `apiVersion: v1
kind: Service
metadata:
  name: my-service
spec:
  type: NodePort
  selector:
    app: my-app
  ports:
  - name: http
    protocol: TCP
    port: 80
    targetPort: 80
    nodePort: 30080`;

export const portLayers: Lesson = {
  id: 'port-layers',
  title: 'The three port layers: nodePort → port → targetPort',
  notice:
    'External traffic to <NodeIP>:30080 and in-cluster traffic to <ClusterIP>:80 both end at the pod’s targetPort, where the application listens.',
  seed: 'kubernetes-services-nodeport.txt, "NodePort Deep Dive: Port Architecture"',
  steps: [
    {
      title: 'The application listens on 8080',
      text: 'my-app’s containers listen on `containerPort: 8080`, but my-service sends to `targetPort: 80`: its endpoints are pod-IP:80, where nothing listens (see the Problems panel). Make my-service send to the containers’ port, and keep the Service on port 80 and nodePort 30080.',
      yaml: documents(app, service, clientPod()),
      checks: [
        serviceCheck(
          {
            id: 'target-port',
            service: 'my-service',
            label: 'every endpoint of my-service is a pod’s port 8080',
            hint: 'targetPort is the pod’s port: set `targetPort: 8080`.',
          },
          (s) => {
            const ports = [...new Set(s.endpoints.map((e) => e.port))];
            if (s.endpoints.length === 0) return fail('my-service has no endpoints.');
            return ports.every((p) => p === 8080)
              ? pass(`endpoints on port ${ports.join(', ')}`)
              : fail(`endpoints on port ${ports.join(', ')}`);
          },
        ),
        serviceCheck(
          {
            id: 'service-port',
            service: 'my-service',
            label: 'the Service still listens on port 80 and nodePort 30080',
            hint: '`port` is the Service’s own port on its ClusterIP: keep `port: 80` and `nodePort: 30080`.',
          },
          (s) => {
            const p = s.ports[0];
            const text = p ? `${p.port}:${p.nodePort ?? '-'}/${p.protocol}` : 'no port';
            return p?.port === 80 && p.nodePort === 30080 ? pass(text) : fail(text);
          },
        ),
      ],
    },
    {
      title: 'One request through the three layers',
      text: 'Send a request from outside to node-1:30080. On the node, kube-proxy’s KUBE-NODEPORTS chain matches the nodePort (30080), jumps to the Service’s chain (the Service port, 80), and a KUBE-SEP chain DNATs it to pod-IP:8080 (the targetPort). The Trace panel lists each rule.',
      request: {
        service: 'my-service',
        via: 'nodePort',
        node: 'node-1',
        count: 1,
        label: 'Send a request to node-1:30080',
      },
      checks: [
        requestCheck(
          {
            id: 'dnat-to-8080',
            service: 'my-service',
            via: 'nodePort',
            label: 'a request to node-1:30080 is sent to a pod’s port 8080',
            hint: 'Fix the targetPort in the previous step, then press the send button.',
          },
          (batch) => {
            const endpoint = batch.requests[0]?.endpoint ?? 'nowhere';
            return endpoint.endsWith(':8080')
              ? pass(`DNAT to ${endpoint}`)
              : fail(`sent to ${endpoint}`);
          },
        ),
      ],
    },
    {
      title: 'A targetPort by name',
      text: 'A targetPort can name the container’s port instead of repeating its number; each pod then says where it listens. Name the container port `http` (`- name: http` above `containerPort: 8080`) and write `targetPort: http`.',
      checks: [
        serviceCheck(
          {
            id: 'named-target-port',
            service: 'my-service',
            label: 'my-service targets the port named http, and its endpoints are on 8080',
            hint: 'In the Deployment’s template: `ports: [{ name: http, containerPort: 8080 }]`; in the Service: `targetPort: http`.',
          },
          (s) => {
            const target = s.ports[0]?.targetPort;
            const ports = [...new Set(s.endpoints.map((e) => e.port))];
            const text = `targetPort ${String(target)}, endpoints on ${ports.join(', ') || 'none'}`;
            return target === 'http' && ports.length > 0 && ports.every((p) => p === 8080)
              ? pass(text)
              : fail(text);
          },
        ),
      ],
    },
  ],
};
