import type { ObjectMeta } from './meta';

/**
 * Configuration kinds that are not API objects but files: kube-proxy's KubeProxyConfiguration
 * and kubeadm's ClusterConfiguration. Each is read from the input as a document and defaulted
 * the way its component defaults it.
 */

export type ProxyMode = 'iptables' | 'ipvs' | 'nftables' | 'userspace';
export type DetectLocalMode =
  'ClusterCIDR' | 'NodeCIDR' | 'BridgeInterface' | 'InterfaceNamePrefix' | '';

/** KubeProxyConfiguration (kubeproxy.config.k8s.io/v1alpha1), the fields the playground reads. */
export interface KubeProxyConfiguration {
  apiVersion?: 'kubeproxy.config.k8s.io/v1alpha1';
  kind: 'KubeProxyConfiguration';
  metadata?: ObjectMeta;
  mode?: ProxyMode | '';
  clusterCIDR?: string;
  detectLocalMode?: DetectLocalMode;
  /** What BridgeInterface and InterfaceNamePrefix modes match pod traffic by. */
  detectLocal?: { bridgeInterface?: string; interfaceNamePrefix?: string };
  nodePortAddresses?: string[];
  iptables?: {
    masqueradeBit?: number;
    masqueradeAll?: boolean;
    localhostNodePorts?: boolean;
    syncPeriod?: string;
    minSyncPeriod?: string;
  };
  ipvs?: {
    scheduler?: string;
    excludeCIDRs?: string[];
    strictARP?: boolean;
    tcpTimeout?: string;
    tcpFinTimeout?: string;
    udpTimeout?: string;
  };
  nftables?: { masqueradeBit?: number; masqueradeAll?: boolean };
  conntrack?: { tcpBeLiberal?: boolean };
  [extra: string]: unknown;
}

/** A control-plane component's extra flags: v1beta4's list of name/value pairs, or v1beta3's map. */
export type ExtraArgs = Record<string, string> | { name?: string; value?: string }[];

/** kubeadm ClusterConfiguration (kubeadm.k8s.io/v1beta3 or v1beta4), the fields the playground reads. */
export interface ClusterConfiguration {
  apiVersion?: string;
  kind: 'ClusterConfiguration';
  metadata?: ObjectMeta;
  networking?: { serviceSubnet?: string; podSubnet?: string; dnsDomain?: string };
  apiServer?: { extraArgs?: ExtraArgs };
  /** Read for the node CIDR mask kubeadm checks the pod subnet against. */
  controllerManager?: { extraArgs?: ExtraArgs };
  [extra: string]: unknown;
}
