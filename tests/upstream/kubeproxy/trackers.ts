/**
 * Reading kube-proxy's change-tracker tests (kubernetes/kubernetes pkg/proxy
 * servicechangetracker_test.go, endpointschangetracker_test.go, endpointslicecache_test.go)
 * through the product: each fixture is a snapshot read as the CLI's `--admitted` reads it, and
 * the maps are the ones kube-proxy's common layer builds from that cluster (computeProxyState's
 * Service ports; the merged endpoints of each Service's EndpointSlices). A state reached by
 * updates is written as the slices it leaves; a slice updated in place is written twice under
 * its name, the later copy being the update, as a snapshot keyed by name would keep it.
 */
import { simulate, type Cluster } from '../../../src/engine';
import {
  computeProxyState,
  computeServiceEndpoints,
  groupSlicesByService,
  type EndpointInfo,
  type ServicePortInfo,
} from '../../../src/engine/kubeproxy/common';
import { computeIptablesRules, renderIptablesSave } from '../../../src/engine/kubeproxy/iptables';

/** The objects as one snapshot (JSON documents, which YAML reads as they are). */
export function snapshot(objects: readonly object[]): string {
  return objects.map((o) => JSON.stringify(o)).join('\n---\n');
}

export function clusterOf(objects: readonly object[]): Cluster {
  return simulate(snapshot(objects), { admitted: true }).cluster;
}

/** What upstream's tests compare of a BaseServicePortInfo, addresses as Go prints them. */
export interface ServicePortView {
  clusterIP: string;
  port: number;
  protocol: string;
  healthCheckNodePort: number;
  externalIPs: string[];
  loadBalancerSourceRanges: string[];
  loadBalancerVIPs: string[];
}

function viewOf(info: ServicePortInfo): ServicePortView {
  return {
    clusterIP: info.clusterIP,
    port: info.port,
    protocol: info.protocol,
    healthCheckNodePort: info.healthCheckNodePort,
    externalIPs: info.externalIPs,
    loadBalancerSourceRanges: info.loadBalancerSourceRanges,
    loadBalancerVIPs: info.loadBalancerVIPs,
  };
}

/** A ServicePortName as a key: `ns/name:port/PROTOCOL` (`ns/name/PROTOCOL` for an unnamed port). */
function portKey(nameString: string, protocol: string): string {
  return `${nameString}/${protocol}`;
}

/** kube-proxy's service map of the cluster for one family, keyed by ServicePortName. */
export function serviceMapOf(
  cluster: Cluster,
  family: 4 | 6 = 4,
  nodeName = 'test-node',
): Record<string, ServicePortView> {
  const out: Record<string, ServicePortView> = {};
  for (const { info } of computeProxyState(cluster, nodeName, family).ports)
    out[portKey(info.nameString, info.protocol)] = viewOf(info);
  return out;
}

/** What upstream's compareEndpointsMapsStr compares of one endpoint. */
export interface EndpointView {
  endpoint: string;
  isLocal: boolean;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

/** An expected endpoint: ready, serving, not terminating, not local, unless said otherwise. */
export function ep(endpoint: string, flags: Partial<Omit<EndpointView, 'endpoint'>> = {}) {
  return { endpoint, isLocal: false, ready: true, serving: true, terminating: false, ...flags };
}

/** LocalReadyEndpoints: by Service, how many distinct IPs have a local ready endpoint. */
export function localReadyEndpoints(map: Record<string, EndpointView[]>): Record<string, number> {
  const ips = new Map<string, Set<string>>();
  for (const [key, endpoints] of Object.entries(map)) {
    const [service = ''] = key.slice(0, key.lastIndexOf('/')).split(':');
    for (const e of endpoints) {
      if (!e.isLocal || !e.ready) continue;
      const ip = e.endpoint.slice(0, e.endpoint.lastIndexOf(':'));
      const set = ips.get(service) ?? new Set<string>();
      ips.set(service, set.add(ip));
    }
  }
  return Object.fromEntries([...ips].map(([service, set]) => [service, set.size]));
}

function endpointView(e: EndpointInfo): EndpointView {
  const { endpoint, isLocal, ready, serving, terminating } = e;
  return { endpoint, isLocal, ready, serving, terminating };
}

/**
 * kube-proxy's endpoints map of the cluster (every Service's slices, whether or not the Service
 * exists), for one family and the node `hostname`, keyed by ServicePortName.
 */
export function endpointsMapOf(
  cluster: Cluster,
  hostname: string,
  family: 4 | 6 = 4,
): Record<string, EndpointView[]> {
  const out: Record<string, EndpointView[]> = {};
  for (const slices of groupSlicesByService(cluster.endpointSlices).values()) {
    for (const [key, endpoints] of computeServiceEndpoints(slices, family, hostname)) {
      const [nameString = '', protocol = ''] = key.split('\u0000');
      out[portKey(nameString, protocol)] = endpoints.map(endpointView);
    }
  }
  return out;
}

/** The cluster's iptables-save for one family on `nodeName`. */
export function iptablesSaveOf(cluster: Cluster, nodeName: string, family: 4 | 6 = 4): string {
  return renderIptablesSave(computeIptablesRules(cluster, nodeName, family));
}

interface SlicePort {
  name?: string;
  port?: number;
  protocol?: string;
}

interface SliceEndpoint {
  addresses: string[];
  nodeName?: string;
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
}

/** An EndpointSlice of `namespace/service`, named as upstream's helpers name it. */
export function endpointSlice(
  namespace: string,
  service: string,
  name: string,
  endpoints: SliceEndpoint[],
  ports: SlicePort[],
  addressType = 'IPv4',
): object {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace, labels: { 'kubernetes.io/service-name': service } },
    addressType,
    endpoints,
    ports,
  };
}

/**
 * The slices upstream's generateEndpointSliceWithOffset describes: `numEndpoints` endpoints
 * 10.0.<offset>.<i>, endpoint i unready when i is a multiple of `unreadyMod` and terminating when
 * a multiple of `terminatingMod` (ready only when neither; serving unless unready), on
 * hosts[i % hosts.length]; ports named port-<n>, TCP (an undefined number is left out).
 */
export function generatedSlice(
  service: string,
  namespace: string,
  sliceNum: number,
  offset: number,
  numEndpoints: number,
  unreadyMod: number,
  terminatingMod: number,
  hosts: string[],
  portNums: (number | undefined)[],
): object {
  const endpoints: SliceEndpoint[] = [];
  for (let i = 1; i <= numEndpoints; i++) {
    const serving = i % unreadyMod !== 0;
    const terminating = i % terminatingMod === 0;
    endpoints.push({
      addresses: [`10.0.${offset}.${i}`],
      conditions: { ready: serving && !terminating, serving, terminating },
      ...(hosts.length > 0 ? { nodeName: hosts[i % hosts.length] } : {}),
    });
  }
  const ports = portNums.map((port, n) => ({
    name: `port-${n}`,
    ...(port === undefined ? {} : { port }),
    protocol: 'TCP',
  }));
  return endpointSlice(namespace, service, `${service}-${sliceNum}`, endpoints, ports);
}

/** generateEndpointSlice: the slice's number is also its third octet. */
export function generated(
  service: string,
  namespace: string,
  sliceNum: number,
  numEndpoints: number,
  unreadyMod: number,
  terminatingMod: number,
  hosts: string[],
  portNums: (number | undefined)[],
): object {
  return generatedSlice(
    service,
    namespace,
    sliceNum,
    sliceNum,
    numEndpoints,
    unreadyMod,
    terminatingMod,
    hosts,
    portNums,
  );
}
