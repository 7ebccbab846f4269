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

/** CoreDNS as configured for the cluster, with its informers' view of the cluster. */
export function computeDnsServer(cluster: Cluster): DnsServer {
  const { config, findings } = readCorednsConfig(cluster);
  return { config, view: computeDnsView(cluster), findings };
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
