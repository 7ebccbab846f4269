/**
 * `kubectl describe service`: describeService of k8s.io/kubectl/pkg/describe/describe.go, laid out
 * by its tabbedString writer (padding 2). Events are not modelled: the playground has none, so
 * `Events: <none>`, as for a Service nothing has happened to.
 */
import type { Cluster, EndpointSlice, Service } from '../model';
import { joinHostPort } from '../net/ip';
import { formatLabels } from './labels';
import type { CommandOutput } from './output';
import { alignColumns, describeTabwriter } from './tabwriter';

/** The annotation describe leaves out (skipAnnotations). */
const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';
const maxAnnotationLength = 140;

const byteSort = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** printLabelsMultiline (describe.go): one `key=value` per line, sorted. */
function labelLines(title: string, labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort(byteSort);
  if (keys.length === 0) return `${title}:\t<none>\n`;
  return keys.map((k, i) => `${i === 0 ? `${title}:` : ''}\t${k}=${labels?.[k] ?? ''}\n`).join('');
}

/** printAnnotationsMultiline (describe.go): long or multi-line values on their own lines. */
function annotationLines(annotations: Record<string, string> | undefined): string {
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== lastApplied)
    .sort(byteSort);
  if (keys.length === 0) return 'Annotations:\t<none>\n';
  let out = 'Annotations:\t';
  keys.forEach((key, i) => {
    if (i !== 0) out += '\t';
    const value = (annotations?.[key] ?? '').replace(/\n$/, '');
    if (value.length + key.length + 2 > maxAnnotationLength || value.includes('\n')) {
      out += `${key}:\n`;
      for (const line of value.split('\n')) {
        const shown =
          line.length > maxAnnotationLength - 2
            ? `${line.slice(0, maxAnnotationLength - 2)}...`
            : line;
        out += `\t  ${shown}\n`;
      }
    } else {
      out += `${key}: ${value}\n`;
    }
  });
  return out;
}

/**
 * printers.EscapeTerminal (k8s.io/cli-runtime/pkg/printers/terminal.go), which describe's
 * PrefixWriter applies to everything it writes: ESC as `^[`, carriage return as `\\r`.
 */
function escapeTerminal(text: string): string {
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

/**
 * formatEndpointSlices (describe.go): the ready endpoints (ready unset counts as ready) of the
 * slice ports named like the Service port, at most 3, then `+ N more...`.
 */
export function formatEndpointSlices(slices: EndpointSlice[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const slice of slices) {
    const ports = slice.ports ?? [];
    const endpoints = slice.endpoints ?? [];
    if (ports.length === 0) {
      for (const e of endpoints) {
        if (list.length === max) more = true;
        if (e.conditions?.ready === false) continue;
        if (!more) list.push(e.addresses?.[0] ?? '');
        count += 1;
      }
      continue;
    }
    for (const port of ports) {
      if ((port.name ?? '') !== portName) continue;
      for (const e of endpoints) {
        if (list.length === max) more = true;
        if (e.conditions?.ready === false) continue;
        if (!more) list.push(joinHostPort(e.addresses?.[0] ?? '', port.port ?? 0));
        count += 1;
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}

/** buildIngressString (describe.go). */
function ingressString(service: Service): string {
  return (service.status?.loadBalancer?.ingress ?? [])
    .map((i) => (i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ''}` : (i.hostname ?? '')))
    .join(', ');
}

/** The text describeService prints for a Service and the EndpointSlices labelled with its name. */
export function describeService(service: Service, slices: EndpointSlice[]): string {
  const spec = service.spec ?? {};
  let out = `Name:\t${service.metadata.name ?? ''}\n`;
  out += `Namespace:\t${service.metadata.namespace ?? 'default'}\n`;
  out += labelLines('Labels', service.metadata.labels);
  out += annotationLines(service.metadata.annotations);
  out += `Selector:\t${formatLabels(spec.selector)}\n`;
  out += `Type:\t${spec.type ?? ''}\n`;
  if (spec.ipFamilyPolicy !== undefined) out += `IP Family Policy:\t${spec.ipFamilyPolicy}\n`;
  out += `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`;
  out += `IP:\t${spec.clusterIP ?? ''}\n`;
  out += `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`;
  if (spec.externalIPs?.length) out += `External IPs:\t${spec.externalIPs.join(',')}\n`;
  if (spec.loadBalancerIP) out += `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`;
  if (spec.externalName) out += `External Name:\t${spec.externalName}\n`;
  if (service.status?.loadBalancer?.ingress?.length) {
    out += `LoadBalancer Ingress:\t${ingressString(service)}\n`;
  }
  for (const port of spec.ports ?? []) {
    const name = port.name || '<unset>';
    const protocol = port.protocol ?? '';
    out += `Port:\t${name}\t${port.port ?? 0}/${protocol}\n`;
    out += `TargetPort:\t${port.targetPort ?? 0}/${protocol}\n`;
    if (port.appProtocol !== undefined) out += `AppProtocol:\t${port.appProtocol}\n`;
    if (port.nodePort) out += `NodePort:\t${name}\t${port.nodePort}/${protocol}\n`;
    out += `Endpoints:\t${formatEndpointSlices(slices, port.name ?? '')}\n`;
  }
  out += `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`;
  if (spec.externalTrafficPolicy)
    out += `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`;
  if (spec.internalTrafficPolicy !== undefined) {
    out += `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`;
  }
  if (spec.healthCheckNodePort) out += `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`;
  if (spec.loadBalancerSourceRanges?.length) {
    out += `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`;
  }
  if (spec.trafficDistribution !== undefined) {
    out += `Traffic Distribution:\t${spec.trafficDistribution}\n`;
  }
  out += 'Events:\t<none>\n';
  return alignColumns(escapeTerminal(out), describeTabwriter);
}

/** Runs `kubectl describe service NAME` against the simulated cluster. */
export function renderDescribeService(
  cluster: Cluster,
  namespace: string,
  name: string,
): CommandOutput {
  const service = cluster.services.find(
    (s) => s.metadata.name === name && (s.metadata.namespace ?? 'default') === namespace,
  );
  if (!service) {
    return {
      stdout: '',
      stderr: `Error from server (NotFound): services "${name}" not found\n`,
      exitCode: 1,
    };
  }
  const slices = cluster.endpointSlices
    .filter(
      (s) =>
        (s.metadata.namespace ?? 'default') === namespace &&
        s.metadata.labels?.['kubernetes.io/service-name'] === name,
    )
    .sort((a, b) => byteSort(a.metadata.name ?? '', b.metadata.name ?? ''));
  return { stdout: describeService(service, slices), stderr: '', exitCode: 0 };
}
