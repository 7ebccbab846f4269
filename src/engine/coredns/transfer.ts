/**
 * Every record CoreDNS serves for the cluster: the zone as the `kubernetes` plugin transfers it
 * (coredns plugin/kubernetes/xfr.go), with the records a transfer leaves out (the dns-version TXT,
 * PTR records, pod records) taken from the plugin's own answers.
 */
import { formatIP, parseIP } from '../net/ip';
import { nsAddrs } from './backend';
import { queryCoreDNS } from './handler';
import { soaRecord } from './lookup';
import { joinName, reverseName } from './names';
import { type Backend, backendFor, endpointHostname, namespaceExposed } from './records';
import type { DnsRecord, KubernetesPluginConfig } from './types';
import type { DnsService } from './view';
import type { DnsServer } from './index';

function addressRecord(name: string, ttl: number, host: string): DnsRecord | undefined {
  const ip = parseIP(host);
  if (!ip) return undefined;
  return { name, ttl, class: 'IN', type: ip.family === 4 ? 'A' : 'AAAA', data: formatIP(ip) };
}

function srv(name: string, ttl: number, weight: number, port: number, target: string): DnsRecord {
  // SRV ports are 16-bit: the -1 "no ports" sentinel wraps as Go's uint16 conversion does.
  const data = { priority: 0, weight, port: port & 0xffff, target: joinName(target) };
  return { name, ttl, class: 'IN', type: 'SRV', data };
}

/** calcSRVWeight (xfr.go): the weight of one of `n` equal services. */
function calcSrvWeight(n: number): number {
  return Math.max(1, Math.floor((100 / (n * 100)) * 100));
}

/** transferServices (xfr.go): one Service's records. */
function serviceRecords(b: Backend, svc: DnsService, zone: string): DnsRecord[] {
  const ttl = b.config.ttl;
  const out: DnsRecord[] = [];
  const svcName = joinName(svc.name, svc.namespace, 'svc', zone);
  const named = (proto: string, port: string, base: string) =>
    joinName(`_${port}`.toLowerCase(), `_${proto}`.toLowerCase(), base);
  switch (svc.type) {
    case 'ClusterIP':
    case 'NodePort':
    case 'LoadBalancer': {
      if (parseIP(svc.clusterIPs[0] ?? '')) {
        let host = '';
        for (const ip of svc.clusterIPs) {
          const record = addressRecord(svcName, ttl, ip);
          host = record ? record.name : '';
          if (record) out.push(record);
        }
        for (const p of svc.ports) {
          out.push(srv(svcName, ttl, 100, p.port, host));
          if (p.name !== '')
            out.push(srv(named(p.protocol, p.name, svcName), ttl, 100, p.port, host));
        }
        return out;
      }
      for (const ep of b.view.endpoints) {
        if (ep.index !== `${svc.name}.${svc.namespace}`) continue;
        const weight = calcSrvWeight(ep.addresses.length);
        for (const addr of ep.addresses) {
          const service = addressRecord(svcName, ttl, addr.ip);
          if (service) out.push(service);
          const hostName = joinName(endpointHostname(addr, b.config.endpointPodNames), svcName);
          const endpoint = addressRecord(hostName, ttl, addr.ip);
          if (endpoint) out.push(endpoint);
          for (const p of ep.ports) {
            if (p.name === '') continue;
            out.push(
              srv(named(p.protocol, p.name, svcName), ttl, weight, p.port, endpoint?.name ?? ''),
            );
          }
        }
      }
      return out;
    }
    case 'ExternalName':
      if (!parseIP(svc.externalName)) {
        out.push({
          name: svcName,
          ttl,
          class: 'IN',
          type: 'CNAME',
          data: joinName(svc.externalName),
        });
      }
      return out;
    default:
      return out;
  }
}

/** Transfer (xfr.go): SOA, NS and glue, then every Service by name, then the SOA again. */
export function transferZone(b: Backend, zone: string): DnsRecord[] {
  const soa = soaRecord(b, zone);
  const out: DnsRecord[] = [soa];
  const addresses = nsAddrs(b, zone);
  const hosts = new Set<string>();
  for (const a of addresses) {
    if (hosts.has(a.name)) continue;
    hosts.add(a.name);
    out.push({ name: zone, ttl: b.config.ttl, class: 'IN', type: 'NS', data: a.name });
  }
  for (const a of addresses) {
    const record = addressRecord(a.name, b.config.ttl, a.ip);
    if (record) out.push(record);
  }
  const sorted = [...b.view.services].sort((x, y) =>
    x.name < y.name ? -1 : x.name > y.name ? 1 : 0,
  );
  for (const svc of sorted) {
    if (!namespaceExposed(b, svc.namespace)) continue;
    out.push(...serviceRecords(b, svc, zone));
  }
  out.push(soa);
  return out;
}

export interface DnsTableZone {
  zone: string;
  /** The zone transfer (starting and ending with the SOA), then the records it leaves out. */
  records: DnsRecord[];
}

function reverseNames(b: Backend): string[] {
  const ips = new Set<string>();
  for (const svc of b.view.services) for (const ip of svc.clusterIPs) ips.add(ip);
  for (const ep of b.view.endpoints) for (const a of ep.addresses) ips.add(a.ip);
  const names: string[] = [];
  for (const text of ips) {
    const ip = parseIP(text);
    if (ip) names.push(reverseName(ip.family, ip.value));
  }
  return names;
}

function podNames(b: Backend, zone: string): string[] {
  if (b.config.podMode === 'disabled') return [];
  return b.view.pods.flatMap((p) => {
    const ip = parseIP(p.podIP);
    if (!ip) return [];
    const label =
      ip.family === 4 ? p.podIP.replaceAll('.', '-') : formatIP(ip).replaceAll(':', '-');
    return [joinName(label, p.namespace, 'pod', zone)];
  });
}

function pluginTable(server: DnsServer, config: KubernetesPluginConfig): DnsTableZone[] {
  const b = backendFor(config, server.view);
  const ask = (name: string, type: string) => {
    const response = queryCoreDNS(server.config, server.view, name, type);
    return response.responder === 'kubernetes' && response.rcode === 'NOERROR'
      ? response.answer
      : [];
  };
  const ptrs = reverseNames(b).flatMap((name) => ask(name, 'PTR'));
  const primary = config.zones[config.primaryZoneIndex];
  return config.zones
    .filter((zone) => !zone.endsWith('in-addr.arpa.') && !zone.endsWith('ip6.arpa.'))
    .map((zone) => {
      const records = transferZone(b, zone);
      records.push(...ask(joinName('dns-version', zone), 'TXT'));
      for (const name of podNames(b, zone)) records.push(...ask(name, 'A'), ...ask(name, 'AAAA'));
      // PTR targets are named in the primary zone.
      if (zone === primary) records.push(...ptrs);
      return { zone, records };
    });
}

/** The DNS table of the cluster: per zone of each `kubernetes` plugin, every record it serves. */
export function computeDnsTable(server: DnsServer): DnsTableZone[] {
  return server.config.servers.flatMap((block) =>
    block.kubernetes && block.port === 53 ? pluginTable(server, block.kubernetes) : [],
  );
}
