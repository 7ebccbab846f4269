import { describe, expect, it } from 'vitest';
import {
  firstLineOf,
  type RuleLine,
  matchHops,
  ownerOfLine,
  toRuleLines,
  type AddressBook,
} from './ruleLines';

const book: AddressBook = {
  podsByIP: new Map([['10.244.2.2', 'default/web-pod']]),
  servicesByAddress: new Map([
    ['10.97.69.180:80', 'default/web-service'],
    [':30080', 'default/web-service'],
  ]),
};

const iptables = `*nat
:KUBE-SERVICES - [0:0]
-A KUBE-SERVICES -m comment --comment "default/web-service:http cluster IP" -m tcp -p tcp -d 10.97.69.180 --dport 80 -j KUBE-SVC-LHVVVX6K6XR7TB6A
-A KUBE-EXT-LHVVVX6K6XR7TB6A -m comment --comment "masquerade traffic for default/web-service:http external destinations" -j KUBE-MARK-MASQ
-A KUBE-SEP-F3WZQNNGKIXYC6RY -m comment --comment default/web-service:http -m tcp -p tcp -j DNAT --to-destination 10.244.2.2:80
-A KUBE-SVC-LHVVVX6K6XR7TB6A -m comment --comment "default/web-service:http -> 10.244.2.2:80" -j KUBE-SEP-F3WZQNNGKIXYC6RY
COMMIT`;

function at(lines: RuleLine[], i: number): RuleLine {
  const line = lines[i];
  if (!line) throw new Error(`no line ${i}`);
  return line;
}

describe('toRuleLines', () => {
  it('reads the Service from iptables comments and the pod from a DNAT target', () => {
    const lines = toRuleLines(iptables, book);
    expect(lines.map((l) => l.service)).toEqual([
      undefined,
      undefined,
      'default/web-service',
      'default/web-service',
      'default/web-service',
      'default/web-service',
      undefined,
    ]);
    expect(lines[4]).toMatchObject({
      table: 'nat',
      chain: 'KUBE-SEP-F3WZQNNGKIXYC6RY',
      pod: 'default/web-pod',
    });
    expect(ownerOfLine(at(lines, 4))).toEqual({ kind: 'pod', key: 'default/web-pod' });
    expect(ownerOfLine(at(lines, 2))).toEqual({ kind: 'service', key: 'default/web-service' });
  });

  it('shows a Service from its KUBE-SVC- chain, and a pod from its DNAT', () => {
    const lines = toRuleLines(iptables, book);
    expect(firstLineOf(lines, { kind: 'service', key: 'default/web-service' })).toBe(5);
    expect(firstLineOf(lines, { kind: 'pod', key: 'default/web-pod' })).toBe(4);
  });

  it('reads nft chains and ipvsadm virtual and real servers', () => {
    const nft = toRuleLines(
      `table ip kube-proxy {
\tchain endpoint-C4GXXRNL-default/web-service/tcp/http__10.244.2.2/80 {
\t\tmeta l4proto tcp dnat to 10.244.2.2:80
\t}`,
      book,
    );
    expect(nft[2]).toMatchObject({
      table: 'ip kube-proxy',
      service: 'default/web-service',
      pod: 'default/web-pod',
    });
    const ipvs = toRuleLines(
      `TCP  10.97.69.180:80 rr\n  -> 10.244.2.2:80                Masq    1      0          0`,
      book,
    );
    expect(ipvs[0]).toMatchObject({ service: 'default/web-service', chainRule: true });
    expect(ipvs[1]).toMatchObject({ service: 'default/web-service', pod: 'default/web-pod' });
    expect(
      matchHops(
        ipvs,
        [
          {
            node: 'n',
            table: 'ipvs',
            chain: 'TCP  10.97.69.180:80 rr',
            rule: '-> 10.244.2.2:80 Masq 1',
          },
        ],
        'n',
      ),
    ).toEqual(new Set([1]));
  });

  it('matches the hops of the node shown, by table and rule text', () => {
    const lines = toRuleLines(iptables, book);
    const rule = at(lines, 5).text;
    const hops = [
      { node: 'node-1', table: 'nat', chain: 'KUBE-SVC-LHVVVX6K6XR7TB6A', rule },
      { node: 'node-2', table: 'nat', chain: 'KUBE-SERVICES', rule: at(lines, 2).text },
    ];
    expect(matchHops(lines, hops, 'node-1')).toEqual(new Set([5]));
  });
});
