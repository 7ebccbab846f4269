/**
 * The `kubernetes` plugin's ServiceBackend: Services (per query type), Reverse, and the
 * addresses of its own name servers (coredns plugin/kubernetes/kubernetes.go, reverse.go, ns.go).
 */
import { formatIP, parseIP } from '../net/ip';
import { joinName, matchZone, splitLabels, trimZone } from './names';
import {
  type Backend,
  type BackendResult,
  type BackendService,
  endpointHostname,
  nameError,
  namespaceExposed,
  parseRequest,
  records,
} from './records';

/** A question as the plugin sees it: `qname` as asked, `name` lowercased, `zone` in the query's case. */
export interface QueryState {
  qname: string;
  name: string;
  zone: string;
  qtype: string;
}

/** DNSSchemaVersion (kubernetes.go), the dns-version TXT. */
export const dnsSchemaVersion = '1.1.0';
const defaultNSName = 'ns.dns.';

export function withName(state: QueryState, qname: string, qtype = state.qtype): QueryState {
  return { qname, name: qname.toLowerCase(), zone: state.zone, qtype };
}

/** isDefaultNS (ns.go): the name is `ns.dns.<zone>` (compared with the zone's case). */
function isDefaultNS(name: string, zone: string): boolean {
  return name.startsWith(defaultNSName) && name.indexOf(zone) === defaultNSName.length;
}

export interface NameServerAddress {
  name: string;
  ip: string;
}

/**
 * nsAddrs (ns.go): the names and addresses the answering CoreDNS pod is reached by: its
 * Services' ClusterIPs (or, headless, their endpoints); for k8s_external (`external`), their
 * external IPs named `<svc>.<ns>.<zone>` (with `headless`, a headless Service's endpoints).
 */
export function nsAddrs(
  b: Backend,
  zone: string,
  external = false,
  headless = false,
): NameServerAddress[] {
  const out: NameServerAddress[] = [];
  let foundEndpoint = false;
  for (const localIP of b.view.localIPs) {
    for (const ep of b.view.endpoints) {
      if (!ep.addresses.some((a) => a.ip === localIP)) continue;
      foundEndpoint = true;
      for (const svc of b.view.services) {
        if (`${svc.name}.${svc.namespace}` !== ep.index) continue;
        const isHeadless = svc.clusterIPs[0] === 'None';
        const svcName = external
          ? joinName(svc.name, svc.namespace, zone)
          : joinName(svc.name, svc.namespace, 'svc', zone);
        if (isHeadless && (!external || headless)) {
          for (const a of ep.addresses) {
            out.push({
              name: joinName(endpointHostname(a, b.config.endpointPodNames), svcName),
              ip: a.ip,
            });
          }
        } else {
          for (const ip of external ? svc.externalIPs : svc.clusterIPs) {
            out.push({ name: svcName, ip });
          }
        }
      }
    }
  }
  if (!foundEndpoint) {
    for (const ip of b.view.localIPs) out.push({ name: defaultNSName + zone, ip });
  }
  return out.filter((a) => parseIP(a.ip) !== undefined);
}

function addressServices(b: Backend, state: QueryState, type: 'A' | 'AAAA'): BackendService[] {
  return nsAddrs(b, state.zone)
    .filter((a) => (parseIP(a.ip)?.family === 4 ? 'A' : 'AAAA') === type)
    .map((a) => ({ host: a.ip, port: 0, ttl: b.config.ttl, key: state.qname }));
}

/** Services (kubernetes.go): the backend's answer to a question, by query type. */
export function services(b: Backend, state: QueryState): BackendResult {
  if (state.qtype === 'TXT') {
    const t = trimZone(state.name, state.zone);
    const segs = splitLabels(t);
    if (segs.length === 1 && segs[0] === 'dns-version') {
      return {
        services: [{ host: '', port: 0, ttl: 28800, text: dnsSchemaVersion, key: state.qname }],
        nameError: false,
      };
    }
    const found = records(b, state.name, state.zone);
    if (found.services.length > 0) return { services: [], nameError: false };
    // A zone-scoped name that exists but is empty is NODATA for every type.
    if (!found.nameError && b.config.zonal) {
      const r = parseRequest(state.name, state.zone, true);
      if (r && r.topologyZone !== '') return { services: [], nameError: false };
    }
    return nameError;
  }
  if (state.qtype === 'NS') {
    const out = nsAddrs(b, state.zone).map((a) => ({
      host: a.ip,
      port: 0,
      ttl: b.config.ttl,
      key: a.name,
    }));
    return { services: out, nameError: false };
  }
  if (isDefaultNS(state.name, state.zone)) {
    const type = state.qtype === 'A' || state.qtype === 'AAAA' ? state.qtype : undefined;
    return { services: type ? addressServices(b, state, type) : [], nameError: false };
  }
  const found = records(b, state.name, state.zone);
  if (state.qtype !== 'SRV') return found;
  // SRV for ExternalName Services is not implemented: names (CNAME hosts) are dropped.
  return { ...found, services: found.services.filter((s) => parseIP(s.host) !== undefined) };
}

/** dnsutil.ExtractAddressFromReverse: the address a reverse name stands for, or ''. */
export function addressFromReverse(name: string): string {
  if (name.endsWith('.in-addr.arpa.')) {
    const labels = name.slice(0, -'.in-addr.arpa.'.length).split('.').reverse();
    const ip = parseIP(labels.join('.'));
    return ip?.family === 4 ? formatIP(ip) : '';
  }
  if (name.endsWith('.ip6.arpa.')) {
    const labels = name.slice(0, -'.ip6.arpa.'.length).split('.').reverse();
    if (labels.length !== 32 || !labels.every((l) => /^[0-9a-f]$/.test(l))) return '';
    const groups: string[] = [];
    for (let i = 0; i < 32; i += 4) groups.push(labels.slice(i, i + 4).join(''));
    const ip = parseIP(groups.join(':'));
    return ip ? formatIP(ip) : '';
  }
  return '';
}

/** serviceRecordForIP (reverse.go): the Service with that ClusterIP, else the endpoints with it. */
function serviceRecordForIP(b: Backend, ip: string): BackendService[] {
  const primary = b.config.zones[b.config.primaryZoneIndex] ?? '';
  const restricted = b.config.namespaces.length > 0;
  const sameIP = (candidate: string) => {
    const parsed = parseIP(candidate);
    return parsed !== undefined && formatIP(parsed) === ip;
  };
  for (const svc of b.view.services) {
    if (!svc.clusterIPs.some(sameIP)) continue;
    if (restricted && !namespaceExposed(b, svc.namespace)) continue;
    return [
      {
        host: joinName(svc.name, svc.namespace, 'svc', primary),
        port: 0,
        ttl: b.config.ttl,
        key: '',
      },
    ];
  }
  const out: BackendService[] = [];
  for (const ep of b.view.endpoints) {
    if (!ep.addresses.some((a) => sameIP(a.ip))) continue;
    if (restricted && !namespaceExposed(b, ep.namespace)) continue;
    for (const addr of ep.addresses) {
      if (!sameIP(addr.ip)) continue;
      const host = joinName(
        endpointHostname(addr, b.config.endpointPodNames),
        ep.index,
        'svc',
        primary,
      );
      out.push({ host, port: 0, ttl: b.config.ttl, key: '' });
    }
  }
  return out;
}

/** Reverse (reverse.go): PTR answers for a reverse name. */
export function reverse(b: Backend, state: QueryState): BackendResult {
  const ip = addressFromReverse(state.name);
  if (ip === '') {
    const found = records(b, state.name, state.zone);
    return { services: [], nameError: found.nameError };
  }
  const found = serviceRecordForIP(b, ip);
  return found.length === 0 ? nameError : { services: found, nameError: false };
}

/** The zone of the plugin a name falls in, in the query's case (handler.go). */
export function zoneFor(b: Backend, qname: string): string | undefined {
  const zone = matchZone(b.config.zones, qname);
  if (zone === '') return undefined;
  return qname.slice(qname.length - zone.length);
}
