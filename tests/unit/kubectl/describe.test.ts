/**
 * `kubectl describe service`, transcribed from kubernetes/kubectl pkg/describe/describe_test.go at
 * commit dee3483a3d6a64c07fdf746caf80af446dee99ac (TestDescribeService: test1, test2,
 * test-ready-field-empty).
 */
import { describe, expect, it } from 'vitest';
import { describeService } from '../../../src/engine/kubectl/describe';
import type { EndpointSlice, Service } from '../../../src/engine/model';

function bar(
  targetPort: number | string,
  internal: 'Cluster' | 'Local',
  ingress: { ip: string; ipMode?: 'VIP' }[],
): Service {
  return {
    kind: 'Service',
    metadata: { name: 'bar', namespace: 'foo' },
    spec: {
      type: 'LoadBalancer',
      ports: [{ name: 'port-tcp', port: 8080, protocol: 'TCP', targetPort, nodePort: 31111 }],
      selector: { blah: 'heh' },
      clusterIP: '1.2.3.4',
      ipFamilies: ['IPv4'],
      loadBalancerIP: '5.6.7.8',
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Local',
      internalTrafficPolicy: internal,
      healthCheckNodePort: 32222,
    },
    ...(ingress.length > 0 ? { status: { loadBalancer: { ingress } } } : {}),
  };
}

function slice(name: string, endpoints: [string, boolean | undefined][]): EndpointSlice {
  return {
    kind: 'EndpointSlice',
    metadata: { name, namespace: 'foo', labels: { 'kubernetes.io/service-name': 'bar' } },
    endpoints: endpoints.map(([address, ready]) => ({
      addresses: [address],
      ...(ready === undefined ? {} : { conditions: { ready } }),
    })),
    ports: [{ name: 'port-tcp', port: 9527, protocol: 'TCP' }],
  };
}

const header = `Name:                     bar
Namespace:                foo
Labels:                   <none>
Annotations:              <none>
Selector:                 blah=heh
Type:                     LoadBalancer
IP Families:              IPv4
IP:                       1.2.3.4
IPs:                      <none>
Desired LoadBalancer IP:  5.6.7.8
`;

describe('describeService (TestDescribeService)', () => {
  it('test1: prints a LoadBalancer Service with its ingress IP mode and endpoints', () => {
    const text = describeService(bar(9527, 'Cluster', [{ ip: '5.6.7.8', ipMode: 'VIP' }]), [
      slice('bar-abcde', [
        ['10.244.0.1', true],
        ['10.244.0.2', true],
        ['10.244.0.3', true],
      ]),
    ]);
    expect(text).toBe(`${header}LoadBalancer Ingress:     5.6.7.8 (VIP)
Port:                     port-tcp  8080/TCP
TargetPort:               9527/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527,10.244.0.2:9527,10.244.0.3:9527
Session Affinity:         None
External Traffic Policy:  Local
Internal Traffic Policy:  Cluster
HealthCheck NodePort:     32222
Events:                   <none>
`);
  });

  it('test2: skips not-ready endpoints and counts the rest after three', () => {
    const text = describeService(bar('targetPort', 'Local', [{ ip: '5.6.7.8' }]), [
      slice('bar-12345', [
        ['10.244.0.1', true],
        ['10.244.0.2', true],
      ]),
      slice('bar-54321', [
        ['10.244.0.3', false],
        ['10.244.0.4', true],
        ['10.244.0.5', true],
      ]),
    ]);
    expect(text).toBe(`${header}LoadBalancer Ingress:     5.6.7.8
Port:                     port-tcp  8080/TCP
TargetPort:               targetPort/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527,10.244.0.2:9527,10.244.0.4:9527 + 1 more...
Session Affinity:         None
External Traffic Policy:  Local
Internal Traffic Policy:  Local
HealthCheck NodePort:     32222
Events:                   <none>
`);
  });

  it('test-ready-field-empty: counts an endpoint without a ready condition as ready', () => {
    const text = describeService(bar(9527, 'Cluster', []), [
      slice('bar-abcdef', [['10.244.0.1', undefined]]),
    ]);
    expect(text).toBe(`${header}Port:                     port-tcp  8080/TCP
TargetPort:               9527/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527
Session Affinity:         None
External Traffic Policy:  Local
Internal Traffic Policy:  Cluster
HealthCheck NodePort:     32222
Events:                   <none>
`);
  });
});
