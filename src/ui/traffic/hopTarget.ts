/**
 * The object a matched rule belongs to, for cross-highlighting: the pod a KUBE-SEP DNAT (or an
 * IPVS real server, an nftables dnat) sends to; else the Service its `ns/name:port` comment
 * names (or an IPVS virtual server's address); else the node whose rules it is.
 */
import type { Selection } from '../../state/viewSlice';
import type { PodSummary, ServiceSummary } from '../../worker/protocol';
import type { RequestHop } from '../../worker/queries/requests';

const dnatTarget = /--to-destination\s+(\S+)|dnat (?:ip6? )?to (\S+)|^-> (\S+)/;
const comment = /(?:--comment|\bcomment)\s+(?:"([^"]*)"|([^\s"-]\S*))/;
const serviceName = /([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?)\/([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)/;
const virtualServer = /^\S+\s+(\[[^\]]+\]|[^\s:]+):(\d+)/;

function hostOf(endpoint: string): string {
  if (endpoint.startsWith('[')) return endpoint.slice(1, endpoint.indexOf(']'));
  const colon = endpoint.lastIndexOf(':');
  return colon === -1 ? endpoint : endpoint.slice(0, colon);
}

export function hopTarget(
  hop: Pick<RequestHop, 'node' | 'table' | 'chain' | 'rule'>,
  pods: readonly PodSummary[],
  services: readonly ServiceSummary[],
): Selection {
  const dnat = dnatTarget.exec(hop.rule);
  const to = dnat?.[1] ?? dnat?.[2] ?? dnat?.[3];
  if (to) {
    const ip = hostOf(to.replace(/[,;]$/, ''));
    const pod = pods.find((p) => p.podIPs.includes(ip));
    if (pod) return { kind: 'pod', key: pod.key };
  }
  const text = comment.exec(hop.rule);
  const named = serviceName.exec(text?.[1] ?? text?.[2] ?? '');
  if (named) {
    const key = `${named[1] ?? ''}/${named[2] ?? ''}`;
    if (services.some((s) => s.key === key)) return { kind: 'service', key };
  }
  if (hop.table === 'ipvs') {
    const vs = virtualServer.exec(hop.chain);
    const address = vs?.[1]?.replace(/^\[|\]$/g, '');
    const service = services.find(
      (s) =>
        address !== undefined &&
        (s.clusterIPs.includes(address) ||
          s.loadBalancerIngress.includes(address) ||
          s.externalIPs.includes(address)),
    );
    if (service) return { kind: 'service', key: service.key };
  }
  return { kind: 'node', key: hop.node };
}
