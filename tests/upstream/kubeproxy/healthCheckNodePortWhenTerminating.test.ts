/**
 * TestHealthCheckNodePortWhenTerminating of kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go
 * (read at aojea/kubernetes@4e7ccb27627e47cd5ddc447fbf22a41ea44ff5ba, see ../iptables/source.ts)
 * and pkg/proxy/nftables/proxier_test.go at commit 81810de635aa13aa0a32992f6def3aa9d6025ebc (the
 * same case in both): the health check server counts a Service while it has a local ready
 * endpoint, and no longer once every local endpoint is terminating or not ready. The count is
 * upstream's EndpointsMap.LocalReadyEndpoints, read from the endpoints map kube-proxy's common
 * layer builds from each snapshot (before, and after the slice is updated to terminating).
 */
import { describe, expect, it } from 'vitest';
import { clusterOf, endpointSlice, endpointsMapOf, localReadyEndpoints } from './trackers';

const testNodeName = 'test-node';

const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'svc1', namespace: 'ns1' },
  spec: {
    clusterIP: '172.30.1.1',
    selector: { foo: 'bar' },
    ports: [{ name: '', targetPort: 80, protocol: 'TCP' }],
  },
};

const port = [{ name: '', port: 80, protocol: 'TCP' }];

const local = (
  ip: string,
  conditions: { ready?: boolean; serving?: boolean; terminating?: boolean },
) => ({
  addresses: [ip],
  nodeName: testNodeName,
  conditions,
});

const readySlice = endpointSlice(
  'ns1',
  'svc1',
  'svc1-1',
  [
    local('10.0.1.1', { ready: true }),
    local('10.0.1.2', { ready: true }),
    local('10.0.1.3', { ready: true }),
    // not ready endpoints should be ignored
    local('10.0.1.4', { ready: false }),
  ],
  port,
);

const terminatingSlice = endpointSlice(
  'ns1',
  'svc1',
  'svc1-1',
  [
    local('10.0.1.1', { ready: false, serving: true, terminating: false }),
    local('10.0.1.2', { ready: false, serving: true, terminating: true }),
    local('10.0.1.3', { ready: false, serving: true, terminating: true }),
    local('10.0.1.4', { ready: false, serving: false, terminating: true }),
  ],
  port,
);

describe('TestHealthCheckNodePortWhenTerminating (iptables and nftables proxier_test.go)', () => {
  it('counts the Service while it has local ready endpoints', () => {
    const map = endpointsMapOf(clusterOf([service, readySlice]), testNodeName);
    expect(Object.keys(localReadyEndpoints(map))).toHaveLength(1);
  });

  it('no longer counts it once every local endpoint is terminating or not ready', () => {
    const map = endpointsMapOf(clusterOf([service, terminatingSlice]), testNodeName);
    expect(Object.keys(localReadyEndpoints(map))).toHaveLength(0);
  });
});
