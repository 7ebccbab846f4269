/**
 * Records from backend services, per query type (coredns plugin/backend_lookup.go: A, AAAA, SRV,
 * CNAME, TXT, PTR, NS, SOA), and the plugin's SOA (plugin/backend_lookup.go SOA).
 */
import { formatIP, parseIP } from '../net/ip';
import { type QueryState, reverse, services, withName } from './backend';
import { fqdn, isSubDomain, joinName } from './names';
import type { Backend, BackendService } from './records';
import type { DnsRecord } from './types';

export interface LookupResult {
  records: DnsRecord[];
  extra: DnsRecord[];
  nameError: boolean;
  notes: string[];
}

const maxCnameChainLength = 10;
const empty = (): LookupResult => ({ records: [], extra: [], nameError: false, notes: [] });
const failed = (): LookupResult => ({ records: [], extra: [], nameError: true, notes: [] });

function address(name: string, ttl: number, host: string): DnsRecord | undefined {
  const ip = parseIP(host);
  if (!ip) return undefined;
  return { name, ttl, class: 'IN', type: ip.family === 4 ? 'A' : 'AAAA', data: formatIP(ip) };
}

/** `plugin.Name.Matches`: child is the name itself or below it. */
function nameMatches(n: string, child: string): boolean {
  return n === child || isSubDomain(n, child);
}

/** checkForApex: the zone apex is first looked up as `apex.dns.<zone>`. */
function checkForApex(b: Backend, zone: string, state: QueryState) {
  if (state.name !== zone) return services(b, state);
  const apex = services(b, withName(state, joinName('apex.dns', zone)));
  if (!apex.nameError) return apex;
  return services(b, state);
}

/** A and AAAA (backend_lookup.go): addresses, following CNAMEs inside the zone. */
export function addressLookup(
  b: Backend,
  zone: string,
  state: QueryState,
  type: 'A' | 'AAAA',
  previous: DnsRecord[] = [],
): LookupResult {
  const found = checkForApex(b, zone, state);
  if (found.nameError) return failed();
  const result = empty();
  const seen = new Set<string>();
  for (const serv of found.services) {
    const ip = parseIP(serv.host);
    if (!ip) {
      const target = fqdn(serv.host);
      if (nameMatches(state.name, target)) continue;
      const cname: DnsRecord = {
        name: state.qname,
        ttl: serv.ttl,
        class: 'IN',
        type: 'CNAME',
        data: target,
      };
      if (previous.length > maxCnameChainLength) continue;
      if (previous.some((r) => r.type === 'CNAME' && r.data === target)) continue;
      if (isSubDomain(zone, target)) {
        const next = addressLookup(b, zone, withName(state, target), type, [...previous, cname]);
        if (!next.nameError && next.records.length > 0) result.records.push(cname, ...next.records);
        result.notes.push(...next.notes);
        continue;
      }
      result.records.push(cname);
      result.notes.push(
        `${target} is resolved by CoreDNS's upstream resolver (forward): not part of the simulation`,
      );
      continue;
    }
    if ((ip.family === 4 ? 'A' : 'AAAA') !== type || seen.has(serv.host)) continue;
    seen.add(serv.host);
    const record = address(state.qname, serv.ttl, serv.host);
    if (record) result.records.push(record);
  }
  return result;
}

/** SRV (backend_lookup.go): one per port, weights shared per priority, targets named by key. */
export function srvLookup(b: Backend, state: QueryState): LookupResult {
  const found = services(b, state);
  if (found.nameError) return failed();
  const result = empty();
  // Every service has priority 0 and weight 0 (counted as 100).
  const total = found.services.length * 100;
  const seenTargets = new Set<string>();
  const seenAddresses = new Set<string>();
  for (const serv of found.services) {
    if (serv.port === -1) continue;
    const weight = Math.max(1, Math.floor((100 / total) * 100));
    const target = fqdn(serv.key);
    const srvKey = `${target}|${serv.port}`;
    if (!seenTargets.has(srvKey)) {
      seenTargets.add(srvKey);
      result.records.push({
        name: state.qname,
        ttl: serv.ttl,
        class: 'IN',
        type: 'SRV',
        data: { priority: 0, weight, port: serv.port, target },
      });
    }
    const addrKey = `${target}|${serv.host}`;
    if (!seenAddresses.has(addrKey)) {
      seenAddresses.add(addrKey);
      const record = address(target, serv.ttl, serv.host);
      if (record) result.extra.push(record);
    }
  }
  return result;
}

/** CNAME (backend_lookup.go): the first service's host when it is a name. */
export function cnameLookup(b: Backend, state: QueryState): LookupResult {
  const found = services(b, state);
  if (found.nameError) return failed();
  const result = empty();
  const first = found.services[0];
  if (first && !parseIP(first.host)) {
    result.records.push({
      name: state.qname,
      ttl: first.ttl,
      class: 'IN',
      type: 'CNAME',
      data: fqdn(first.host),
    });
  }
  return result;
}

/** split255 (plugin/etcd/msg/service.go): TXT strings of at most 255 bytes. */
function split255(text: string): string[] {
  if (text.length < 255) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 255) out.push(text.slice(i, i + 255));
  return out;
}

/** TXT (backend_lookup.go). */
export function txtLookup(b: Backend, state: QueryState): LookupResult {
  const found = services(b, state);
  if (found.nameError) return failed();
  const result = empty();
  const seen = new Set<string>();
  for (const serv of found.services) {
    if (serv.text === undefined || seen.has(serv.text)) continue;
    seen.add(serv.text);
    result.records.push({
      name: state.qname,
      ttl: serv.ttl,
      class: 'IN',
      type: 'TXT',
      data: split255(serv.text),
    });
  }
  return result;
}

/** PTR (backend_lookup.go): names of the services the reverse lookup found. */
export function ptrLookup(b: Backend, state: QueryState): LookupResult {
  const found = reverse(b, state);
  if (found.nameError) return failed();
  const result = empty();
  const seen = new Set<string>();
  for (const serv of found.services) {
    if (parseIP(serv.host) || seen.has(serv.host)) continue;
    seen.add(serv.host);
    result.records.push({
      name: state.qname,
      ttl: serv.ttl,
      class: 'IN',
      type: 'PTR',
      data: fqdn(serv.host),
    });
  }
  return result;
}

/** NS (backend_lookup.go): the zone's name servers, looked up as `ns.dns.<zone>`. */
export function nsLookup(b: Backend, zone: string, state: QueryState): LookupResult {
  const found = services(b, { ...withName(state, joinName('ns.dns.', zone)), qtype: 'NS' });
  const result = empty();
  const seen = new Set<string>();
  for (const serv of found.services as BackendService[]) {
    const target = fqdn(serv.key);
    const record = address(target, serv.ttl, serv.host);
    if (record) result.extra.push(record);
    if (seen.has(target)) continue;
    seen.add(target);
    result.records.push({
      name: state.qname,
      ttl: serv.ttl,
      class: 'IN',
      type: 'NS',
      data: target,
    });
  }
  return result;
}

/** MX: the plugin has no mail services, so only the name check matters. */
export function mxLookup(b: Backend, state: QueryState): LookupResult {
  return services(b, state).nameError ? failed() : empty();
}

/** SOA (backend_lookup.go): the zone's SOA with the plugin's serial and TTL. */
export function soaRecord(b: Backend, zone: string): DnsRecord {
  const ttl = b.config.ttl;
  return {
    name: zone,
    ttl: Math.min(ttl, 300),
    class: 'IN',
    type: 'SOA',
    data: {
      mname: joinName('ns.dns', zone),
      rname: joinName('hostmaster', zone),
      serial: b.view.serial,
      refresh: 7200,
      retry: 1800,
      expire: 86400,
      minimum: ttl,
    },
  };
}
