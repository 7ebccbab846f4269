/**
 * One row of upstream's packet-flow tables (pkg/proxy/iptables and pkg/proxy/nftables
 * proxier_test.go / helpers_test.go packetFlowTest), and a trace's answer in its terms: shared
 * by tests/upstream/iptables/harness.ts and tests/upstream/nftables/helpers.ts.
 */
export interface PacketFlow {
  name: string;
  sourceIP: string;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  destIP: string;
  destPort: number;
  /** Endpoints joined by ", " in the order the rules list them, or the verdict (ACCEPT / DROP / REJECT), or "" for no match. */
  output: string;
  masq?: boolean;
}

/** What a trace answers for a flow, in upstream's terms: the endpoints joined, or the verdict. */
export function flowOutput(result: {
  verdict: string;
  endpoints: readonly string[];
  masquerade: boolean;
}): { output: string; masq: boolean } {
  const output =
    result.verdict === 'DNAT'
      ? result.endpoints.join(', ')
      : result.verdict === 'NO_MATCH'
        ? ''
        : result.verdict;
  return { output, masq: result.masquerade };
}
