import { describe, expect, it } from 'vitest';
import { serviceNamed, serviceYaml, simulate } from './helpers';

describe('Service defaulting', () => {
  it('fills type, affinity, protocol, targetPort, traffic policies and IP families of a ClusterIP Service', () => {
    const sim = simulate(`apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
`);
    const spec = serviceNamed(sim, 'web')?.spec;
    expect(spec?.type).toBe('ClusterIP');
    expect(spec?.sessionAffinity).toBe('None');
    expect(spec?.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    expect(spec?.internalTrafficPolicy).toBe('Cluster');
    expect(spec?.externalTrafficPolicy).toBeUndefined();
    expect(spec?.ipFamilyPolicy).toBe('SingleStack');
    expect(spec?.ipFamilies).toEqual(['IPv4']);
    expect(spec?.clusterIPs).toEqual([spec?.clusterIP]);
  });

  it('gives ClientIP affinity the three-hour timeout', () => {
    const sim = simulate(serviceYaml('web', '\n  sessionAffinity: ClientIP'));
    expect(serviceNamed(sim, 'web')?.spec?.sessionAffinityConfig).toEqual({
      clientIP: { timeoutSeconds: 10800 },
    });
  });

  it('defaults externalTrafficPolicy and allocateLoadBalancerNodePorts for a LoadBalancer', () => {
    const spec = serviceNamed(simulate(serviceYaml('lb', '', 'LoadBalancer')), 'lb')?.spec;
    expect(spec?.externalTrafficPolicy).toBe('Cluster');
    expect(spec?.allocateLoadBalancerNodePorts).toBe(true);
    expect(spec?.ports?.[0]?.nodePort).toBeGreaterThanOrEqual(30000);
  });

  it('leaves internalTrafficPolicy and IP families off an ExternalName Service', () => {
    const sim = simulate(`apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  type: ExternalName
  externalName: db.example.com
`);
    const spec = serviceNamed(sim, 'db')?.spec;
    expect(spec?.internalTrafficPolicy).toBeUndefined();
    expect(spec?.ipFamilies).toBeUndefined();
    expect(spec?.clusterIP).toBeUndefined();
  });

  it('makes a headless selectorless Service RequireDualStack with both families', () => {
    const sim = simulate(`apiVersion: v1
kind: Service
metadata:
  name: h
spec:
  clusterIP: None
  ports:
  - port: 80
`);
    const spec = serviceNamed(sim, 'h')?.spec;
    expect(spec?.ipFamilyPolicy).toBe('RequireDualStack');
    expect(spec?.ipFamilies).toEqual(['IPv4', 'IPv6']);
  });

  it('gives a PreferDualStack Service two ClusterIPs on a dual-stack cluster', () => {
    const sim = simulate(`apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
networking:
  serviceSubnet: 10.96.0.0/12,fd00:10:96::/108
  podSubnet: 10.244.0.0/16,fd00:10:244::/56
---
${serviceYaml('web', '\n  ipFamilyPolicy: PreferDualStack')}`);
    const spec = serviceNamed(sim, 'web')?.spec;
    expect(spec?.ipFamilies).toEqual(['IPv4', 'IPv6']);
    expect(spec?.clusterIPs?.length).toBe(2);
    expect(spec?.clusterIPs?.[1]).toMatch(/^fd00:10:96::/);
  });

  it('rejects RequireDualStack on a single-stack cluster', () => {
    const sim = simulate(serviceYaml('web', '\n  ipFamilyPolicy: RequireDualStack'));
    expect(sim.applied[0]?.error).toBe(
      'The Service "web" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
    );
  });
});

describe('Pod, Deployment and Endpoints defaulting', () => {
  it('defaults a Deployment and its pod template as apps/v1 does', () => {
    const sim = simulate(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
`);
    const d = sim.applied[0];
    expect(d?.outcome).toBe('created');
    // The stored Deployment is what the controllers received; read it through the cluster.
    const stored = sim.cluster.deployments.find((x) => x.metadata.name === 'web');
    expect(stored?.spec?.replicas).toBe(1);
    expect(stored?.spec?.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
    });
    expect(stored?.spec?.revisionHistoryLimit).toBe(10);
    expect(stored?.spec?.progressDeadlineSeconds).toBe(600);
    const pod = stored?.spec?.template?.spec;
    expect(pod?.dnsPolicy).toBe('ClusterFirst');
    expect(pod?.restartPolicy).toBe('Always');
    expect(pod?.terminationGracePeriodSeconds).toBe(30);
    expect(pod?.schedulerName).toBe('default-scheduler');
    expect(pod?.enableServiceLinks).toBe(true);
    expect(pod?.containers?.[0]?.ports?.[0]?.protocol).toBe('TCP');
    expect(pod?.containers?.[0]?.imagePullPolicy).toBe('IfNotPresent');
  });

  it('defaults Endpoints and EndpointSlice port protocols to TCP', () => {
    const sim = simulate(`apiVersion: v1
kind: Endpoints
metadata:
  name: db
subsets:
- addresses:
  - ip: 192.168.1.50
  ports:
  - port: 5432
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: db-1
  labels: {kubernetes.io/service-name: db}
addressType: IPv4
endpoints:
- addresses: [192.168.1.50]
ports:
- port: 5432
`);
    expect(
      sim.cluster.endpoints.find((e) => e.metadata.name === 'db')?.subsets?.[0]?.ports?.[0]
        ?.protocol,
    ).toBe('TCP');
    expect(sim.cluster.endpointSlices.find((e) => e.metadata.name === 'db-1')?.ports?.[0]).toEqual({
      name: '',
      port: 5432,
      protocol: 'TCP',
    });
  });
});
