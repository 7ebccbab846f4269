/** Words for a traced request, shared by the request bar and the Trace panel. */
import type { Place, TracedRequest } from '../../worker/queries/requests';

export function placeName(place: Place): string {
  switch (place.type) {
    case 'client':
      return `client ${place.address}`;
    case 'loadBalancer':
      return `load balancer ${place.address}`;
    case 'node':
      return place.name;
    case 'pod':
      return `pod ${place.pod}`;
    case 'outside':
      return place.address;
  }
}

/** A pod's name, without the namespace when it is `default`. */
function podName(key: string): string {
  return key.startsWith('default/') ? key.slice('default/'.length) : key;
}

/** One sentence: where the request went, or where it stopped. */
export function describeOutcome(request: TracedRequest): string {
  if (request.pod || request.podNode) {
    const where = request.pod ? `pod ${podName(request.pod)}` : 'the node itself';
    const on = request.podNode ? ` on ${request.podNode}` : '';
    const seen = request.sourceSeen
      ? `; the pod sees ${request.sourceSeen}${request.masquerade ? ' (masqueraded)' : ' (the client address)'}`
      : '';
    return `${request.verdict} → ${where}${on}${seen}`;
  }
  if (request.stoppedAt) return `${request.verdict}: ${request.stoppedAt.reason}`;
  return request.verdict;
}

export function destinationText(request: TracedRequest): string {
  const host = request.destination ?? '?';
  return host.includes(':') ? `[${host}]:${request.port}` : `${host}:${request.port}`;
}
