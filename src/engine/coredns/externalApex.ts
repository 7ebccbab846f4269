/**
 * The `k8s_external` zone's own names (coredns plugin/k8s_external apex.go): its SOA and NS at
 * the apex, and `ns1.<apex>.<zone>`, the name servers, with the addresses of CoreDNS's own
 * Services (plugin/kubernetes external.go ExternalAddress).
 */
import { formatIP, parseIP } from '../net/ip';
import { nsAddrs } from './backend';
import type { ExternalAnswer } from './external';
import { isSubDomain, joinName, splitLabels, trimZone } from './names';
import type { Backend } from './records';
import type { DnsRecord, ExternalPluginConfig } from './types';

/** A NOERROR answer with no records yet. */
export function emptyAnswer(): ExternalAnswer {
  return { rcode: 'NOERROR', answer: [], authority: [], additional: [], notes: [] };
}

/** soa (apex.go): the zone's SOA, served by ns1.<apex>.<zone>, mailbox hostmaster.<apex>.<zone>. */
export function soa(ext: ExternalPluginConfig, zone: string, serial: number): DnsRecord {
  return {
    name: zone,
    ttl: ext.ttl,
    class: 'IN',
    type: 'SOA',
    data: {
      mname: joinName('ns1', ext.apex, zone),
      rname: joinName('hostmaster', ext.apex, zone),
      serial,
      refresh: 7200,
      retry: 1800,
      expire: 86400,
      minimum: ext.ttl,
    },
  };
}

/** An A or AAAA record of `host` at `name`, when `host` is an address. */
export function address(name: string, ttl: number, host: string): DnsRecord | undefined {
  const ip = parseIP(host);
  if (!ip) return undefined;
  return { name, ttl, class: 'IN', type: ip.family === 4 ? 'A' : 'AAAA', data: formatIP(ip) };
}

/** The zone's name server addresses (ExternalAddress), under `name`. */
function nameServers(b: Backend, ext: ExternalPluginConfig, zone: string, name: string) {
  return nsAddrs(b, zone, true, ext.headless).flatMap((a) => address(name, ext.ttl, a.ip) ?? []);
}

/** serveApex and serveSubApex (apex.go): the zone's SOA and NS, and `ns1.<apex>.<zone>`. */
export function serveApex(
  b: Backend,
  ext: ExternalPluginConfig,
  state: { qname: string; name: string; zone: string; qtype: string },
): ExternalAnswer | undefined {
  const answer = emptyAnswer();
  const zoneSoa = soa(ext, state.zone, b.view.serial);
  for (const z of ext.zones) {
    if (state.name === z) {
      if (state.qtype === 'SOA') answer.answer.push(zoneSoa);
      else if (state.qtype === 'NS') {
        const ns = joinName('ns1', ext.apex, state.qname);
        answer.answer.push({
          name: state.zone,
          ttl: ext.ttl,
          class: 'IN',
          type: 'NS',
          data: joinName('ns1', ext.apex, state.zone),
        });
        answer.additional.push(...nameServers(b, ext, state.zone, ns));
      } else answer.authority.push(zoneSoa);
      return answer;
    }
    if (isSubDomain(joinName(ext.apex, z), state.name)) {
      const labels = splitLabels(trimZone(state.name, state.zone));
      if (labels.length === 1) {
        answer.authority.push(zoneSoa);
      } else if (labels.length === 2 && labels[0] === 'ns1') {
        const type = state.qtype === 'A' || state.qtype === 'AAAA' ? state.qtype : undefined;
        answer.answer.push(
          ...nameServers(b, ext, state.zone, state.qname).filter((r) => r.type === type),
        );
        if (answer.answer.length === 0) answer.authority.push(zoneSoa);
      } else {
        answer.rcode = 'NXDOMAIN';
        answer.authority.push(zoneSoa);
      }
      return answer;
    }
  }
  return undefined;
}
