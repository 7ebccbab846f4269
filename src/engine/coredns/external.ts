/**
 * The `k8s_external` plugin: Services' external IPs (and load balancer ingresses) under an
 * external zone, `<service>.<namespace>.<zone>`, from the `kubernetes` plugin's cache
 * (coredns plugin/k8s_external external.go, apex.go, msg_to_dns.go; plugin/kubernetes
 * external.go).
 */
import { parseIP } from '../net/ip';
import { addressFromReverse } from './backend';
import { address, emptyAnswer, serveApex, soa } from './externalApex';
import { fqdn, joinName, matchZone, splitLabels, trimZone } from './names';
import {
  type Backend,
  type BackendService,
  endpointRecords,
  matchPortAndProtocol,
  namespaceExposed,
  stripUnderscore,
} from './records';
import type { DnsRecord, ExternalPluginConfig, Rcode } from './types';

export interface ExternalAnswer {
  rcode: Rcode;
  answer: DnsRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
  /** Names of the answer resolved upstream (a load balancer's hostname): outside the simulation. */
  notes: string[];
}

/** The note on a name CoreDNS hands to its upstream resolver (a load balancer's hostname). */
const upstreamNote = (name: string) =>
  `${name} is resolved by CoreDNS's upstream resolver: not part of the simulation`;

/** serviceRecordForExternalIP (plugin/kubernetes/external.go): `<svc>.<ns>` of each Service with that external IP. */
function externalReverse(b: Backend, ip: string): BackendService[] {
  const restricted = b.config.namespaces.length > 0;
  const out: BackendService[] = [];
  for (const svc of b.view.services) {
    if (!svc.externalIPs.includes(ip)) continue;
    if (restricted && !namespaceExposed(b, svc.namespace)) continue;
    out.push({ host: `${svc.name}.${svc.namespace}`, port: 0, ttl: b.config.ttl, key: '' });
  }
  return out;
}

/** External (plugin/kubernetes/external.go): the services a name of the external zone stands for. */
function externalServices(
  b: Backend,
  name: string,
  zone: string,
  qtype: string,
  headless: boolean,
): { services: BackendService[]; rcode: Rcode } {
  if (qtype === 'PTR') {
    const ip = addressFromReverse(name);
    if (ip !== '') {
      const found = externalReverse(b, ip);
      return { services: found, rcode: found.length === 0 ? 'NXDOMAIN' : 'NOERROR' };
    }
  }
  const segs = splitLabels(trimZone(name, zone));
  let last = segs.length - 1;
  if (last < 0) return { services: [], rcode: 'SERVFAIL' };
  const namespace = segs[last] ?? '';
  if (!namespaceExposed(b, namespace)) return { services: [], rcode: 'NXDOMAIN' };
  last--;
  if (last < 0) return { services: [], rcode: 'NOERROR' };
  const service = segs[last] ?? '';
  last--;
  let port = '';
  let protocol = '';
  let endpoint = '';
  if (last === 0) {
    endpoint = stripUnderscore(segs[0] ?? '');
    last--;
  } else if (last === 1) {
    protocol = stripUnderscore(segs[1] ?? '');
    port = stripUnderscore(segs[0] ?? '');
    last -= 2;
  }
  if (last !== -1) return { services: [], rcode: 'NXDOMAIN' };

  const ttl = b.config.ttl;
  const base = [service, namespace, zone];
  const services: BackendService[] = [];
  let rcode: Rcode = 'NXDOMAIN';
  for (const svc of b.view.services) {
    if (svc.namespace !== namespace || svc.name !== service) continue;
    const isHeadless = svc.clusterIPs[0] === 'None';
    if (headless && svc.externalIPs.length === 0 && (isHeadless || endpoint !== '')) {
      const found = endpointRecords(b, svc, { endpoint, port, protocol }, base);
      if (found.length > 0) rcode = 'NOERROR';
      services.push(...found);
      continue;
    }
    for (const ip of svc.externalIPs) {
      for (const p of svc.ports) {
        if (!matchPortAndProtocol(port, p.name, protocol, p.protocol)) continue;
        rcode = 'NOERROR';
        services.push({ host: ip, port: p.port, ttl, key: joinName(...base) });
      }
    }
  }
  // A name that exists answers PTR with NODATA.
  return { services: qtype === 'PTR' ? [] : services, rcode };
}

/** SRV weights (msg_to_dns.go srv): each of the services' equal share of 100. */
function srvRecords(
  ext: ExternalPluginConfig,
  services: BackendService[],
  qname: string,
  out: ExternalAnswer,
): void {
  const total = services.length * 100;
  const seen = new Set<string>();
  for (const s of services) {
    if (s.port === -1) continue;
    const weight = Math.max(1, Math.floor((100 / total) * 100));
    const ip = parseIP(s.host);
    const target = ip ? fqdn(s.key) : fqdn(s.host);
    const srvKey = `${target}|${s.port}`;
    if (!seen.has(srvKey)) {
      seen.add(srvKey);
      out.answer.push({
        name: qname,
        ttl: s.ttl,
        class: 'IN',
        type: 'SRV',
        data: { priority: 0, weight, port: s.port, target },
      });
    }
    const addrKey = `${target}|${ip ? s.host : target}`;
    if (seen.has(addrKey)) continue;
    seen.add(addrKey);
    if (ip) {
      const record = address(target, ext.ttl, s.host);
      if (record) out.additional.push(record);
    } else {
      out.notes.push(upstreamNote(target));
    }
  }
}

/** ServeDNS (external.go): the plugin's answer, or undefined when the name is not its own. */
export function serveExternal(
  b: Backend,
  ext: ExternalPluginConfig,
  qname: string,
  qtype: string,
): ExternalAnswer | undefined {
  const name = qname.toLowerCase();
  const zone = matchZone(ext.zones, name);
  if (zone === '') return undefined;
  const state = { qname, name, zone, qtype };
  const apex = serveApex(b, ext, state);
  if (apex) return apex;
  const { services, rcode } = externalServices(b, name, zone, qtype, ext.headless);
  const out = emptyAnswer();
  const zoneSoa = soa(ext, zone, b.view.serial);
  if (services.length === 0) {
    if (rcode === 'NXDOMAIN' && ext.fallthrough && matchZone(ext.fallthrough, name) !== '') {
      return undefined;
    }
    return { ...out, rcode, authority: [zoneSoa] };
  }
  const seen = new Set<string>();
  switch (qtype) {
    case 'A':
    case 'AAAA':
      for (const s of services) {
        const ip = parseIP(s.host);
        if (!ip) {
          out.answer.push({
            name: qname,
            ttl: s.ttl,
            class: 'IN',
            type: 'CNAME',
            data: fqdn(s.host),
          });
          out.notes.push(upstreamNote(fqdn(s.host)));
          continue;
        }
        if ((ip.family === 4 ? 'A' : 'AAAA') !== qtype || seen.has(s.host)) continue;
        seen.add(s.host);
        const record = address(qname, ext.ttl, s.host);
        if (record) out.answer.push(record);
      }
      break;
    case 'SRV':
      srvRecords(ext, services, qname, out);
      break;
    case 'PTR':
      for (const s of services) {
        if (seen.has(s.host)) continue;
        seen.add(s.host);
        const target = joinName(s.host, ext.zones[0] ?? '');
        out.answer.push({ name: qname, ttl: ext.ttl, class: 'IN', type: 'PTR', data: target });
      }
      break;
    default:
      break;
  }
  if (out.answer.length === 0) out.authority.push(zoneSoa);
  return out;
}
