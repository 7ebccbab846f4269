/**
 * The DNS golden view: every record CoreDNS serves for the scenario (dns.txt, the zone as the
 * `kubernetes` plugin transfers it plus the PTR, pod and dns-version records), and the queries a
 * pod's resolver sends for each user Service looked up by short name, by `<service>.<namespace>`
 * and by FQDN, from a client pod in the Service's namespace and one in another namespace
 * (dns-lookups.txt).
 */
import { simulate } from '../../../src/engine';
import {
  type NameLookup,
  computeDnsServer,
  computeDnsTable,
  computeNameLookup,
  recordLine,
} from '../../../src/engine/coredns';
import type { DnsResponse } from '../../../src/engine/coredns';
import type { GoldenView, Scenario } from './index';

/** Two client pods, labelled so that no Service selects them. */
const clients = `
---
apiVersion: v1
kind: Namespace
metadata: { name: dns-probe }
---
apiVersion: v1
kind: Pod
metadata: { name: dns-client, namespace: default, labels: { role: dns-client } }
spec: { containers: [{ name: dig, image: registry.k8s.io/e2e-test-images/agnhost:2.53 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: dns-client, namespace: dns-probe, labels: { role: dns-client } }
spec: { containers: [{ name: dig, image: registry.k8s.io/e2e-test-images/agnhost:2.53 }] }
`;

function answerText(response: DnsResponse | undefined): string {
  if (!response) return 'no simulated server';
  if (response.responder === 'forward') return 'forwarded upstream';
  if (response.rcode !== 'NOERROR') return response.rcode;
  if (response.answer.length === 0) return 'NODATA';
  return response.answer.map((r) => (r.type === 'CNAME' ? `CNAME ${r.data}` : r.type === 'A' || r.type === 'AAAA' ? r.data : r.type)).join(', ');
}

function lookupText(from: string, lookup: NameLookup): string {
  let out = `${from} looks up ${lookup.query}\n`;
  lookup.steps.forEach((step, i) => {
    const answers = step.queries.map((q) => `${q.type} ${answerText(q.response)}`).join('; ');
    out += `  ${step.name}  ${answers}${i === lookup.answeredBy ? '  <- answer' : ''}\n`;
  });
  if (lookup.answeredBy === undefined) out += `  => ${lookup.outcome}\n`;
  return out;
}

function render(scenario: Scenario): Record<string, string> {
  const { cluster } = simulate(scenario.text + clients);
  const server = computeDnsServer(cluster);
  let table = '';
  for (const finding of server.findings) table += `; ${finding.severity}: ${finding.message}\n`;
  for (const zone of computeDnsTable(server)) {
    table += `; zone ${zone.zone}\n${zone.records.map((r) => `${recordLine(r)}\n`).join('')}\n`;
  }
  const domain = cluster.settings.dnsDomain;
  const services = cluster.services.filter(
    (s) =>
      s.metadata.namespace !== 'kube-system' &&
      !(s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes'),
  );
  const probes = cluster.pods.filter((p) => p.metadata.labels?.role === 'dns-client');
  let lookups = '';
  for (const svc of services) {
    const name = svc.metadata.name ?? '';
    const namespace = svc.metadata.namespace ?? 'default';
    for (const pod of probes) {
      const from = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;
      for (const query of [name, `${name}.${namespace}`, `${name}.${namespace}.svc.${domain}`]) {
        lookups += lookupText(from, computeNameLookup(server, cluster, pod, query));
      }
    }
  }
  const resolvConfs = probes
    .map((pod) => {
      const lookup = computeNameLookup(server, cluster, pod, 'kubernetes.default');
      return `# /etc/resolv.conf of ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}\n${lookup.resolvConf.text}`;
    })
    .join('\n');
  return { 'dns.txt': table, 'dns-lookups.txt': `${resolvConfs}\n${lookups}` };
}

export const dns: GoldenView = { name: 'dns', render };
