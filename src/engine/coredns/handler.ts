/**
 * The `kubernetes` plugin's ServeDNS (coredns plugin/kubernetes/handler.go) and the server
 * around it: the server block a query lands in, and what happens when the plugin passes the
 * query on (core/dnsserver/server.go, plugin/pkg/fall).
 */
import { type QueryState, zoneFor } from './backend';
import {
  type LookupResult,
  addressLookup,
  cnameLookup,
  mxLookup,
  nsLookup,
  ptrLookup,
  soaRecord,
  srvLookup,
  txtLookup,
} from './lookup';
import { serveExternal } from './external';
import { fqdn, matchZone } from './names';
import { type Backend, backendFor } from './records';
import { transferZone } from './transfer';
import type { CorednsConfig, DnsResponse, Rcode, ServerBlock, TransferConfig } from './types';
import type { DnsView } from './view';

type PluginOutcome = { kind: 'response'; response: DnsResponse } | { kind: 'next' };

function response(
  question: DnsResponse['question'],
  rcode: Rcode,
  parts: Partial<Pick<DnsResponse, 'answer' | 'authority' | 'additional' | 'notes'>> = {},
  responder: DnsResponse['responder'] = 'kubernetes',
): DnsResponse {
  return {
    question,
    rcode,
    authoritative: responder === 'kubernetes' || responder === 'k8s_external',
    answer: parts.answer ?? [],
    authority: parts.authority ?? [],
    additional: parts.additional ?? [],
    responder,
    notes: parts.notes ?? [],
  };
}

/** ServeDNS (handler.go): the plugin's answer, or `next` when the name is not its own. */
export function serveKubernetes(b: Backend, qname: string, qtype: string): PluginOutcome {
  const question = { name: qname, type: qtype };
  const zone = zoneFor(b, qname);
  if (zone === undefined) return { kind: 'next' };
  const state: QueryState = { qname, name: qname.toLowerCase(), zone, qtype };
  let result: LookupResult = { records: [], extra: [], nameError: false, notes: [] };
  switch (qtype) {
    case 'A':
    case 'AAAA':
      result = addressLookup(b, zone, state, qtype);
      break;
    case 'TXT':
      result = txtLookup(b, state);
      break;
    case 'CNAME':
      result = cnameLookup(b, state);
      break;
    case 'PTR':
      result = ptrLookup(b, state);
      break;
    case 'MX':
      result = mxLookup(b, state);
      break;
    case 'SRV':
      result = srvLookup(b, state);
      break;
    case 'SOA':
      if (qname === zone) result.records = [soaRecord(b, zone)];
      break;
    case 'AXFR':
    case 'IXFR':
      return { kind: 'response', response: response(question, 'REFUSED', {}, 'server') };
    case 'NS':
      if (state.name === zone) {
        result = nsLookup(b, zone, state);
        break;
      }
      result = { ...addressLookup(b, zone, { ...state, qtype: 'A' }, 'A'), records: [], extra: [] };
      break;
    default:
      // A fake A lookup tells NODATA from NXDOMAIN.
      result = { ...addressLookup(b, zone, { ...state, qtype: 'A' }, 'A'), records: [], extra: [] };
  }
  if (result.nameError) {
    if (b.config.fallthrough && matchZone(b.config.fallthrough, state.name) !== '') {
      return { kind: 'next' };
    }
    return {
      kind: 'response',
      response: response(question, 'NXDOMAIN', {
        authority: [soaRecord(b, zone)],
        notes: result.notes,
      }),
    };
  }
  if (result.records.length === 0) {
    return {
      kind: 'response',
      response: response(question, 'NOERROR', {
        authority: [soaRecord(b, zone)],
        notes: result.notes,
      }),
    };
  }
  return {
    kind: 'response',
    response: response(question, 'NOERROR', {
      answer: result.records,
      additional: result.extra,
      notes: result.notes,
    }),
  };
}

/** longestMatch (plugin/transfer/transfer.go): the stanza whose zone is the longest match. */
function transferFor(transfers: TransferConfig[], name: string): TransferConfig | undefined {
  let found: TransferConfig | undefined;
  let zone = '';
  for (const x of transfers) {
    const z = matchZone(x.zones, name);
    if (z !== '' && (z.length > zone.length || (z.length === zone.length && z > zone))) {
      zone = z;
      found = x;
    }
  }
  return found;
}

/**
 * The `transfer` plugin's ServeDNS (plugin/transfer/transfer.go) for AXFR and IXFR: the
 * kubernetes plugin's zone (xfr.go Transfer), to a client its `to` allows. dig's address is
 * unknown here, so only `to *` allows it. IXFR needs the client's serial, which a question
 * alone does not carry: SERVFAIL.
 */
function serveTransfer(
  block: ServerBlock,
  view: DnsView,
  qname: string,
  qtype: string,
): DnsResponse | undefined {
  const question = { name: qname, type: qtype };
  const name = qname.toLowerCase();
  const x = transferFor(block.transfers, name);
  if (!x) return undefined;
  if (!x.to.includes('*')) return response(question, 'REFUSED', {}, 'server');
  if (qtype === 'IXFR') return response(question, 'SERVFAIL', {}, 'server');
  if (!block.kubernetes || matchZone(block.kubernetes.zones, name) === '') return undefined;
  const answer = transferZone(backendFor(block.kubernetes, view), name);
  return response(question, 'NOERROR', { answer });
}

/** Plugins that resolve names elsewhere (outside the simulation). */
const resolvingPlugins = new Set([
  'forward',
  'file',
  'auto',
  'secondary',
  'etcd',
  'grpc',
  'route53',
  'azure',
  'clouddns',
  'hosts',
  'template',
  'whoami',
  'erratic',
  'nomad',
]);

/**
 * CoreDNS's answer to a query (`dig @<kube-dns> NAME TYPE`): the server block for the name,
 * its `kubernetes` plugin, and the plugins after it when the plugin passes.
 */
export function queryCoreDNS(
  config: CorednsConfig,
  view: DnsView,
  name: string,
  type: string,
): DnsResponse {
  const qname = fqdn(name === '' ? '.' : name);
  const qtype = type.toUpperCase();
  const question = { name: qname, type: qtype };
  const blocks = config.servers.filter((s) => s.port === 53);
  let best: (typeof blocks)[number] | undefined;
  let bestZone = '';
  for (const block of blocks) {
    const zone = matchZone(block.zones, qname);
    if (zone !== '' && (best === undefined || zone.length > bestZone.length)) {
      best = block;
      bestZone = zone;
    }
  }
  if (!best) return response(question, 'REFUSED', {}, 'server');
  if ((qtype === 'AXFR' || qtype === 'IXFR') && best.transfers.length > 0) {
    const transferred = serveTransfer(best, view, qname, qtype);
    if (transferred) return transferred;
  }
  // k8s_external comes before kubernetes in plugin.cfg, and reads the kubernetes plugin's cache.
  if (best.external && best.kubernetes) {
    const b = backendFor(best.kubernetes, view);
    const external = serveExternal(b, best.external, qname, qtype);
    if (external) return response(question, external.rcode, external, 'k8s_external');
  }
  if (best.kubernetes) {
    const outcome = serveKubernetes(backendFor(best.kubernetes, view), qname, qtype);
    if (outcome.kind === 'response') return outcome.response;
  }
  // Another plugin of the block answers (the chain follows plugin.cfg's order, not the
  // Corefile's: `forward` written before `kubernetes` still comes after it).
  if (best.plugins.some((p) => resolvingPlugins.has(p))) {
    return response(
      question,
      'NOERROR',
      {
        notes: [
          `${qname} is not a cluster name: CoreDNS forwards it to the upstream resolver of its node, outside the simulation`,
        ],
      },
      'forward',
    );
  }
  return response(question, 'SERVFAIL', {}, 'server');
}
