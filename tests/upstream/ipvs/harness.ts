/**
 * Feeds kube-proxy's IPVS test fixtures through the engine the way the CLI does
 * (`simulate(..., { admitted: true })`), and reads the result the way the upstream tests do:
 * the virtual servers with their real servers (ipvstest.FakeIPVS), the entries of a set
 * (checkIPSet), and the jump and match-set of each rule of a chain, nat then filter (getRules,
 * checkIptables).
 *
 * Source: kubernetes/kubernetes pkg/proxy/ipvs/proxier_test.go, the version held in the
 * reference index as file id 11084498 (upstream master of 2025: NewFakeProxier(ctx, ipt, ipvs,
 * ipset, nodeIPs, excludeCIDRs, ipFamily), buildFakeProxier, getRules, checkIptables,
 * checkIPSet, checkIPVS). The fake proxier has no local-traffic detector (clusterCIDR ""), the
 * rr scheduler, and its node IPs on eth0; our Node's `status.addresses` stand for both its
 * netlink handle and its network interfacer.
 */
import { simulate } from '../../../src/engine';
import { computeIpvsState, type IpvsState } from '../../../src/engine/kubeproxy/ipvs';
import { runCommand } from '../../../src/engine/shell/runCommand';

export const testNodeName = 'test-node';

export interface FakeProxier {
  /** The node's addresses (NewFakeProxier's nodeIPs, and the fake network's interfaces). */
  nodeIPs?: string[];
  /** `nodePortAddresses` of the KubeProxyConfiguration (none: every node address). */
  nodePortAddresses?: string[];
  /** More KubeProxyConfiguration lines, e.g. `ipvs: {scheduler: mh}`. */
  proxyConfig?: string;
  /** The local-traffic detector's cluster CIDR ("" for none, the fake proxier's NoOpLocalDetector). */
  clusterCIDR?: string;
  /** Whether the node's iptables has --random-fully (iptablestest.NewFake().SetHasRandomFully). */
  randomFully?: boolean;
}

/** The input file: the KubeProxyConfiguration, the test node, then the test's objects. */
export function fixture(objects: string, options: FakeProxier = {}): string {
  const addresses = (options.nodeIPs ?? [])
    .map((ip) => `  - {type: InternalIP, address: "${ip}"}`)
    .join('\n');
  return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: ipvs
clusterCIDR: "${options.clusterCIDR ?? ''}"
nodePortAddresses: [${(options.nodePortAddresses ?? []).join(', ')}]
${options.proxyConfig ?? ''}
---
apiVersion: v1
kind: Node
metadata: {name: ${testNodeName}}
status:
  addresses:${addresses ? `\n${addresses}` : ' []'}
---
${objects}`;
}

/** The IPVS state of the test node for one family (one fake proxier of that family). */
export function ipvsStateOf(objects: string, options: FakeProxier = {}, family: 4 | 6 = 4) {
  const cluster = simulate(fixture(objects, options), {
    admitted: true,
    randomFully: options.randomFully ?? false,
  }).cluster;
  return computeIpvsState(cluster, testNodeName, family);
}

/** `PROTO addr:port sched -> rs:port(weight), ...` per virtual server, sorted. */
export function virtualServers(state: IpvsState): string[] {
  return state.virtualServers
    .map((vs) => {
      const rs = vs.realServers.map((r) => `${r.address}:${r.port}(${r.weight})`).sort();
      return `${vs.protocol} ${vs.address}:${vs.port} ${vs.scheduler} -> ${rs.join(', ')}`;
    })
    .sort();
}

/** The real servers of the virtual server at `address:port` (sorted `ip:port`). */
export function realServersOf(state: IpvsState, address: string, port: number): string[] {
  const vs = state.virtualServers.find((v) => v.address === address && v.port === port);
  return (vs?.realServers ?? []).map((r) => `${r.address}:${r.port}`).sort();
}

/** The entries of a set, by its IPv4 name (checkIPSet sorts both sides). */
export function entriesOf(state: IpvsState, name: string): string[] {
  const index = [
    'KUBE-LOOP-BACK',
    'KUBE-CLUSTER-IP',
    'KUBE-EXTERNAL-IP',
    'KUBE-EXTERNAL-IP-LOCAL',
    'KUBE-LOAD-BALANCER',
    'KUBE-LOAD-BALANCER-FW',
    'KUBE-LOAD-BALANCER-LOCAL',
    'KUBE-LOAD-BALANCER-SOURCE-IP',
    'KUBE-LOAD-BALANCER-SOURCE-CIDR',
    'KUBE-NODE-PORT-TCP',
    'KUBE-NODE-PORT-LOCAL-TCP',
    'KUBE-NODE-PORT-UDP',
    'KUBE-NODE-PORT-LOCAL-UDP',
    'KUBE-NODE-PORT-SCTP-HASH',
    'KUBE-NODE-PORT-LOCAL-SCTP-HASH',
    'KUBE-HEALTH-CHECK-NODE-PORT',
    'KUBE-IPVS-IPS',
  ].indexOf(name);
  return [...(state.ipsets[index]?.entries ?? [])].sort();
}

/**
 * The rules of a chain as `JUMP` or `JUMP match-set` (or `JUMP -s SOURCE`), nat rules then
 * filter rules, as getRules collects them and checkIptables compares them.
 */
export function chainJumps(state: IpvsState, chain: string): string[] {
  return [...state.nat.rules, ...state.filter.rules]
    .filter((r) => r.startsWith(`-A ${chain} `))
    .map((r) => {
      const jump = /-j (\S+)/.exec(r)?.[1] ?? '';
      const set = /--match-set (\S+)/.exec(r)?.[1];
      const source = /(?:^| )-s (\S+)/.exec(r)?.[1];
      return set ? `${jump} ${set}` : source ? `${jump} -s ${source}` : jump;
    });
}

/** Runs a `kube-playground` command on the fixture in process, as src/cli does. */
export function cli(args: readonly string[], yaml: string) {
  let stdout = '';
  let stderr = '';
  const code = runCommand([...args, 'fixture.yaml'], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    looksLikeFile: (a) => a === 'fixture.yaml',
    readFiles: () => ({ type: 'ok', files: [{ name: 'fixture.yaml', text: yaml }] }),
  });
  return { code, stdout, stderr };
}

export interface ServiceFixture {
  namespace?: string;
  name?: string;
  /** Spec lines indented two spaces. */
  spec: string;
  /** Status lines indented two spaces. */
  status?: string;
}

export function service(s: ServiceFixture): string {
  return `apiVersion: v1
kind: Service
metadata: {name: ${s.name ?? 'svc1'}, namespace: ${s.namespace ?? 'ns1'}}
spec:
${s.spec}
${s.status ? `status:\n${s.status}\n` : ''}---
`;
}

export interface SliceFixture {
  namespace?: string;
  service?: string;
  n?: number;
  addressType?: 'IPv4' | 'IPv6';
  /** The `endpoints:` value (flow YAML). */
  endpoints: string;
  /** The `ports:` value (flow YAML). */
  ports?: string;
}

export function slice(s: SliceFixture): string {
  const svc = s.service ?? 'svc1';
  return `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: ${svc}-${s.n ?? 1}, namespace: ${s.namespace ?? 'ns1'}, labels: {kubernetes.io/service-name: ${svc}}}
addressType: ${s.addressType ?? 'IPv4'}
endpoints: ${s.endpoints}
ports: ${s.ports ?? '[{name: p80, port: 80, protocol: TCP}]'}
---
`;
}
