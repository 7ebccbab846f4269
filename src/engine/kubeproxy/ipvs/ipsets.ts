/**
 * The ipsets IPVS mode keeps, with their types and comments (pkg/proxy/ipvs/ipset.go), and the
 * text of an entry (pkg/proxy/ipvs/ipset/ipset.go Entry.String).
 */
import type { Family } from '../../net/ip';

export type IpsetType =
  'hash:ip' | 'hash:ip,port' | 'hash:ip,port,ip' | 'hash:ip,port,net' | 'bitmap:port';

export interface IpsetInfo {
  /** The IPv4 name; IPv6 sets are named `KUBE-6-...` (pkg/proxy/ipvs/ipset.go NewIPSet). */
  name: string;
  type: IpsetType;
  comment: string;
}

export const kubeLoopBackIPSet = 'KUBE-LOOP-BACK';
export const kubeClusterIPSet = 'KUBE-CLUSTER-IP';
export const kubeExternalIPSet = 'KUBE-EXTERNAL-IP';
export const kubeExternalIPLocalSet = 'KUBE-EXTERNAL-IP-LOCAL';
export const kubeLoadBalancerSet = 'KUBE-LOAD-BALANCER';
export const kubeLoadBalancerFWSet = 'KUBE-LOAD-BALANCER-FW';
export const kubeLoadBalancerLocalSet = 'KUBE-LOAD-BALANCER-LOCAL';
export const kubeLoadBalancerSourceIPSet = 'KUBE-LOAD-BALANCER-SOURCE-IP';
export const kubeLoadBalancerSourceCIDRSet = 'KUBE-LOAD-BALANCER-SOURCE-CIDR';
export const kubeNodePortSetTCP = 'KUBE-NODE-PORT-TCP';
export const kubeNodePortLocalSetTCP = 'KUBE-NODE-PORT-LOCAL-TCP';
export const kubeNodePortSetUDP = 'KUBE-NODE-PORT-UDP';
export const kubeNodePortLocalSetUDP = 'KUBE-NODE-PORT-LOCAL-UDP';
export const kubeNodePortSetSCTP = 'KUBE-NODE-PORT-SCTP-HASH';
export const kubeNodePortLocalSetSCTP = 'KUBE-NODE-PORT-LOCAL-SCTP-HASH';
export const kubeHealthCheckNodePortSet = 'KUBE-HEALTH-CHECK-NODE-PORT';
export const kubeIPVSSet = 'KUBE-IPVS-IPS';

/** Every set IPVS mode creates, in kube-proxy's order (pkg/proxy/ipvs/proxier.go ipsetInfo). */
export const ipsetInfo: readonly IpsetInfo[] = [
  {
    name: kubeLoopBackIPSet,
    type: 'hash:ip,port,ip',
    comment: 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose',
  },
  {
    name: kubeClusterIPSet,
    type: 'hash:ip,port',
    comment: 'Kubernetes service cluster ip + port for masquerade purpose',
  },
  {
    name: kubeExternalIPSet,
    type: 'hash:ip,port',
    comment: 'Kubernetes service external ip + port for masquerade and filter purpose',
  },
  {
    name: kubeExternalIPLocalSet,
    type: 'hash:ip,port',
    comment: 'Kubernetes service external ip + port with externalTrafficPolicy=local',
  },
  { name: kubeLoadBalancerSet, type: 'hash:ip,port', comment: 'Kubernetes service lb portal' },
  {
    name: kubeLoadBalancerFWSet,
    type: 'hash:ip,port',
    comment: 'Kubernetes service load balancer ip + port for load balancer with sourceRange',
  },
  {
    name: kubeLoadBalancerLocalSet,
    type: 'hash:ip,port',
    comment: 'Kubernetes service load balancer ip + port with externalTrafficPolicy=local',
  },
  {
    name: kubeLoadBalancerSourceIPSet,
    type: 'hash:ip,port,ip',
    comment: 'Kubernetes service load balancer ip + port + source IP for packet filter purpose',
  },
  {
    name: kubeLoadBalancerSourceCIDRSet,
    type: 'hash:ip,port,net',
    comment: 'Kubernetes service load balancer ip + port + source cidr for packet filter purpose',
  },
  {
    name: kubeNodePortSetTCP,
    type: 'bitmap:port',
    comment: 'Kubernetes nodeport TCP port for masquerade purpose',
  },
  {
    name: kubeNodePortLocalSetTCP,
    type: 'bitmap:port',
    comment: 'Kubernetes nodeport TCP port with externalTrafficPolicy=local',
  },
  {
    name: kubeNodePortSetUDP,
    type: 'bitmap:port',
    comment: 'Kubernetes nodeport UDP port for masquerade purpose',
  },
  {
    name: kubeNodePortLocalSetUDP,
    type: 'bitmap:port',
    comment: 'Kubernetes nodeport UDP port with externalTrafficPolicy=local',
  },
  {
    name: kubeNodePortSetSCTP,
    type: 'hash:ip,port',
    comment: "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'",
  },
  {
    name: kubeNodePortLocalSetSCTP,
    type: 'hash:ip,port',
    comment:
      "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'",
  },
  {
    name: kubeHealthCheckNodePortSet,
    type: 'bitmap:port',
    comment: 'Kubernetes health check node port',
  },
  { name: kubeIPVSSet, type: 'hash:ip', comment: 'Addresses on the ipvs interface' },
];

/** The kernel name of a set for a family: `KUBE-6-...` for IPv6, cut at 31 characters (pkg/proxy/ipvs/ipset.go NewIPSet). */
export function ipsetName(name: string, family: Family): string {
  if (family === 6 && name.startsWith('KUBE-')) return `KUBE-6-${name.slice(5)}`.slice(0, 31);
  return name;
}
