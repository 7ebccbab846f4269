/**
 * The server-side table of each kind kubectl gets: column definitions and row cells, as the API
 * server computes them (pkg/printers/internalversion/printers.go, AddHandlers and print*).
 * Priority-1 columns appear only with `-o wide`.
 */
import type { ConfigMap, Deployment, Namespace, Node, Pod, ReplicaSet, Service } from '../model';
import { toAge } from './duration';
import { formatLabels, formatLabelSelector, labelSelectorString } from './labels';
import { podRow } from './podRow';

export interface Column {
  name: string;
  /** 1 for the columns only `-o wide` shows. */
  priority: 0 | 1;
}

export interface TableSpec<T> {
  columns: readonly Column[];
  /** The row's cells, wide cells included (the printer drops them without `-o wide`). */
  row(object: T, now: number): string[];
}

export const col = (name: string, priority: 0 | 1 = 0): Column => ({ name, priority });

/** printPod (printers.go); the cells come from podRow. */
export const podTable: TableSpec<Pod> = {
  columns: [
    col('Name'),
    col('Ready'),
    col('Status'),
    col('Restarts'),
    col('Age'),
    col('IP', 1),
    col('Node', 1),
    col('Nominated Node', 1),
    col('Readiness Gates', 1),
  ],
  row: podRow,
};

/** loadBalancerStatusStringer + getServiceExternalIP (printers.go). */
function externalIP(service: Service, wide: boolean): string {
  const spec = service.spec ?? {};
  const externalIPs = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = new Set<string>();
      for (const i of service.status?.loadBalancer?.ingress ?? []) {
        if (i.ip) ingress.add(i.ip);
        else if (i.hostname) ingress.add(i.hostname);
      }
      let lb = [...ingress].sort().join(',');
      if (!wide && lb.length > 16) lb = `${lb.slice(0, 13)}...`;
      if (externalIPs.length > 0) {
        return [...(lb.length > 0 ? lb.split(',') : []), ...externalIPs].join(',');
      }
      return lb.length > 0 ? lb : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** makePortString (printers.go): `80/TCP`, `80:30080/TCP`. */
function portString(service: Service): string {
  return (service.spec?.ports ?? [])
    .map((p) =>
      (p.nodePort ?? 0) > 0
        ? `${p.port ?? 0}:${p.nodePort ?? 0}/${p.protocol ?? ''}`
        : `${p.port ?? 0}/${p.protocol ?? ''}`,
    )
    .join(',');
}

/** Row cells of a Service; `wide` changes EXTERNAL-IP (load-balancer addresses are clipped to 16 bytes otherwise). */
export function serviceRow(service: Service, now: number, wide: boolean): string[] {
  return [
    service.metadata.name ?? '',
    service.spec?.type ?? '',
    service.spec?.clusterIPs?.[0] ?? '<none>',
    externalIP(service, wide),
    portString(service) || '<none>',
    toAge(service.metadata.creationTimestamp, now),
    formatLabels(service.spec?.selector),
  ];
}

/** printService (printers.go). */
export const serviceTable: TableSpec<Service> & { wideRow: TableSpec<Service>['row'] } = {
  columns: [
    col('Name'),
    col('Type'),
    col('Cluster-IP'),
    col('External-IP'),
    col('Port(s)'),
    col('Age'),
    col('Selector', 1),
  ],
  row: (service, now) => serviceRow(service, now, false),
  wideRow: (service, now) => serviceRow(service, now, true),
};

/** findNodeRoles (printers.go): `node-role.kubernetes.io/<role>` and `kubernetes.io/role` labels. */
function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

function nodeAddress(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

/** printNode (printers.go). */
export const nodeTable: TableSpec<Node> = {
  columns: [
    col('Name'),
    col('Status'),
    col('Roles'),
    col('Age'),
    col('Version'),
    col('Internal-IP', 1),
    col('External-IP', 1),
    col('OS-Image', 1),
    col('Kernel-Version', 1),
    col('Container-Runtime', 1),
  ],
  row(node, now) {
    let ready: { status?: string } | undefined;
    for (const c of node.status?.conditions ?? []) if (c.type === 'Ready') ready = c;
    const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
    if (node.spec?.unschedulable) status.push('SchedulingDisabled');
    const info = node.status?.nodeInfo ?? {};
    return [
      node.metadata.name ?? '',
      status.join(','),
      nodeRoles(node),
      toAge(node.metadata.creationTimestamp, now),
      info.kubeletVersion ?? '',
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
};

/** layoutContainerCells (printers.go): names and images, comma-separated. */
function containerCells(template: Deployment['spec']): [string, string] {
  const containers = template?.template?.spec?.containers ?? [];
  return [
    containers.map((c) => c.name ?? '').join(','),
    containers.map((c) => c.image ?? '').join(','),
  ];
}

/** printDeployment (printers.go): its wide SELECTOR is the selector's String(), empty when none. */
export const deploymentTable: TableSpec<Deployment> = {
  columns: [
    col('Name'),
    col('Ready'),
    col('Up-to-date'),
    col('Available'),
    col('Age'),
    col('Containers', 1),
    col('Images', 1),
    col('Selector', 1),
  ],
  row(d, now) {
    const [names, images] = containerCells(d.spec);
    return [
      d.metadata.name ?? '',
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      String(d.status?.updatedReplicas ?? 0),
      String(d.status?.availableReplicas ?? 0),
      toAge(d.metadata.creationTimestamp, now),
      names,
      images,
      labelSelectorString(d.spec?.selector) ?? '<invalid>',
    ];
  },
};

/** printReplicaSet (printers.go): its wide SELECTOR is metav1.FormatLabelSelector's. */
export const replicaSetTable: TableSpec<ReplicaSet> = {
  columns: [
    col('Name'),
    col('Desired'),
    col('Current'),
    col('Ready'),
    col('Age'),
    col('Containers', 1),
    col('Images', 1),
    col('Selector', 1),
  ],
  row(rs, now) {
    const [names, images] = containerCells(rs.spec);
    return [
      rs.metadata.name ?? '',
      String(rs.spec?.replicas ?? 0),
      String(rs.status?.replicas ?? 0),
      String(rs.status?.readyReplicas ?? 0),
      toAge(rs.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};

/** printNamespace (printers.go). */
export const namespaceTable: TableSpec<Namespace> = {
  columns: [col('Name'), col('Status'), col('Age')],
  row: (ns, now) => [
    ns.metadata.name ?? '',
    ns.status?.phase ?? '',
    toAge(ns.metadata.creationTimestamp, now),
  ],
};

/** printConfigMap (printers.go): DATA counts data and binaryData keys. */
export const configMapTable: TableSpec<ConfigMap> = {
  columns: [col('Name'), col('Data'), col('Age')],
  row: (cm, now) => {
    const binary = (cm as { binaryData?: Record<string, string> }).binaryData ?? {};
    return [
      cm.metadata.name ?? '',
      String(Object.keys(cm.data ?? {}).length + Object.keys(binary).length),
      toAge(cm.metadata.creationTimestamp, now),
    ];
  },
};
