/**
 * Where a traced packet comes into the node: the interface kube-proxy's BridgeInterface and
 * InterfaceNamePrefix detectors match (`-i`, nftables `iifname`) and the bridge port that
 * `-m physdev --physdev-is-in` looks for. A pod of the node sends through the pod network,
 * the interface the KubeProxyConfiguration names for it (that is what the configuration says
 * of the node); any other client, an external one or a pod of another node routed over the
 * node network, comes in on the node's uplink; the node's own processes send with no input
 * interface at all.
 */
import { podIPsOf } from '../controllers/podUtil';
import { nodeInterfaceAddresses, nodePodCIDRs } from '../kubeproxy/common/node';
import { findNode } from '../kubeproxy/common/proxyState';
import type { Cluster, Node, Pod, ProxySettings } from '../model';
import { cidrContains, parseCIDR, parseIP } from '../net/ip';
import { sameAddress } from './modeTrace';

/** The fields of a TracePacket that say where it came in. */
export interface Arrival {
  inInterface?: string;
  physdevIn?: string;
}

/** The node's uplink: what traffic from off the node comes in on. */
const nodeUplinkInterface = 'eth0';

/** The pods' bridge when the configuration names none (the bridge CNI plugin's default name). */
const defaultPodBridge = 'cni0';

/** A name of eight hex digits per pod address, for its own host-side interface. */
function suffixOf(podIP: string): string {
  const ip = parseIP(podIP);
  const low = ip ? ip.value & 0xffffffffn : 0n;
  return low.toString(16).padStart(8, '0');
}

/**
 * How a packet from a pod of the node comes in, by the detect-local mode: in
 * InterfaceNamePrefix mode on the pod's own interface, a name with the prefix (routed, not
 * bridged, as the CNI plugins that name interfaces by prefix do); otherwise on the pods' bridge,
 * the one BridgeInterface mode names, through the pod's port of it.
 */
function podArrival(proxy: ProxySettings, podIP: string): Arrival {
  const suffix = suffixOf(podIP);
  const prefix = proxy.detectLocal.interfaceNamePrefix;
  if (proxy.detectLocalMode === 'InterfaceNamePrefix' && prefix !== '') {
    return { inInterface: `${prefix}${suffix}` };
  }
  const bridge =
    proxy.detectLocalMode === 'BridgeInterface' && proxy.detectLocal.bridgeInterface !== ''
      ? proxy.detectLocal.bridgeInterface
      : defaultPodBridge;
  return { inInterface: bridge, physdevIn: `veth${suffix}` };
}

/** Whether the address is a pod's of the node: a pod on its pod network there, or an address of its pod CIDR. */
function isPodOfNode(pods: readonly Pod[], node: Node, address: string): boolean {
  const name = node.metadata?.name;
  const ip = parseIP(address);
  if (!ip || name === undefined) return false;
  for (const pod of pods) {
    if (pod?.spec?.nodeName !== name || pod.spec.hostNetwork) continue;
    if (podIPsOf(pod).some((podIP) => sameAddress(podIP, address))) return true;
  }
  return nodePodCIDRs(node).some((text) => {
    const cidr = typeof text === 'string' ? parseCIDR(text) : undefined;
    return !!cidr && cidrContains(cidr, ip);
  });
}

/** Where a packet from `source` comes into `nodeName`. */
export function arrivalOf(cluster: Cluster, nodeName: string, source: string): Arrival {
  const node = findNode(cluster, nodeName);
  if (nodeInterfaceAddresses(node).some((a) => sameAddress(a, source))) return {};
  if (node && isPodOfNode(cluster.pods, node, source)) return podArrival(cluster.proxy, source);
  return { inInterface: nodeUplinkInterface };
}
