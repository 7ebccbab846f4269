/** Lesson: a Service without a selector, and the Endpoints written by hand. */
import { fail, pass, requestCheck, serviceCheck } from '../checks';
import type { Lesson } from '../types';
import { clientPod, documents } from '../yaml';

const service = `apiVersion: v1
kind: Service
metadata:
  name: external-database
spec:
  type: ClusterIP
  ports:
  - port: 3306`;

export const manualEndpoints: Lesson = {
  id: 'manual-endpoints',
  title: 'Selectorless Services and manual Endpoints',
  notice:
    'Without a selector, no controller writes a Service’s endpoints: you write them, for example to give a database outside the cluster a stable name and ClusterIP.',
  seed: 'kubernetes-services-nodeport.txt, "Manual endpoint management"',
  steps: [
    {
      title: 'Give external-database its endpoint',
      text: 'external-database has no selector, so it has no endpoints. The database runs outside the cluster at 192.168.1.100:3306. Add an `Endpoints` object named external-database with that address and port (the EndpointSlice mirroring controller copies it into an EndpointSlice, which kube-proxy reads).',
      yaml: documents(service, clientPod()),
      checks: [
        serviceCheck(
          {
            id: 'endpoint',
            service: 'external-database',
            label: 'external-database has the endpoint 192.168.1.100:3306',
            hint: 'A new document: `apiVersion: v1`, `kind: Endpoints`, `metadata.name: external-database`, `subsets: [{ addresses: [{ ip: 192.168.1.100 }], ports: [{ port: 3306 }] }]`.',
          },
          (s) => {
            const found = s.endpoints.some((e) => e.ip === '192.168.1.100' && e.port === 3306);
            const text = s.endpoints.map((e) => `${e.ip}:${e.port}`).join(', ') || 'no endpoints';
            return found ? pass(text) : fail(text);
          },
        ),
      ],
    },
    {
      title: 'Traffic leaves the cluster',
      text: 'Send a request from the client pod to external-database: the name resolves to the ClusterIP, and kube-proxy DNATs the connection to 192.168.1.100:3306, outside the cluster. Applications use the Service’s name, and the database can move by editing the Endpoints only.',
      request: {
        from: 'client',
        service: 'external-database',
        count: 1,
        label: 'Send a request from the client pod',
      },
      checks: [
        requestCheck(
          {
            id: 'outside',
            service: 'external-database',
            label: 'the request is sent to 192.168.1.100:3306',
            hint: 'Write the Endpoints first, then send the request.',
          },
          (batch) => {
            const endpoint = batch.requests[0]?.endpoint ?? 'nowhere';
            return endpoint === '192.168.1.100:3306'
              ? pass(`DNAT to ${endpoint}`)
              : fail(`sent to ${endpoint}`);
          },
        ),
      ],
    },
  ],
};
