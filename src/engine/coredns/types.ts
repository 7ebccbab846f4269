/**
 * DNS messages as CoreDNS writes them, and the configuration of its `kubernetes` plugin. Record
 * data follows DESIGN.md's `dig -o json` shape.
 */

export interface SrvData {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export interface SoaData {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

interface RecordHeader {
  name: string;
  ttl: number;
  class: 'IN';
}

/** One resource record; `data` is the address, the target name, or the structured rdata. */
export type DnsRecord =
  | (RecordHeader & { type: 'A' | 'AAAA' | 'CNAME' | 'PTR' | 'NS'; data: string })
  | (RecordHeader & { type: 'SRV'; data: SrvData })
  | (RecordHeader & { type: 'TXT'; data: string[] })
  | (RecordHeader & { type: 'SOA'; data: SoaData });

export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';

/**
 * Who produced the answer: the `kubernetes` plugin, or `k8s_external` for its external zone;
 * `forward` when CoreDNS hands the query to
 * the upstream resolver of its node (outside the simulation: no answer is computed); `server`
 * when the DNS server itself refuses the query (no server block for the name).
 */
export type Responder = 'kubernetes' | 'k8s_external' | 'forward' | 'server';

export interface DnsResponse {
  /** The question as asked (case kept). */
  question: { name: string; type: string };
  rcode: Rcode;
  authoritative: boolean;
  answer: DnsRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
  responder: Responder;
  /** What the simulation could not compute for this answer (e.g. an upstream CNAME target). */
  notes: string[];
}

export type PodMode = 'disabled' | 'insecure' | 'verified';

/** The `kubernetes` plugin's settings (plugin/kubernetes/setup.go ParseStanza). */
export interface KubernetesPluginConfig {
  /** Normalized zones (lowercase, fully qualified), in the order given. */
  zones: string[];
  /** Index in `zones` of the first non-reverse zone (the one PTR targets are built in). */
  primaryZoneIndex: number;
  podMode: PodMode;
  /** Namespaces exposed; empty means all. */
  namespaces: string[];
  ttl: number;
  ignoreEmptyService: boolean;
  endpointPodNames: boolean;
  /** Zones for which a name error falls through to the next plugin; undefined: no fallthrough. */
  fallthrough: string[] | undefined;
  /** `noendpoints`: the plugin does not watch EndpointSlices, so it sees none. */
  noEndpoints: boolean;
  /** `labels`: the selector Services, EndpointSlices and pods must match to be seen. */
  labels: string | undefined;
  /** `namespace_labels`: the selector a Namespace must match for names in it to exist. */
  namespaceLabels: string | undefined;
  /** `zonal`: zone-scoped names (`<zone>.pin|prefer._zone.<service>.<namespace>.svc.<zone>`). */
  zonal: boolean;
}

/** The `k8s_external` plugin's settings (plugin/k8s_external/setup.go parse). */
export interface ExternalPluginConfig {
  /** Normalized zones, in the order given. */
  zones: string[];
  /** The label the zone's name servers live under (`ns1.<apex>.<zone>`), `dns` by default. */
  apex: string;
  ttl: number;
  /** `headless`: headless Services answer with their endpoints. */
  headless: boolean;
  fallthrough: string[] | undefined;
}

/** One `transfer` stanza (plugin/transfer/setup.go): zones it transfers, and to whom. */
export interface TransferConfig {
  zones: string[];
  /** Addresses allowed to transfer (`*`: anyone). */
  to: string[];
}

/** One server block of the Corefile, with what the engine models of its plugins. */
export interface ServerBlock {
  /** Normalized zones of the block keys. */
  zones: string[];
  port: number;
  /** Plugin names in the block, in the order written. */
  plugins: string[];
  kubernetes: KubernetesPluginConfig | undefined;
  external: ExternalPluginConfig | undefined;
  /** The `transfer` stanzas of the block (empty without the plugin). */
  transfers: TransferConfig[];
}

export interface CorednsConfig {
  servers: ServerBlock[];
  /** Where the configuration came from. */
  source: 'configmap' | 'default';
  /** The Corefile text that was read. */
  corefile: string;
}
