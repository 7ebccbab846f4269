/** Lesson: a Service's DNS names: short, <svc>.<ns>, and the FQDN, through the pod's search list. */
import { fail, findService, pass } from '../checks';
import type { LessonCheck, LessonFacts, Lesson } from '../types';
import { clientPod, deployment, documents } from '../yaml';

const api = deployment({
  name: 'api',
  namespace: 'shop',
  replicas: 2,
  labels: { app: 'api' },
  image: 'registry.example/api:3.1',
  containerPort: 8080,
});

const service = `apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
spec:
  selector:
    app: api
  ports:
  - port: 80
    targetPort: 8080`;

const namespace = `apiVersion: v1
kind: Namespace
metadata:
  name: shop`;

const lookups = [
  { id: 'short', name: 'api', from: 'client' },
  { id: 'namespaced', name: 'api.shop', from: 'client' },
  { id: 'fqdn', name: 'api.shop.svc.cluster.local', from: 'client' },
];

function resolvesToApi(
  id: string,
  name: string,
  label: string,
  hint: string,
  expect = true,
): LessonCheck {
  return {
    id,
    label,
    hint,
    run: (facts: LessonFacts) => {
      const answer = facts.lookups[id];
      if (!answer) return fail('Waiting for the DNS answer…');
      const s = findService(facts.summary, 'shop/api');
      const ok = s !== undefined && answer.addresses.includes(s.clusterIP);
      const text =
        answer.addresses.length > 0
          ? `${name} → ${answer.addresses.join(', ')}`
          : `${name} → no address (${answer.outcome})`;
      return ok === expect ? pass(text) : fail(text);
    },
  };
}

export const dnsNames: Lesson = {
  id: 'dns-names',
  title: 'DNS names: short, <service>.<namespace>, FQDN',
  notice:
    'A pod’s resolv.conf searches its own namespace first: the short name works only there; <service>.<namespace> works from anywhere, and so does the full name.',
  seed: 'kubernetes-services-nodeport.txt, "DNS Integration"',
  steps: [
    {
      title: 'Three names for one Service',
      text: 'The api Service lives in namespace shop; the client pod in default. The client’s search list is `default.svc.cluster.local svc.cluster.local cluster.local`: `api` becomes api.default.svc.cluster.local (no such Service), while `api.shop` becomes api.shop.svc.cluster.local. Try them in the DNS panel’s lookup box too.',
      yaml: documents(namespace, api, service, clientPod()),
      lookups,
      checks: [
        resolvesToApi(
          'namespaced',
          'api.shop',
          'api.shop resolves to api’s ClusterIP',
          'From another namespace, add the namespace: api.shop.',
        ),
        resolvesToApi(
          'fqdn',
          'api.shop.svc.cluster.local',
          'the full name api.shop.svc.cluster.local resolves too',
          'The FQDN is <service>.<namespace>.svc.<cluster domain>.',
        ),
        resolvesToApi(
          'short',
          'api',
          'from namespace default, the short name api does not resolve',
          'The short name is searched in the client’s own namespace first.',
          false,
        ),
      ],
    },
    {
      title: 'Make the short name work',
      text: 'Make `api` resolve from the client pod to shop’s api. Either move the client into namespace shop (`namespace: shop` in its metadata), or keep it where it is and add, in default, an ExternalName Service `api` whose `externalName` is api.shop.svc.cluster.local: CoreDNS then answers with a CNAME.',
      lookups,
      checks: [
        resolvesToApi(
          'short',
          'api',
          'the short name api resolves to shop’s api from the client pod',
          'Move the client pod into namespace shop, or add an ExternalName Service api in default.',
        ),
      ],
    },
  ],
};
