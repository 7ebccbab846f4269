/**
 * The rest of upstream's TestValidateServiceUpdate (kubernetes/kubernetes
 * pkg/apis/core/validation/validation_test.go at commit b1ce15c54586daabffbc79d6ef36feabbf5a0875),
 * the cases serviceUpdate.test.ts does not hold, played as two `kubectl apply`s of the same
 * Service: the first document is the stored Service, the second the update.
 *
 * Upstream calls ValidateServiceUpdate alone; a real update first goes through the Service storage
 * (pkg/registry/core/service/storage: patchAllocatedValues, normalizeClusterIPs, the allocators'
 * initIPFamilyFields and updateClusterIPs) and the strategy's PrepareForUpdate
 * (pkg/registry/core/service/strategy.go dropTypeDependentFields), and these change the answer in
 * some cases. Each such case says so and expects what the API server prints:
 * - a stored Service always holds a clusterIP (upstream's makeValidService has none): a value left
 *   out, or written empty, is the stored one again (patchAllocatedValues), and a Service turned
 *   headless is changing a clusterIP it holds;
 * - v1 defaulting fills an empty `type` and `sessionAffinity` before validation;
 * - the strategy drops, on a change of type, the values the old type needed that the update did
 *   not change (clusterIPs, ipFamilies, ipFamilyPolicy, loadBalancerClass);
 * - the storage's own pre-validation stops a mismatched ipFamilies/clusterIPs pair before
 *   ValidateServiceUpdate runs;
 * - an ExternalName Service is stored only with an externalName (`foo` is added where upstream's
 *   fixture has none) and without clusterIPs.
 * Repeated errors (upstream counts validateLoadBalancerClassField's twice) are printed once.
 *
 * Values moved into this cluster: 1.2.3.4 -> 10.96.0.50, 1.2.3.5 -> 10.96.0.51,
 * 8.6.7.5 -> 10.96.0.75, 10.0.0.10 -> 10.96.0.60 (10.96.0.10 is kube-dns's), 2001::1 ->
 * fd00:10:96::1, 2002::1 -> fd00:10:96::2; nodePort 1 -> 30001 (inside 30000-32767).
 *
 * The second part transcribes TestDropTypeDependentFields (pkg/registry/core/service/strategy_test.go,
 * the newest version stored, the one with TestMatchService and TestDropServiceStatusDisabledFields:
 * the store names no commit for it, only for an older one, abd60651f20b906e54ce2c89ad6d2b7790dba8a1,
 * whose table lacks the externalIPs case; strategy.go read alongside uses serviceapi.ExternallyAccessible);
 * its makeValidService is dual-stack: 1.2.3.4 -> 10.96.0.5 (so that upstream's appended "0" gives
 * 10.96.0.50), 5:6:7::8 -> fd00:10:96::8; addPort's port 0, which validation refuses, -> 80), played
 * as type changes on a dual-stack cluster: the fields the strategy keeps are the ones validation
 * then refuses, the ones it drops are gone from the stored Service. A stored LoadBalancer Service
 * always has allocateLoadBalancerNodePorts (v1 defaulting), so upstream's "nil -> true" is true -> true.
 */
import { describe, expect, it } from 'vitest';
import type {
  IPFamily,
  IPFamilyPolicy,
  KubeObject,
  Service,
  ServicePort,
  ServiceSpec,
} from '../../../src/engine/model';
import { fieldErrors, resultOf, run, validNamespace } from './fixtures';

const dualStack = {
  apiVersion: 'kubeadm.k8s.io/v1beta4',
  kind: 'ClusterConfiguration',
  networking: {
    serviceSubnet: '10.96.0.0/12,fd00:10:96::/112',
    podSubnet: '10.244.0.0/16,fd00:10:244::/56',
  },
} as KubeObject;

type Spec = Omit<ServiceSpec, 'type' | 'sessionAffinity'> & {
  type?: ServiceSpec['type'] | '';
  sessionAffinity?: ServiceSpec['sessionAffinity'] | '';
};

/** Upstream's makeValidService in validation_test.go, tweaked: no clusterIP, as there. */
function valid(spec: Spec = {}, metadata: Partial<Service['metadata']> = {}): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'valid', namespace: 'valid', labels: {}, annotations: {}, ...metadata },
    spec: {
      selector: { key: 'val' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
      ports: [{ name: 'p', protocol: 'TCP', port: 8675, targetPort: 8675 }],
      internalTrafficPolicy: 'Cluster',
      ...spec,
    } as ServiceSpec,
  };
}

const header = 'The Service "valid" is invalid: ';

/** The API server's errors in its order, as kubectl prints them: one, or a list of `* ` lines. */
function reported(error: string | undefined): string[] {
  if (error === undefined) return [];
  const body = error.startsWith(header) ? error.slice(header.length) : error;
  return body.startsWith('\n')
    ? body
        .slice(1)
        .split('\n')
        .map((l) => l.replace(/^\* /, ''))
    : [body];
}

/** Applies `old`, then `next`, on a single-stack cluster or, with `dual`, a dual-stack one. */
function update(old: Service, next: Service, dual = false) {
  const sim = run([...(dual ? [dualStack] : []), validNamespace, old, next]);
  const stored = sim.cluster.services.find(
    (s) => s.metadata.name === 'valid' && s.metadata.namespace === 'valid',
  );
  const result = resultOf(sim, 'valid');
  const errors = reported(result?.error);
  // The editor marks each of them at its field.
  expect([...fieldErrors(sim, 'Service/valid/valid')].sort()).toEqual([...errors].sort());
  return { sim, outcome: result?.outcome, errors, stored };
}

/** The clusterIP the cluster allocates to upstream's valid Service (it asks for none). */
function allocatedIP(): string {
  const sim = run([validNamespace, valid()]);
  return sim.cluster.services.find((s) => s.metadata.name === 'valid')?.spec?.clusterIP ?? '';
}

const ip = '10.96.0.50';
const ip2 = '10.96.0.51';
const v6 = 'fd00:10:96::1';
const lb = {
  type: 'LoadBalancer',
  externalTrafficPolicy: 'Cluster',
  allocateLoadBalancerNodePorts: true,
} as const;
const nodePort = { type: 'NodePort', externalTrafficPolicy: 'Cluster' } as const;
const withIP = (address: string) => ({ clusterIP: address, clusterIPs: [address] });
const mayNotChange = (path: string, ips: string[]) =>
  `${path}: Invalid value: ${JSON.stringify(ips)}: may not change once set`;
const onlyLoadBalancer = (field: string) =>
  `spec.${field}: Forbidden: may only be used when \`type\` is 'LoadBalancer'`;

describe('TestValidateServiceUpdate: metadata, affinity, type', () => {
  it('no change', () => {
    expect(update(valid(), valid()).outcome).toBe('unchanged');
  });

  it('change label valid', () => {
    const r = update(valid(), valid({}, { labels: { key: 'other-value' } }));
    expect(r.outcome).toBe('configured');
    expect(r.stored?.metadata.labels).toEqual({ key: 'other-value' });
  });

  it('add label', () => {
    const r = update(valid(), valid({}, { labels: { key2: 'value2' } }));
    expect(r.outcome).toBe('configured');
    expect(r.stored?.metadata.labels).toEqual({ key2: 'value2' });
  });

  it('an invalid label is reported before a changed cluster IP (ValidateObjectMetaUpdate runs first; ValidateService repeats it)', () => {
    const labels = { 'NoUppercaseOrSpecialCharsLike=Equals': 'bar' };
    const r = update(valid(withIP(ip)), valid(withIP('10.96.0.75'), { labels }));
    expect(r.errors).toEqual([
      `metadata.labels: Invalid value: "NoUppercaseOrSpecialCharsLike=Equals": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      mayNotChange('spec.clusterIPs[0]', ['10.96.0.75']),
    ]);
  });

  it('change cluster IP', () => {
    const r = update(valid(withIP(ip)), valid(withIP('10.96.0.75')));
    expect(r.errors).toEqual([mayNotChange('spec.clusterIPs[0]', ['10.96.0.75'])]);
  });

  it('remove cluster IP: upstream counts 1 error; the storage puts the stored clusterIP back (patchAllocatedValues)', () => {
    for (const next of [valid(), valid({ clusterIP: '' })]) {
      const r = update(valid(withIP(ip)), next);
      expect(r.outcome).toBe('configured');
      expect(r.stored?.spec?.clusterIPs).toEqual([ip]);
    }
  });

  it('change affinity', () => {
    const config = { clientIP: { timeoutSeconds: 90 } };
    const r = update(
      valid(),
      valid({ sessionAffinity: 'ClientIP', sessionAffinityConfig: config }),
    );
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.sessionAffinityConfig).toEqual(config);
  });

  it('remove affinity: upstream counts 1 error; v1 defaulting makes it None again', () => {
    const r = update(valid(), valid({ sessionAffinity: '' }));
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.sessionAffinity).toBe('None');
  });

  it('change type', () => {
    const r = update(valid(), valid(lb));
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.ports?.[0]?.nodePort).toBeGreaterThanOrEqual(30000);
  });

  it('remove type: upstream counts 1 error; v1 defaulting makes it ClusterIP again', () => {
    const r = update(valid(), valid({ type: '' }));
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.type).toBe('ClusterIP');
  });

  it('change type -> nodeport', () => {
    const r = update(valid(), valid(nodePort));
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.type).toBe('NodePort');
  });

  it('add loadBalancerSourceRanges', () => {
    const r = update(valid(lb), valid({ ...lb, loadBalancerSourceRanges: ['10.0.0.0/8'] }));
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.loadBalancerSourceRanges).toEqual(['10.0.0.0/8']);
  });

  it('update loadBalancerSourceRanges', () => {
    const r = update(
      valid({ ...lb, loadBalancerSourceRanges: ['10.0.0.0/8'] }),
      valid({ ...lb, loadBalancerSourceRanges: ['10.100.0.0/16'] }),
    );
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.loadBalancerSourceRanges).toEqual(['10.100.0.0/16']);
  });

  it('LoadBalancer type cannot have None ClusterIP (the stored clusterIP cannot become None either)', () => {
    const r = update(valid(), valid({ ...lb, ...withIP('None') }));
    expect(r.errors).toEqual([
      mayNotChange('spec.clusterIPs[0]', ['None']),
      `spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for LoadBalancer services`,
    ]);
  });
});

describe('TestValidateServiceUpdate: a set clusterIP stays when the type changes', () => {
  const changes: [string, Spec, Spec][] = [
    ['ClusterIP', {}, nodePort],
    ['ClusterIP', {}, lb],
    ['NodePort', nodePort, nodePort],
    ['NodePort', nodePort, lb],
    ['LoadBalancer', lb, lb],
    ['LoadBalancer', lb, {}],
    ['LoadBalancer', lb, nodePort],
  ];
  for (const [from, before, after] of changes) {
    const to = after.type ?? 'ClusterIP';
    it(`Service with ${from} type cannot change its set ClusterIP${to === from ? '' : ` when changing type to ${to}`}`, () => {
      const r = update(valid({ ...before, ...withIP(ip) }), valid({ ...after, ...withIP(ip2) }));
      expect(r.outcome).toBe('rejected');
      expect(r.errors).toEqual([mayNotChange('spec.clusterIPs[0]', [ip2])]);
    });
  }

  // Upstream's "can change its empty ClusterIP" cases: a stored Service has no empty clusterIP;
  // one left out of the update is the stored one, whatever the new type.
  const omitted: [string, Spec, Spec][] = [
    ['ClusterIP', {}, nodePort],
    ['ClusterIP', {}, lb],
    ['NodePort', nodePort, nodePort],
    ['NodePort', nodePort, {}],
    ['NodePort', nodePort, lb],
    ['LoadBalancer', lb, lb],
    ['LoadBalancer', lb, {}],
    ['LoadBalancer', lb, nodePort],
  ];
  for (const [from, before, after] of omitted) {
    const to = after.type ?? 'ClusterIP';
    it(`Service with ${from} type can change its empty ClusterIP${to === from ? '' : ` when changing type to ${to}`} (it keeps the allocated one)`, () => {
      // An update of the same type changes a label, or the two applies would be one.
      const r = update(valid(before), valid(after, to === from ? { labels: { a: 'b' } } : {}));
      expect(r.outcome).toBe('configured');
      expect(r.stored?.spec?.type).toBe(to);
      expect(r.stored?.spec?.clusterIPs).toEqual([allocatedIP()]);
    });
  }

  it('Service with LoadBalancer type can change its AllocateLoadBalancerNodePorts from true to false', () => {
    const r = update(valid(lb), valid({ ...lb, allocateLoadBalancerNodePorts: false }));
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.allocateLoadBalancerNodePorts).toBe(false);
  });

  it('Service with LoadBalancer type can change its AllocateLoadBalancerNodePorts from false to true', () => {
    const r = update(
      valid({ ...lb, allocateLoadBalancerNodePorts: false }),
      valid({ ...lb, allocateLoadBalancerNodePorts: true }),
    );
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.ports?.[0]?.nodePort).toBeGreaterThanOrEqual(30000);
  });

  it('Service with ExternalName type can change its empty ClusterIP when changing type to ClusterIP', () => {
    const r = update(valid({ type: 'ExternalName', externalName: 'foo' }), valid(withIP(ip2)));
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.clusterIPs).toEqual([ip2]);
  });

  it('invalid node port with clusterIP None (the stored clusterIP cannot become None either)', () => {
    const ports: ServicePort[] = [
      { name: 'p', protocol: 'TCP', port: 8675, targetPort: 8675 },
      { name: 'q', protocol: 'TCP', port: 1, nodePort: 30001, targetPort: 1 },
    ];
    const r = update(
      valid({ ...nodePort, ports }),
      valid({ ...nodePort, ports, ...withIP('None') }),
    );
    expect(r.errors).toEqual([
      mayNotChange('spec.clusterIPs[0]', ['None']),
      `spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services`,
    ]);
  });
});

describe('TestValidateServiceUpdate: IP families', () => {
  it('convert from ExternalName', () => {
    const r = update(valid({ type: 'ExternalName', externalName: 'foo' }), valid());
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.clusterIP).toMatch(/^10\./);
    expect(r.stored?.spec?.clusterIPs).toEqual([r.stored?.spec?.clusterIP]);
  });

  it('invalid: convert to ExternalName: upstream counts 3 errors; the strategy drops the unchanged clusterIPs, ipFamilies and ipFamilyPolicy', () => {
    const ipFields: Spec = {
      ...withIP('10.96.0.60'),
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    };
    const r = update(
      valid(ipFields),
      valid({ type: 'ExternalName', externalName: 'foo', ...ipFields }),
    );
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec).not.toHaveProperty('clusterIP');
    expect(r.stored?.spec).not.toHaveProperty('clusterIPs');
    expect(r.stored?.spec).not.toHaveProperty('ipFamilies');
    expect(r.stored?.spec).not.toHaveProperty('ipFamilyPolicy');
  });

  it('same ServiceIPFamily', () => {
    const r = update(valid({ ipFamilies: ['IPv4'] }), valid({ ipFamilies: ['IPv4'] }));
    expect(r.outcome).toBe('unchanged');
  });

  it('same ServiceIPFamily, change IPFamilyPolicy to singleStack', () => {
    const r = update(
      valid({ ipFamilies: ['IPv4'] }),
      valid({ ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' }),
    );
    expect(r.outcome).toBe('configured');
  });

  it('same ServiceIPFamily, change IPFamilyPolicy singleStack => requireDualStack (dual-stack cluster)', () => {
    const r = update(
      valid({ ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' }),
      valid({ ipFamilies: ['IPv4'], ipFamilyPolicy: 'RequireDualStack' }),
      true,
    );
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.ipFamilies).toEqual(['IPv4', 'IPv6']);
    expect(r.stored?.spec?.clusterIPs).toHaveLength(2);
  });

  it('add a new ServiceIPFamily (dual-stack cluster)', () => {
    const r = update(
      valid({ ipFamilies: ['IPv4'], ipFamilyPolicy: 'RequireDualStack' }),
      valid({ ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack' }),
      true,
    );
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.ipFamilies).toEqual(['IPv4', 'IPv6']);
  });

  it('ExternalName while changing Service IPFamily', () => {
    const externalName = { type: 'ExternalName', externalName: 'somename' } as const;
    expect(update(valid(externalName), valid(externalName)).outcome).toBe('unchanged');
  });

  it('setting ipfamily from nil to v4', () => {
    const r = update(valid(), valid({ externalName: 'somename', ipFamilies: ['IPv4'] }));
    expect(r.outcome).toBe('configured');
  });

  it("setting ipfamily from nil to v6: the stored Service's IPv4 clusterIP does not match", () => {
    const r = update(valid(), valid({ externalName: 'somename', ipFamilies: ['IPv6'] }));
    expect(r.errors).toEqual([
      `spec.clusterIPs[0]: Invalid value: "${allocatedIP()}": expected an IPv6 value as indicated by \`ipFamilies[0]\``,
    ]);
  });

  it("change primary ServiceIPFamily: upstream counts 2 errors; the storage's pre-validation stops at the first", () => {
    const r = update(
      valid({ ...withIP(ip), ipFamilies: ['IPv4'] }),
      valid({ ...withIP(ip), ipFamilies: ['IPv6'] }),
    );
    expect(r.errors).toEqual([
      `spec.clusterIPs[0]: Invalid value: "${ip}": expected an IPv6 value as indicated by \`ipFamilies[0]\``,
    ]);
  });
});

describe('TestValidateServiceUpdate: upgrade and downgrade (dual-stack cluster)', () => {
  const single: Spec = { ...withIP(ip), ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] };
  const dual: Spec = {
    clusterIP: ip,
    clusterIPs: [ip, v6],
    ipFamilyPolicy: 'RequireDualStack',
    ipFamilies: ['IPv4', 'IPv6'],
  };

  it('valid: upgrade to dual stack with preferDualStack', () => {
    const r = update(valid(single), valid({ ...single, ipFamilyPolicy: 'PreferDualStack' }), true);
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.ipFamilies).toEqual(['IPv4', 'IPv6']);
    expect(r.stored?.spec?.clusterIPs?.[0]).toBe(ip);
    expect(r.stored?.spec?.clusterIPs).toHaveLength(2);
  });

  it('valid: upgrade to dual stack, no specific secondary ip', () => {
    const r = update(
      valid(single),
      valid({ ...single, ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] }),
      true,
    );
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.clusterIPs?.[0]).toBe(ip);
    expect(r.stored?.spec?.clusterIPs).toHaveLength(2);
  });

  it('valid: upgrade to dual stack, with specific secondary ip', () => {
    const r = update(valid(single), valid(dual), true);
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.clusterIPs).toEqual([ip, v6]);
  });

  const headless = (ipFamilyPolicy: IPFamilyPolicy, ipFamilies: IPFamily[]) =>
    valid({ ...withIP('None'), ipFamilyPolicy, ipFamilies });

  it('valid: change families for a headless service', () => {
    const r = update(
      headless('RequireDualStack', ['IPv4', 'IPv6']),
      headless('RequireDualStack', ['IPv6', 'IPv4']),
      true,
    );
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.ipFamilies).toEqual(['IPv6', 'IPv4']);
  });

  it('valid: upgrade a headless service', () => {
    const r = update(
      headless('SingleStack', ['IPv4']),
      headless('RequireDualStack', ['IPv6', 'IPv4']),
      true,
    );
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.ipFamilies).toEqual(['IPv6', 'IPv4']);
  });

  it('valid: downgrade a headless service', () => {
    const r = update(
      headless('RequireDualStack', ['IPv4', 'IPv6']),
      headless('SingleStack', ['IPv6']),
      true,
    );
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.ipFamilies).toEqual(['IPv6']);
  });

  it('invalid change first ip, in dualstack service', () => {
    const r = update(valid(dual), valid({ ...dual, clusterIP: ip2, clusterIPs: [ip2, v6] }), true);
    expect(r.errors).toEqual([mayNotChange('spec.clusterIPs[0]', [ip2, v6])]);
  });

  it('invalid, change second ip in dualstack service', () => {
    const other = 'fd00:10:96::2';
    const r = update(valid(dual), valid({ ...dual, clusterIPs: [ip, other] }), true);
    expect(r.errors).toEqual([mayNotChange('spec.clusterIPs[1]', [ip, other])]);
  });

  it('invalid, downgrade and change primary ip', () => {
    const r = update(valid(dual), valid({ ...single, ...withIP(ip2) }), true);
    expect(r.errors).toEqual([mayNotChange('spec.clusterIPs[0]', [ip2])]);
  });

  it('invalid: upgrade to dual stack and change primary (the secondary is allocated first)', () => {
    const r = update(
      valid(single),
      valid({ ...withIP(ip2), ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] }),
      true,
    );
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(
      /^spec\.clusterIPs\[0\]: Invalid value: \["10\.96\.0\.51","fd00:10:96::[0-9a-f]+"\]: may not change once set$/,
    );
  });

  // Upstream's storage answers these before validation (alloc.go initIPFamilyFields, update-only
  // part): a SingleStack update that keeps the stored families trims them to the primary one, and
  // a non-SingleStack update that drops a clusterIP or a family is told to be SingleStack in the
  // allocator's words (clusterIPs.ts initIPFamilyFields).
  it('downgrade keeping the families: the storage trims the families to the primary one', () => {
    const r = update(valid(dual), valid({ ...single, ipFamilies: ['IPv4', 'IPv6'] }), true);
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.ipFamilies).toEqual(['IPv4']);
    expect(r.stored?.spec?.clusterIPs).toEqual([ip]);
  });

  it('valid: upgrade to dual stack with requiredDualStack (upstream sets the policy on the old Service: through the storage it is a downgrade that keeps RequireDualStack)', () => {
    const r = update(
      valid({ ...withIP(ip), ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4'] }),
      valid({ ...withIP(ip), ipFamilies: ['IPv4'] }),
      true,
    );
    expect(r.errors).toEqual([
      `spec.ipFamilyPolicy: Invalid value: "RequireDualStack": must be 'SingleStack' to release the secondary cluster IP`,
      `spec.ipFamilyPolicy: Invalid value: "RequireDualStack": must be 'SingleStack' to release the secondary IP family`,
    ]);
  });
});

describe('TestValidateServiceUpdate: ports, loadBalancerClass, traffic policies, annotations', () => {
  const appProtocol = (value?: string) =>
    valid({
      ports: [
        {
          name: 'a',
          port: 443,
          targetPort: 3000,
          protocol: 'TCP',
          ...(value ? { appProtocol: value } : {}),
        },
      ],
    });

  it('update to valid app protocol', () => {
    const r = update(appProtocol(), appProtocol('https'));
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.ports?.[0]?.appProtocol).toBe('https');
  });

  it('update to invalid app protocol', () => {
    const r = update(appProtocol(), appProtocol('~https'));
    expect(r.errors).toEqual([
      `spec.ports[0].appProtocol: Invalid value: "~https": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ]);
  });

  const lbClass = 'test.com/test-load-balancer-class';

  it('update to LoadBalancer type of service without LoadBalancerClass', () => {
    const r = update(valid(), valid(lb));
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec).not.toHaveProperty('loadBalancerClass');
  });

  it('invalid: set invalid LoadBalancerClass when update service to LoadBalancer (printed once)', () => {
    const r = update(valid(), valid({ ...lb, loadBalancerClass: 'Bad/LoadBalancerclass' }));
    expect(r.errors).toEqual([
      `spec.loadBalancerClass: Invalid value: "Bad/LoadBalancerclass": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ]);
  });

  it('invalid: set LoadBalancerClass when update service to non LoadBalancer type of service (ExternalName; upstream also counts its missing externalName)', () => {
    const externalName = { type: 'ExternalName', externalName: 'foo' } as const;
    const r = update(valid(externalName), valid({ ...externalName, loadBalancerClass: lbClass }));
    expect(r.errors).toEqual([onlyLoadBalancer('loadBalancerClass')]);
  });

  it('invalid: set LoadBalancerClass when update service to non LoadBalancer type of service (NodePort)', () => {
    const r = update(valid(nodePort), valid({ ...nodePort, loadBalancerClass: lbClass }));
    expect(r.errors).toEqual([onlyLoadBalancer('loadBalancerClass')]);
  });

  // Upstream counts 2 or 3 errors: validation alone keeps the class. The strategy drops a class
  // the update leaves as it was when the type stops being LoadBalancer.
  for (const to of [{}, { type: 'ExternalName', externalName: 'foo' }, nodePort] as Spec[]) {
    it(`set LoadBalancerClass when update from LoadBalancer service to ${to.type ?? 'ClusterIP'}: the strategy drops it`, () => {
      const r = update(
        valid({ ...lb, loadBalancerClass: lbClass }),
        valid({ ...to, loadBalancerClass: lbClass }),
      );
      expect(r.outcome).toBe('configured');
      expect(r.stored?.spec).not.toHaveProperty('loadBalancerClass');
    });
  }

  it('update internalTrafficPolicy from Cluster to Local', () => {
    const r = update(valid(), valid({ internalTrafficPolicy: 'Local' }));
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.internalTrafficPolicy).toBe('Local');
  });

  it('update internalTrafficPolicy from Local to Cluster', () => {
    const r = update(valid({ internalTrafficPolicy: 'Local' }), valid());
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.internalTrafficPolicy).toBe('Cluster');
  });

  it('topology annotations are mismatched', () => {
    const annotations = {
      'service.kubernetes.io/topology-aware-hints': 'original',
      'service.kubernetes.io/topology-mode': 'different',
    };
    const r = update(valid(), valid({}, { annotations }));
    expect(r.errors).toEqual([
      'metadata.annotations[service.kubernetes.io/topology-mode]: Invalid value: "different": must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified',
    ]);
  });
});

describe('TestDropTypeDependentFields (strategy_test.go): what an update of the type keeps', () => {
  /** strategy_test.go's makeValidService: dual-stack, PreferDualStack, two ports. */
  function strategyService(spec: Spec = {}): Service {
    return {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'valid', namespace: 'valid', labels: {}, annotations: {} },
      spec: {
        selector: { key: 'val' },
        sessionAffinity: 'None',
        type: 'ClusterIP',
        ports: [
          { name: 'p', protocol: 'TCP', port: 8675, targetPort: 8675 },
          { name: 'q', protocol: 'TCP', port: 309, targetPort: 309 },
        ],
        clusterIP: '10.96.0.5',
        clusterIPs: ['10.96.0.5', 'fd00:10:96::8'],
        ipFamilyPolicy: 'PreferDualStack',
        ipFamilies: ['IPv4', 'IPv6'],
        internalTrafficPolicy: 'Cluster',
        ...spec,
      } as ServiceSpec,
    };
  }
  const change = (before: Spec, after: Spec) =>
    update(strategyService(before), strategyService(after), true);

  const externalName = { type: 'ExternalName', externalName: 'foo' } as const;
  const loadBalancer = { type: 'LoadBalancer' } as const;
  /** setNodePorts: 30000 + the port's index; changeNodePorts adds 100. */
  const nodePorts = (first: number, count = 2, extra?: ServicePort): ServicePort[] =>
    (
      [
        { name: 'p', protocol: 'TCP', port: 8675, targetPort: 8675 },
        { name: 'q', protocol: 'TCP', port: 309, targetPort: 309 },
        ...(extra ? [extra] : []),
      ] as ServicePort[]
    )
      .slice(0, count)
      .map((p, i) => (first === 0 ? p : { ...p, nodePort: first + i }));
  /** addPort's port, on 80 rather than upstream's 0, which validation would turn down. */
  const added: ServicePort = { name: 'new', protocol: 'TCP', port: 80, targetPort: 80 };
  const forbiddenOnClusterIP = (i: number) =>
    `spec.ports[${i}].nodePort: Forbidden: may not be used when \`type\` is 'ClusterIP'`;
  const forExternalName = (field: string) =>
    `spec.${field}: Forbidden: may not be set for ExternalName services`;

  it("don't clear clusterIP et al", () => {
    expect(change({}, {}).outcome).toBe('unchanged');
  });

  it('clear clusterIP et al', () => {
    const r = change({}, externalName);
    expect(r.outcome).toBe('configured');
    for (const field of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy'])
      expect(r.stored?.spec).not.toHaveProperty(field);
  });

  it("don't clear changed clusterIP (validation then refuses it)", () => {
    const r = change(
      {},
      { ...externalName, clusterIP: '10.96.0.50', clusterIPs: ['10.96.0.50', 'fd00:10:96::8'] },
    );
    expect(r.errors).toEqual([forExternalName('clusterIPs')]);
  });

  it("don't clear changed ipFamilies (validation then refuses them)", () => {
    const r = change({}, { ...externalName, ipFamilies: ['IPv6', 'IPv6'] });
    expect(r.errors).toEqual([forExternalName('ipFamilies')]);
  });

  it("don't clear changed ipFamilyPolicy (validation then refuses it)", () => {
    const r = change({}, { ...externalName, ipFamilyPolicy: 'SingleStack' });
    expect(r.errors).toEqual([forExternalName('ipFamilyPolicy')]);
  });

  it("don't clear nodePorts for type=NodePort", () => {
    const before: Spec = { type: 'NodePort', ports: nodePorts(30000) };
    expect(change(before, before).outcome).toBe('unchanged');
  });

  it("don't clear nodePorts for type=LoadBalancer", () => {
    const before = { ...loadBalancer, ports: nodePorts(30000) };
    expect(change(before, before).outcome).toBe('unchanged');
  });

  const cleared: [string, ServicePort[]][] = [
    ['clear nodePorts', nodePorts(30000)],
    ['clear nodePorts when adding a port', [...nodePorts(30000), added]],
    ['clear nodePorts when removing a port', nodePorts(30000, 1)],
    [
      'clear nodePorts when changing a port',
      nodePorts(30000).map((p, i) => (i === 0 ? { ...p, port: 8775, protocol: 'UDP' } : p)),
    ],
  ];
  for (const [name, ports] of cleared) {
    it(name, () => {
      const r = change({ ...loadBalancer, ports: nodePorts(30000) }, { ports });
      expect(r.outcome).toBe('configured');
      expect(r.stored?.spec?.ports?.map((p) => p.nodePort)).toEqual(ports.map(() => undefined));
    });
  }

  it("don't clear changed nodePorts (validation then refuses them)", () => {
    const r = change({ ...loadBalancer, ports: nodePorts(30000) }, { ports: nodePorts(30100) });
    expect(r.errors).toEqual([forbiddenOnClusterIP(0), forbiddenOnClusterIP(1)]);
  });

  it("don't clear nodePorts when adding a port with NodePort (validation then refuses them)", () => {
    const r = change(
      { ...loadBalancer, ports: nodePorts(30000) },
      { ports: nodePorts(30000, 3, added) },
    );
    expect(r.errors).toEqual([0, 1, 2].map(forbiddenOnClusterIP));
  });

  const local = {
    ...loadBalancer,
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 32000,
  } as const;

  it("don't clear healthCheckNodePort for type=LoadBalancer", () => {
    expect(change(local, local).outcome).toBe('unchanged');
  });

  it('clear healthCheckNodePort (and the externalTrafficPolicy with it)', () => {
    const r = change(local, { externalTrafficPolicy: 'Local', healthCheckNodePort: 32000 });
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec).not.toHaveProperty('healthCheckNodePort');
    expect(r.stored?.spec).not.toHaveProperty('externalTrafficPolicy');
  });

  it("don't clear changed healthCheckNodePort (validation then refuses it; the externalTrafficPolicy goes)", () => {
    const r = change(local, { externalTrafficPolicy: 'Local', healthCheckNodePort: 32100 });
    expect(r.errors).toEqual([
      "spec.healthCheckNodePort: Invalid value: 32100: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
    ]);
  });

  const allocate = (value?: boolean) =>
    value === undefined ? {} : { allocateLoadBalancerNodePorts: value };
  // Upstream's nil: a stored LoadBalancer Service always has the field (v1 defaulting sets true).
  const allocateCases: [string, boolean | undefined, boolean | undefined, boolean][] = [
    ['clear allocatedLoadBalancerNodePorts true -> true', true, true, true],
    ['clear allocatedLoadBalancerNodePorts false -> false', false, false, true],
    [
      'set allocatedLoadBalancerNodePorts nil -> true (the stored true: cleared)',
      undefined,
      true,
      true,
    ],
    ['set allocatedLoadBalancerNodePorts nil -> false', undefined, false, false],
    ['set allocatedLoadBalancerNodePorts true -> nil', true, undefined, true],
    ['set allocatedLoadBalancerNodePorts false -> nil', false, undefined, true],
    ['set allocatedLoadBalancerNodePorts true -> false', true, false, false],
    ['set allocatedLoadBalancerNodePorts false -> true', false, true, false],
  ];
  for (const [name, before, after, dropped] of allocateCases) {
    it(`${name}${dropped ? '' : ' (validation then refuses it)'}`, () => {
      const r = change(
        { ...loadBalancer, ...allocate(before) },
        { type: 'NodePort', ...allocate(after) },
      );
      if (dropped) {
        expect(r.outcome).toBe('configured');
        expect(r.stored?.spec).not.toHaveProperty('allocateLoadBalancerNodePorts');
      } else {
        expect(r.errors).toEqual([onlyLoadBalancer('allocateLoadBalancerNodePorts')]);
      }
    });
  }

  const lbClass = { loadBalancerClass: 'test-load-balancer-class' };
  const changedClass = { loadBalancerClass: 'test-load-balancer-class-changed' };

  it('clear loadBalancerClass when set Service type LoadBalancer -> non LoadBalancer', () => {
    const r = change({ ...loadBalancer, ...lbClass }, lbClass);
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec).not.toHaveProperty('loadBalancerClass');
  });

  it('update loadBalancerClass load balancer class name (kept: validation then refuses it)', () => {
    const r = change({ ...loadBalancer, ...lbClass }, { ...loadBalancer, ...changedClass });
    expect(r.errors).toEqual([
      'spec.loadBalancerClass: Invalid value: "test-load-balancer-class-changed": may not change once set',
    ]);
  });

  it('clear load balancer class name (validation then refuses it)', () => {
    const r = change({ ...loadBalancer, ...lbClass }, loadBalancer);
    expect(r.errors).toEqual([
      'spec.loadBalancerClass: Invalid value: null: may not change once set',
    ]);
  });

  it('change service type and load balancer class (kept: validation then refuses it)', () => {
    const r = change({ ...loadBalancer, ...lbClass }, changedClass);
    expect(r.errors).toEqual([onlyLoadBalancer('loadBalancerClass')]);
  });

  it('change service type to load balancer and set load balancer class', () => {
    const r = change({}, { ...loadBalancer, ...lbClass });
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec?.loadBalancerClass).toBe(lbClass.loadBalancerClass);
  });

  it("don't clear load balancer class for Type=LoadBalancer", () => {
    const before = { ...loadBalancer, ...lbClass };
    expect(change(before, before).outcome).toBe('unchanged');
  });

  it('clear externalTrafficPolicy when removing externalIPs for Type=ClusterIP', () => {
    const r = change(
      { externalIPs: ['1.1.1.1'], externalTrafficPolicy: 'Cluster' },
      { externalTrafficPolicy: 'Cluster' },
    );
    expect(r.outcome).toBe('configured');
    expect(r.stored?.spec).not.toHaveProperty('externalTrafficPolicy');
  });
});

describe("PrepareForUpdate's dropTypeDependentFields (strategy.go): the load-balancer status", () => {
  it('a Service that stops being a LoadBalancer loses its load-balancer status (served as an empty struct)', () => {
    const r = update(valid(lb), valid());
    expect(r.outcome).toBe('configured');
    expect(r.stored?.status).toEqual({ loadBalancer: {} });
  });
});
