/**
 * Cluster DNS: what CoreDNS's `kubernetes` plugin answers, and how a pod's resolver gets there.
 * `computeDnsServer` reads the Corefile and CoreDNS's view of the cluster once; the queries and
 * lookups use it.
 */
import type { Cluster, Finding } from '../model';
import { readCorednsConfig } from './config';
import { queryCoreDNS } from './handler';
import type { CorednsConfig, DnsResponse } from './types';
import { type DnsView, computeDnsView } from './view';

export type * from './types';
export { computePodResolvConf, renderResolvConf } from './resolvConf';
export type { PodResolvConf, ResolvConf } from './resolvConf';

export interface DnsServer {
  config: CorednsConfig;
  view: DnsView;
  /** Problems with the coredns ConfigMap (as `Finding`s on `ConfigMap/kube-system/coredns`). */
  findings: Finding[];
}

export interface DnsServerOptions {
  /**
   * The addresses the answering CoreDNS listens on (its pod's IPs). By default the first ready
   * endpoint of the cluster DNS Service; 127.0.0.1 when there is none.
   */
  localIPs?: string[];
}

/** CoreDNS as configured for the cluster, with its informers' view of the cluster. */
export function computeDnsServer(cluster: Cluster, options: DnsServerOptions = {}): DnsServer {
  const { config, findings } = readCorednsConfig(cluster);
  const view = computeDnsView(cluster);
  if (options.localIPs) view.localIPs = [...options.localIPs];
  return { config, view, findings };
}

/** CoreDNS's response to one question (`dig NAME TYPE` sent to the kube-dns Service). */
export function computeDnsAnswer(server: DnsServer, name: string, type = 'A'): DnsResponse {
  return queryCoreDNS(server.config, server.view, name, type);
}
export { computeDnsTable, transferZone } from './transfer';
export type { DnsTableZone } from './transfer';
export { computeNameLookup, searchCandidates, askerFor } from './search';
export type { LookupQuery, LookupStep, NameLookup, StepOutcome } from './search';
export { computeDnsRequest } from './request';
export type { DnsHop, DnsRequestLookup } from './request';
export { renderDig, renderNslookup, toDigJson } from './render';
export type { DigJson, NslookupResult } from './render';
export { recordLine } from './format';
