/**
 * What a fresh kubeadm cluster holds before anything is applied: the default Nodes (when the
 * input has none), namespaces, the `kubernetes` Service with the API server's endpoints, and
 * CoreDNS (the kube-dns Service, its Deployment and its Corefile).
 */
import { addressAt, formatCIDR, formatIP, parseCIDR } from './net/ip';
import type {
  ClusterSettings,
  ConfigMap,
  Deployment,
  EndpointSlice,
  Endpoints,
  KubeObject,
  Namespace,
  Node,
  Service,
  ServiceCIDR,
} from './model';

/** The default cluster: three nodes, as a kind or kubeadm lab has them. */
export const defaultNodeAddresses = ['192.168.1.11', '192.168.1.12', '192.168.1.13'];

/** The node where the API server listens, for the `kubernetes` Service's endpoint. */
export const apiServerPort = 6443;

export function defaultNodes(settings: ClusterSettings): Node[] {
  const podSubnet = parseCIDR(settings.podSubnets[0] ?? '10.244.0.0/16');
  return defaultNodeAddresses.map((address, i) => {
    const name = `node-${i + 1}`;
    const podCIDR =
      podSubnet && podSubnet.ip.family === 4 && podSubnet.prefix <= 24
        ? formatCIDR({ ...podSubnet, network: podSubnet.network + BigInt(i) * 256n, prefix: 24 })
        : undefined;
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: {
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          ...(i === 0 ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
        },
      },
      spec: podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {},
      status: {
        addresses: [
          { type: 'InternalIP', address },
          { type: 'Hostname', address: name },
        ],
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
          },
        ],
        nodeInfo: {
          kubeletVersion: 'v1.34.0',
          kubeProxyVersion: 'v1.34.0',
          containerRuntimeVersion: 'containerd://2.1.0',
          osImage: 'Debian GNU/Linux 12 (bookworm)',
          kernelVersion: '6.1.0-40-amd64',
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
      },
    };
  });
}

/** kubeadm's default Corefile (cmd/kubeadm/app/phases/addons/dns/manifests.go), for the cluster's DNS domain. */
export function defaultCorefile(dnsDomain: string): string {
  return `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${dnsDomain} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;
}

/** The n-th address of the first service CIDR: 1 for `kubernetes`, 10 for kube-dns, as kubeadm picks them. */
export function serviceIP(settings: ClusterSettings, n: number, family = 0): string | undefined {
  const cidr = parseCIDR(settings.serviceSubnets[family] ?? '');
  return cidr ? formatIP(addressAt(cidr, n)) : undefined;
}

function withClusterIP(ip: string | undefined): { clusterIP?: string } {
  return ip === undefined ? {} : { clusterIP: ip };
}

const dnsLabels = { 'k8s-app': 'kube-dns' };

/** Freezes an object and everything in it: cached built-ins are shared by every simulation. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const cache = new Map<string, readonly KubeObject[]>();

/**
 * The built-in objects for these settings, computed once and shared (frozen): nothing in the
 * engine modifies a stored object, and a mutation would throw instead of leaking between runs.
 */
export function cachedBuiltins(
  settings: ClusterSettings,
  nodes: readonly Node[],
  apiServerAddress: string | undefined,
): readonly KubeObject[] {
  const key = JSON.stringify([settings, nodes.length, apiServerAddress]);
  let objects = cache.get(key);
  if (!objects) {
    if (cache.size > 16) cache.clear();
    objects = deepFreeze([...nodes, ...builtinObjects(settings, apiServerAddress)]);
    cache.set(key, objects);
  }
  return objects;
}

/** Built-in API objects, applied before the input, in the order a cluster creates them. */
export function builtinObjects(
  settings: ClusterSettings,
  apiServerAddress: string | undefined,
): KubeObject[] {
  const namespaces: Namespace[] = ['default', 'kube-node-lease', 'kube-public', 'kube-system'].map(
    (name) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    }),
  );
  const serviceCIDR: ServiceCIDR = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'ServiceCIDR',
    metadata: { name: 'kubernetes' },
    spec: { cidrs: settings.serviceSubnets },
  };
  const kubernetes: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { component: 'apiserver', provider: 'kubernetes' },
    },
    spec: {
      ...withClusterIP(serviceIP(settings, 1)),
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: apiServerPort }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
  };
  const apiEndpoints: KubeObject[] = apiServerAddress
    ? [
        {
          apiVersion: 'v1',
          kind: 'Endpoints',
          metadata: {
            name: 'kubernetes',
            namespace: 'default',
            labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
          },
          subsets: [
            {
              addresses: [{ ip: apiServerAddress }],
              ports: [{ name: 'https', port: apiServerPort, protocol: 'TCP' }],
            },
          ],
        } satisfies Endpoints,
        {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: {
            name: 'kubernetes',
            namespace: 'default',
            labels: { 'kubernetes.io/service-name': 'kubernetes' },
          },
          addressType: apiServerAddress.includes(':') ? 'IPv6' : 'IPv4',
          endpoints: [{ addresses: [apiServerAddress], conditions: { ready: true } }],
          ports: [{ name: 'https', port: apiServerPort, protocol: 'TCP' }],
        } satisfies EndpointSlice,
      ]
    : [];
  const corefile: ConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'coredns', namespace: 'kube-system' },
    data: { Corefile: defaultCorefile(settings.dnsDomain) },
  };
  const coredns: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: dnsLabels },
    spec: {
      replicas: 2,
      selector: { matchLabels: dnsLabels },
      template: {
        metadata: { labels: dnsLabels },
        spec: {
          containers: [
            {
              name: 'coredns',
              image: 'registry.k8s.io/coredns/coredns:v1.12.1',
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
            },
          ],
          dnsPolicy: 'Default',
          priorityClassName: 'system-cluster-critical',
        },
      },
    },
  };
  const kubeDNS: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: {
        'k8s-app': 'kube-dns',
        'kubernetes.io/cluster-service': 'true',
        'kubernetes.io/name': 'CoreDNS',
      },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      ...withClusterIP(serviceIP(settings, 10)),
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: dnsLabels,
    },
  };
  return [...namespaces, serviceCIDR, kubernetes, ...apiEndpoints, corefile, kubeDNS, coredns];
}
