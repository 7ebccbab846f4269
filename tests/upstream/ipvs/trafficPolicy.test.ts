/**
 * Which endpoints become real servers under the traffic policies, and the terminating-endpoint
 * fallback, from kubernetes/kubernetes pkg/proxy/ipvs/proxier_test.go (reference index file id
 * 11084498, upstream master of 2025): TestTestInternalTrafficPolicyE2E,
 * Test_EndpointSliceReadyAndTerminatingCluster, Test_EndpointSliceReadyAndTerminatingLocal,
 * Test_EndpointSliceOnlyReadyAndTerminatingCluster and
 * Test_EndpointSliceOnlyReadyAndTerminatingLocal. KUBE-LOOP-BACK lists every local endpoint,
 * whatever its conditions.
 */
import { describe, expect, it } from 'vitest';
import { entriesOf, ipvsStateOf, realServersOf, service, slice } from './harness';

const unnamedPort = '[{name: "", port: 80, protocol: TCP}]';

describe('IPVS TestTestInternalTrafficPolicyE2E', () => {
  const cases: [string, string, string[], string[], number][] = [
    [
      'internalTrafficPolicy is cluster with non-zero local endpoints',
      'Cluster',
      ['test-node', 'node1', 'node2'],
      ['10.0.1.1:80', '10.0.1.2:80', '10.0.1.3:80'],
      1,
    ],
    [
      'internalTrafficPolicy is cluster with zero local endpoints',
      'Cluster',
      ['node0', 'node1', 'node2'],
      ['10.0.1.1:80', '10.0.1.2:80', '10.0.1.3:80'],
      0,
    ],
    [
      'internalTrafficPolicy is local with non-zero local endpoints',
      'Local',
      ['test-node', 'node1', 'node2'],
      ['10.0.1.1:80'],
      1,
    ],
    [
      'internalTrafficPolicy is local with zero local endpoints',
      'Local',
      ['node0', 'node1', 'node2'],
      [],
      0,
    ],
  ];
  for (const [name, policy, nodes, realServers, loopBack] of cases) {
    it(name, () => {
      const endpoints = nodes.map(
        (node, i) => `{addresses: [10.0.1.${i + 1}], conditions: {ready: true}, nodeName: ${node}}`,
      );
      const s = ipvsStateOf(
        service({
          spec: `  clusterIP: 172.20.1.1
  selector: {foo: bar}
  internalTrafficPolicy: ${policy}
  ports: [{name: "", targetPort: 80, protocol: TCP}]`,
        }) + slice({ endpoints: `[${endpoints.join(', ')}]`, ports: unnamedPort }),
      );
      expect(entriesOf(s, 'KUBE-LOOP-BACK')).toHaveLength(loopBack);
      expect(s.virtualServers).toHaveLength(1);
      // Upstream checks the real servers when a local endpoint exists; with none under Local
      // policy kube-proxy falls back to the (empty) cluster endpoints.
      expect(realServersOf(s, '172.20.1.1', 0)).toEqual(realServers);
    });
  }
});

const conditions = (ready: boolean, serving: boolean, terminating: boolean) =>
  `{ready: ${ready}, serving: ${serving}, terminating: ${terminating}}`;

const terminatingFixture = (externalPolicy: string, endpoints: [string, string, string][]) =>
  service({
    spec: `  type: NodePort
  clusterIP: 172.20.1.1
  selector: {foo: bar}
  externalTrafficPolicy: ${externalPolicy}
  internalTrafficPolicy: Cluster
  externalIPs: [1.2.3.4]
  ports: [{name: "", port: 80, targetPort: 80, protocol: TCP}]`,
  }) +
  slice({
    endpoints: `[${endpoints
      .map(([ip, c, node]) => `{addresses: [${ip}], conditions: ${c}, nodeName: ${node}}`)
      .join(', ')}]`,
    ports: unnamedPort,
  });

const readyAndTerminating: [string, string, string][] = [
  ['10.0.1.1', conditions(true, true, false), 'test-node'],
  ['10.0.1.2', conditions(true, true, false), 'test-node'],
  ['10.0.1.3', conditions(false, true, true), 'test-node'],
  ['10.0.1.4', conditions(false, false, true), 'test-node'],
  ['10.0.1.5', conditions(true, true, false), 'another-node'],
];

const onlyTerminating = (fifth: string): [string, string, string][] => [
  ['10.0.1.1', conditions(false, true, true), 'test-node'],
  ['10.0.1.2', conditions(false, true, true), 'test-node'],
  ['10.0.1.3', conditions(false, false, true), 'test-node'],
  ['10.0.1.4', conditions(false, true, true), 'another-node'],
  ['10.0.1.5', fifth, 'another-node'],
];

const loopBack = (n: number) =>
  Array.from({ length: n }, (_, i) => `10.0.1.${i + 1},tcp:80,10.0.1.${i + 1}`);

describe('IPVS Test_EndpointSliceReadyAndTerminatingCluster', () => {
  const s = ipvsStateOf(terminatingFixture('Cluster', readyAndTerminating));

  it('lists every local endpoint in KUBE-LOOP-BACK', () => {
    expect(entriesOf(s, 'KUBE-LOOP-BACK')).toEqual(loopBack(4));
  });

  it('uses only the ready endpoints', () => {
    expect(s.virtualServers).toHaveLength(2);
    const ready = ['10.0.1.1:80', '10.0.1.2:80', '10.0.1.5:80'];
    expect(realServersOf(s, '172.20.1.1', 80)).toEqual(ready);
    expect(realServersOf(s, '1.2.3.4', 80)).toEqual(ready);
  });
});

describe('IPVS Test_EndpointSliceReadyAndTerminatingLocal', () => {
  const s = ipvsStateOf(terminatingFixture('Local', readyAndTerminating));

  it('lists every local endpoint in KUBE-LOOP-BACK', () => {
    expect(entriesOf(s, 'KUBE-LOOP-BACK')).toEqual(loopBack(4));
  });

  it('sends external traffic to the local ready endpoints only', () => {
    expect(realServersOf(s, '172.20.1.1', 80)).toEqual([
      '10.0.1.1:80',
      '10.0.1.2:80',
      '10.0.1.5:80',
    ]);
    expect(realServersOf(s, '1.2.3.4', 80)).toEqual(['10.0.1.1:80', '10.0.1.2:80']);
  });
});

describe('IPVS Test_EndpointSliceOnlyReadyAndTerminatingCluster', () => {
  const s = ipvsStateOf(
    terminatingFixture('Cluster', onlyTerminating(conditions(false, false, false))),
  );

  it('lists every local endpoint in KUBE-LOOP-BACK', () => {
    expect(entriesOf(s, 'KUBE-LOOP-BACK')).toEqual(loopBack(3));
  });

  it('falls back to the serving terminating endpoints', () => {
    const serving = ['10.0.1.1:80', '10.0.1.2:80', '10.0.1.4:80'];
    expect(realServersOf(s, '172.20.1.1', 80)).toEqual(serving);
    expect(realServersOf(s, '1.2.3.4', 80)).toEqual(serving);
  });
});

describe('IPVS Test_EndpointSliceOnlyReadyAndTerminatingLocal', () => {
  const s = ipvsStateOf(
    terminatingFixture('Local', onlyTerminating(conditions(true, true, false))),
  );

  it('lists every local endpoint in KUBE-LOOP-BACK', () => {
    expect(entriesOf(s, 'KUBE-LOOP-BACK')).toEqual(loopBack(3));
  });

  it('falls back to the local serving terminating endpoints for external traffic', () => {
    expect(realServersOf(s, '172.20.1.1', 80)).toEqual(['10.0.1.5:80']);
    expect(realServersOf(s, '1.2.3.4', 80)).toEqual(['10.0.1.1:80', '10.0.1.2:80']);
  });
});
