/**
 * For the graph: a request addressed by name starts with a DNS lookup. The client pod sends its
 * questions to the nameserver of its resolv.conf (the kube-dns Service's ClusterIP, port 53/UDP),
 * kube-proxy routes them to a CoreDNS pod (the tracer's part), and the answer gives the
 * address the request then goes to.
 */
import type { Cluster, Pod } from '../model';
import { type NameLookup, computeNameLookup } from './search';
import type { DnsServer } from './index';

export interface DnsHop {
  /** The nameserver address the client sends to (resolv.conf), port 53 over UDP. */
  nameserver: string;
  port: 53;
  protocol: 'UDP';
  /** The Service that address belongs to (`namespace/name`), when it is one. */
  service: string | undefined;
  /** The CoreDNS pods behind it (`namespace/name`, address), the endpoints the tracer picks from. */
  servers: { pod: string; ip: string }[];
}

export interface DnsRequestLookup {
  client: string;
  hop: DnsHop | undefined;
  lookup: NameLookup;
}

const key = (o: { metadata?: { namespace?: string; name?: string } }) =>
  `${o.metadata?.namespace ?? 'default'}/${o.metadata?.name ?? ''}`;

/** The DNS part of a request by name from `pod`: where the questions go and what they get. */
export function computeDnsRequest(
  server: DnsServer,
  cluster: Cluster,
  pod: Pod,
  name: string,
): DnsRequestLookup {
  const lookup = computeNameLookup(server, cluster, pod, name);
  const nameserver = lookup.nameserver;
  let hop: DnsHop | undefined;
  if (nameserver !== undefined) {
    const service = cluster.services.find((s) =>
      (s.spec?.clusterIPs ?? [s.spec?.clusterIP]).includes(nameserver),
    );
    const index = service ? `${service.metadata?.name ?? ''}` : undefined;
    const ips = cluster.endpointSlices
      .filter(
        (s) =>
          service !== undefined &&
          s.metadata?.labels?.['kubernetes.io/service-name'] === index &&
          (s.metadata?.namespace ?? 'default') === (service.metadata?.namespace ?? 'default'),
      )
      .flatMap((s) => (s.endpoints ?? []).filter((e) => e.conditions?.ready !== false))
      .flatMap((e) => e.addresses ?? []);
    const servers = ips.map((ip) => {
      const owner = cluster.pods.find((p) => p.status?.podIP === ip);
      return { pod: owner ? key(owner) : '', ip };
    });
    hop = {
      nameserver,
      port: 53,
      protocol: 'UDP',
      service: service ? key(service) : undefined,
      servers,
    };
  }
  return { client: key(pod), hop, lookup };
}
