/**
 * The rest of upstream's TestValidateServiceCreate (kubernetes/kubernetes
 * pkg/apis/core/validation/validation_test.go, the table read at commit
 * 000f26050b9be6fb3d79fae95e06b47fc96128cd, the same cases as at
 * b1ce15c54586daabffbc79d6ef36feabbf5a0875): every case that service.test.ts does not already
 * hold, applied through the whole API server path (defaulting, allocation, validation), with the
 * messages of pkg/apis/core/validation/validation.go (commit 000f26050b9be6fb3d79fae95e06b47fc96128cd)
 * and of pkg/registry/core/service/storage/alloc.go where allocation answers first.
 *
 * The base Service is upstream's makeValidService: validService() without a clusterIP and with
 * internalTrafficPolicy Cluster. Values moved so that this cluster can take them:
 * - clusterIPs 10.0.0.1 and 10.0.0.10 become 10.96.0.21 and 10.96.0.30, 2001::1 and 2001::4 become
 *   fd00:10:96::21 and fd00:10:96::24 (inside the service CIDRs 10.96.0.0/12 and fd00:10:96::/112);
 * - NodePorts 1 and 12345 become 30001 and 30345 (inside 30000-32767).
 * Cases whose Service is valid only with two IP families run on a dual-stack cluster (a kubeadm
 * ClusterConfiguration whose serviceSubnet lists both CIDRs); the others run single-stack, as the
 * invalid ones fail in validation before the cluster's families are looked at.
 *
 * Upstream counts errors (numErrs); each case here lists the exact errors, at least that many.
 * A last block holds the cases where the API server's allocation (storage's beginCreate, before
 * validation) answers instead of validation, as a real cluster does.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject, Service } from '../../../src/engine/model';
import { fieldErrors, resultOf, run, validNamespace, validService } from './fixtures';

type Svc = Service & { spec: NonNullable<Service['spec']> };

interface Case {
  name: string;
  /** Upstream's expected number of errors. */
  numErrs: number;
  tweak: (s: Svc) => void;
  errors: string[];
  /** The fixture needs a dual-stack cluster. */
  dualStack?: boolean;
}

const dns1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const dns1123Subdomain =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const qualifiedName =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const badIP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
const badCIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
const sourceRanges = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const onlyLoadBalancer = "may only be used when `type` is 'LoadBalancer'";

/** Upstream's 10.0.0.1, 10.0.0.10, 2001::1 and 2001::4, moved inside this cluster's service CIDRs. */
const v4a = '10.96.0.21';
const v4b = '10.96.0.30';
const v6a = 'fd00:10:96::21';
const v6b = 'fd00:10:96::24';

const port = (
  name: string,
  p: number,
  protocol: 'TCP' | 'UDP' | 'SCTP',
  targetPort: number,
  nodePort?: number,
) => ({ name, port: p, protocol, targetPort, ...(nodePort === undefined ? {} : { nodePort }) });

/** type LoadBalancer as upstream's cases write it: externalTrafficPolicy and node ports explicit. */
function loadBalancer(s: Svc, allocateLoadBalancerNodePorts = true): void {
  s.spec.type = 'LoadBalancer';
  s.spec.externalTrafficPolicy = 'Cluster';
  s.spec.allocateLoadBalancerNodePorts = allocateLoadBalancerNodePorts;
}

function nodePort(s: Svc): void {
  s.spec.type = 'NodePort';
  s.spec.externalTrafficPolicy = 'Cluster';
}

function externalName(s: Svc, name: string): void {
  s.spec.type = 'ExternalName';
  s.spec.externalName = name;
}

function clusterIPs(s: Svc, ...ips: string[]): void {
  s.spec.clusterIP = ips[0] ?? '';
  s.spec.clusterIPs = ips;
}

const cases: Case[] = [
  {
    name: 'invalid generateName',
    numErrs: 1,
    tweak: (s) => (s.metadata.generateName = '-123'),
    errors: [`metadata.generateName: Invalid value: "-123": ${dns1035}`],
  },
  {
    name: 'too long generateName',
    numErrs: 1,
    tweak: (s) => (s.metadata.generateName = 'a'.repeat(64)),
    errors: [
      `metadata.generateName: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`,
    ],
  },
  {
    name: 'empty multi-port port[0] name',
    numErrs: 1,
    tweak: (s) => {
      delete s.spec.ports?.[0]?.name;
      s.spec.ports?.push(port('p', 12345, 'TCP', 12345));
    },
    errors: ['spec.ports[0].name: Required value'],
  },
  {
    name: 'missing port',
    numErrs: 1,
    tweak: (s) => s.spec.ports?.[0] && (s.spec.ports[0].port = 0),
    errors: ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'],
  },
  {
    name: 'valid port headless',
    numErrs: 0,
    tweak: (s) => {
      s.spec.ports = [port('p', 11722, 'TCP', 11722)];
      clusterIPs(s, 'None');
    },
    errors: [],
  },
  {
    name: 'invalid port headless 1 (targetPorts on headless Services are tolerated)',
    numErrs: 0,
    tweak: (s) => {
      s.spec.ports = [port('p', 11722, 'TCP', 11721)];
      clusterIPs(s, 'None');
    },
    errors: [],
  },
  {
    name: 'invalid port headless 2 (targetPorts on headless Services are tolerated)',
    numErrs: 0,
    tweak: (s) => {
      s.spec.ports = [{ name: 'p', port: 11722, protocol: 'TCP', targetPort: 'target' }];
      clusterIPs(s, 'None');
    },
    errors: [],
  },
  {
    name: 'invalid publicIPs loopback',
    numErrs: 1,
    tweak: (s) => {
      s.spec.externalTrafficPolicy = 'Cluster';
      s.spec.externalIPs = ['127.0.0.1'];
    },
    errors: [
      'spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ],
  },
  {
    name: 'valid publicIPs',
    numErrs: 0,
    tweak: (s) => {
      s.spec.externalTrafficPolicy = 'Cluster';
      s.spec.externalIPs = ['1.2.3.4'];
    },
    errors: [],
  },
  {
    name: 'valid load balancer protocol UDP 2',
    numErrs: 0,
    tweak: (s) => {
      loadBalancer(s);
      s.spec.ports = [port('q', 12345, 'UDP', 12345)];
    },
    errors: [],
  },
  {
    name: 'load balancer with mix protocol',
    numErrs: 0,
    tweak: (s) => {
      loadBalancer(s);
      s.spec.ports?.push(port('q', 12345, 'UDP', 12345));
    },
    errors: [],
  },
  {
    name: 'valid 2',
    numErrs: 0,
    tweak: (s) => (s.spec.ports = [port('p', 8675, 'UDP', 12345)]),
    errors: [],
  },
  {
    name: 'valid 3',
    numErrs: 0,
    tweak: (s) => s.spec.ports?.[0] && (s.spec.ports[0].targetPort = 'http'),
    errors: [],
  },
  {
    name: 'valid cluster ip - none',
    numErrs: 0,
    tweak: (s) => clusterIPs(s, 'None'),
    errors: [],
  },
  {
    name: 'valid cluster ip - empty',
    numErrs: 0,
    tweak: (s) => {
      delete s.spec.clusterIPs;
      if (s.spec.ports?.[0]) s.spec.ports[0].targetPort = 'http';
    },
    errors: [],
  },
  {
    name: 'valid type - clusterIP',
    numErrs: 0,
    tweak: (s) => (s.spec.type = 'ClusterIP'),
    errors: [],
  },
  { name: 'valid type - loadbalancer', numErrs: 0, tweak: (s) => loadBalancer(s), errors: [] },
  {
    name: 'valid type - loadbalancer with allocateLoadBalancerNodePorts=false',
    numErrs: 0,
    tweak: (s) => loadBalancer(s, false),
    errors: [],
  },
  {
    name: 'valid type loadbalancer 2 ports',
    numErrs: 0,
    tweak: (s) => {
      loadBalancer(s);
      s.spec.ports?.push(port('q', 12345, 'TCP', 12345));
    },
    errors: [],
  },
  {
    name: 'valid external load balancer 2 ports',
    numErrs: 0,
    tweak: (s) => {
      loadBalancer(s);
      s.spec.ports?.push(port('q', 12345, 'TCP', 12345));
    },
    errors: [],
  },
  {
    name: 'valid duplicate ports (with different protocols), with SCTP as upstream writes it',
    numErrs: 0,
    tweak: (s) => {
      s.spec.type = 'ClusterIP';
      s.spec.ports?.push(
        port('q', 12345, 'TCP', 8080),
        port('r', 12345, 'UDP', 80),
        port('s', 12345, 'SCTP', 8088),
      );
    },
    errors: [],
  },
  {
    name: 'valid type - cluster',
    numErrs: 0,
    tweak: (s) => (s.spec.type = 'ClusterIP'),
    errors: [],
  },
  { name: 'valid type - nodeport', numErrs: 0, tweak: (s) => nodePort(s), errors: [] },
  {
    name: 'valid type - loadbalancer with allocateLoadBalancerNodePorts=true',
    numErrs: 0,
    tweak: (s) => loadBalancer(s, true),
    errors: [],
  },
  {
    name: 'valid type loadbalancer with NodePort',
    numErrs: 0,
    tweak: (s) => {
      loadBalancer(s);
      s.spec.ports?.push(port('q', 12345, 'TCP', 12345, 30345));
    },
    errors: [],
  },
  {
    name: 'valid type=NodePort service without NodePort',
    numErrs: 0,
    tweak: (s) => {
      nodePort(s);
      s.spec.ports?.push(port('q', 12345, 'TCP', 12345));
    },
    errors: [],
  },
  {
    name: 'valid cluster service without NodePort',
    numErrs: 0,
    tweak: (s) => {
      s.spec.type = 'ClusterIP';
      s.spec.ports?.push(port('q', 12345, 'TCP', 12345));
    },
    errors: [],
  },
  {
    name: 'valid type=LoadBalancer',
    numErrs: 0,
    tweak: (s) => {
      loadBalancer(s);
      s.spec.ports?.push(port('q', 12345, 'TCP', 12345));
    },
    errors: [],
  },
  {
    name: 'valid port type=LoadBalancer (port 10250 may be exposed)',
    numErrs: 0,
    tweak: (s) => {
      loadBalancer(s);
      s.spec.ports?.push(port('kubelet', 10250, 'TCP', 12345));
    },
    errors: [],
  },
  {
    name: 'valid empty LoadBalancer source range annotation',
    numErrs: 0,
    tweak: (s) => {
      loadBalancer(s);
      s.metadata.annotations = { [sourceRanges]: '' };
    },
    errors: [],
  },
  {
    name: 'invalid LoadBalancer source range annotation for non LoadBalancer type service',
    numErrs: 1,
    tweak: (s) => (s.metadata.annotations = { [sourceRanges]: '1.2.3.0/24' }),
    errors: [`metadata.annotations[${sourceRanges}]: Forbidden: ${onlyLoadBalancer}`],
  },
  {
    name: 'valid LoadBalancer source range',
    numErrs: 0,
    tweak: (s) => {
      loadBalancer(s);
      s.spec.loadBalancerSourceRanges = ['1.2.3.0/24', '5.6.0.0/16'];
    },
    errors: [],
  },
  {
    name: 'invalid LoadBalancer source range (hostname)',
    numErrs: 1,
    tweak: (s) => {
      loadBalancer(s);
      s.spec.loadBalancerSourceRanges = ['foo.bar'];
    },
    errors: [`spec.LoadBalancerSourceRanges[0]: Invalid value: "foo.bar": ${badCIDR}`],
  },
  {
    name: 'valid ExternalName',
    numErrs: 0,
    tweak: (s) => externalName(s, 'foo.bar.example.com'),
    errors: [],
  },
  {
    name: 'valid ExternalName (trailing dot)',
    numErrs: 0,
    tweak: (s) => externalName(s, 'foo.bar.example.com.'),
    errors: [],
  },
  {
    name: 'invalid ExternalName clusterIP (valid IP)',
    numErrs: 1,
    tweak: (s) => {
      externalName(s, 'foo.bar.example.com');
      clusterIPs(s, '1.2.3.4');
    },
    errors: ['spec.clusterIPs: Forbidden: may not be set for ExternalName services'],
  },
  {
    name: 'invalid ExternalName clusterIP (None)',
    numErrs: 1,
    tweak: (s) => {
      externalName(s, 'foo.bar.example.com');
      clusterIPs(s, 'None');
    },
    errors: ['spec.clusterIPs: Forbidden: may not be set for ExternalName services'],
  },
  {
    name: 'invalid ExternalName (not a DNS name)',
    numErrs: 1,
    tweak: (s) => externalName(s, '-123'),
    errors: [`spec.externalName: Invalid value: "-123": ${dns1123Subdomain}`],
  },
  {
    name: 'invalid node port with clusterIP None, with the NodePort upstream adds',
    numErrs: 1,
    tweak: (s) => {
      nodePort(s);
      s.spec.ports?.push(port('q', 1, 'TCP', 1, 30001));
      clusterIPs(s, 'None');
    },
    errors: [
      'spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services',
    ],
  },
  {
    name: 'invalid externalTraffic field',
    numErrs: 1,
    tweak: (s) => {
      loadBalancer(s);
      (s.spec as { externalTrafficPolicy: string }).externalTrafficPolicy = 'invalid';
    },
    errors: [
      'spec.externalTrafficPolicy: Unsupported value: "invalid": supported values: "Cluster", "Local"',
    ],
  },
  {
    name: 'internalTrafficPolicy field nil when type is ExternalName',
    numErrs: 0,
    tweak: (s) => {
      delete s.spec.internalTrafficPolicy;
      externalName(s, 'foo.bar.com');
    },
    errors: [],
  },
  {
    name: 'internalTrafficPolicy field is set when type is ExternalName (tolerated since 1.22)',
    numErrs: 0,
    tweak: (s) => {
      s.spec.internalTrafficPolicy = 'Cluster';
      externalName(s, 'foo.bar.com');
    },
    errors: [],
  },
  {
    name: 'invalid internalTraffic field',
    numErrs: 1,
    tweak: (s) => ((s.spec as { internalTrafficPolicy: string }).internalTrafficPolicy = 'invalid'),
    errors: [
      'spec.internalTrafficPolicy: Unsupported value: "invalid": supported values: "Cluster", "Local"',
    ],
  },
  {
    name: 'internalTrafficPolicy field set to Cluster',
    numErrs: 0,
    tweak: (s) => (s.spec.internalTrafficPolicy = 'Cluster'),
    errors: [],
  },
  {
    name: 'internalTrafficPolicy field set to Local',
    numErrs: 0,
    tweak: (s) => (s.spec.internalTrafficPolicy = 'Local'),
    errors: [],
  },
  {
    name: 'healthCheckNodePort field 31100 (upstream\'s second "negative healthCheckNodePort field")',
    numErrs: 0,
    tweak: (s) => {
      loadBalancer(s);
      s.spec.externalTrafficPolicy = 'Local';
      s.spec.healthCheckNodePort = 31100;
    },
    errors: [],
  },
  // ip families
  {
    name: 'invalid, service with invalid ipFamilies',
    numErrs: 1,
    tweak: (s) => (s.spec.ipFamilies = ['not-a-valid-ip-family' as 'IPv4']),
    errors: [
      'spec.ipFamilies[0]: Unsupported value: "not-a-valid-ip-family": supported values: "IPv4", "IPv6"',
    ],
  },
  {
    name: 'invalid, service with invalid ipFamilies (2nd)',
    numErrs: 1,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      s.spec.ipFamilies = ['IPv4', 'not-a-valid-ip-family' as 'IPv4'];
    },
    errors: [
      'spec.ipFamilies[1]: Unsupported value: "not-a-valid-ip-family": supported values: "IPv4", "IPv6"',
    ],
  },
  {
    name: 'valid, IPFamilyPolicy(preferDualStack) is set for two families (note: alloc sets families)',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'PreferDualStack';
      s.spec.ipFamilies = ['IPv4', 'IPv6'];
    },
    errors: [],
  },
  {
    name: 'invalid, service with 2+ ipFamilies',
    numErrs: 1,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      s.spec.ipFamilies = ['IPv4', 'IPv6', 'IPv4'];
    },
    errors: ['spec.ipFamilies[2]: Duplicate value: "IPv4"'],
  },
  {
    name: 'invalid, service with same ip families',
    numErrs: 1,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      s.spec.ipFamilies = ['IPv6', 'IPv6'];
    },
    errors: ['spec.ipFamilies[1]: Duplicate value: "IPv6"'],
  },
  {
    name: 'valid, nil service ipFamilies',
    numErrs: 0,
    tweak: (s) => delete s.spec.ipFamilies,
    errors: [],
  },
  {
    name: 'valid, service with valid ipFamilies (v4)',
    numErrs: 0,
    tweak: (s) => (s.spec.ipFamilies = ['IPv4']),
    errors: [],
  },
  {
    name: 'valid, service with valid ipFamilies (v6)',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => (s.spec.ipFamilies = ['IPv6']),
    errors: [],
  },
  {
    name: 'valid, service with valid ipFamilies(v4,v6)',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      s.spec.ipFamilies = ['IPv4', 'IPv6'];
    },
    errors: [],
  },
  {
    name: 'valid, service with valid ipFamilies(v6,v4)',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      s.spec.ipFamilies = ['IPv6', 'IPv4'];
    },
    errors: [],
  },
  {
    name: 'valid, service preferred dual stack with single family',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'PreferDualStack';
      s.spec.ipFamilies = ['IPv6'];
    },
    errors: [],
  },
  // cluster IPs
  {
    name: 'invalid, garbage single ip',
    numErrs: 1,
    tweak: (s) => clusterIPs(s, 'garbage-ip'),
    errors: [`spec.clusterIPs[0]: Invalid value: "garbage-ip": ${badIP}`],
  },
  {
    name: 'invalid, garbage ips',
    numErrs: 2,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      clusterIPs(s, 'garbage-ip', 'garbage-second-ip');
    },
    errors: [
      `spec.clusterIPs[0]: Invalid value: "garbage-ip": ${badIP}`,
      `spec.clusterIPs[1]: Invalid value: "garbage-second-ip": ${badIP}`,
    ],
  },
  {
    name: 'invalid, garbage first ip',
    numErrs: 1,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      clusterIPs(s, 'garbage-ip', v6a);
    },
    errors: [`spec.clusterIPs[0]: Invalid value: "garbage-ip": ${badIP}`],
  },
  {
    name: 'invalid, garbage second ip',
    numErrs: 1,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      clusterIPs(s, v6a, 'garbage-ip');
    },
    errors: [`spec.clusterIPs[1]: Invalid value: "garbage-ip": ${badIP}`],
  },
  {
    name: 'invalid, NONE + IP',
    numErrs: 1,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      clusterIPs(s, 'None', v6a);
    },
    errors: [
      `spec.clusterIPs: Invalid value: ["None","${v6a}"]: 'None' must be the first and only value`,
    ],
  },
  {
    name: 'invalid, IP + NONE',
    numErrs: 1,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      clusterIPs(s, v6a, 'None');
    },
    errors: [`spec.clusterIPs[1]: Invalid value: "None": ${badIP}`],
  },
  {
    name: 'invalid, EMPTY STRING + IP',
    numErrs: 2,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      s.spec.clusterIP = '';
      s.spec.clusterIPs = ['', v6a];
    },
    errors: [
      `spec.clusterIPs: Invalid value: ["","${v6a}"]: must be empty when \`clusterIP\` is not specified`,
      `spec.clusterIPs[0]: Invalid value: "": ${badIP}`,
    ],
  },
  {
    name: 'invalid, IP + EMPTY STRING',
    numErrs: 1,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      clusterIPs(s, v6a, '');
    },
    errors: [`spec.clusterIPs[1]: Invalid value: "": ${badIP}`],
  },
  {
    name: 'invalid, same ip family (v6)',
    numErrs: 2,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      clusterIPs(s, v6a, v6b);
      s.spec.ipFamilies = ['IPv4', 'IPv6'];
    },
    errors: [
      `spec.clusterIPs: Invalid value: ["${v6a}","${v6b}"]: may specify no more than one IP for each IP family`,
      `spec.clusterIPs[0]: Invalid value: "${v6a}": expected an IPv4 value as indicated by \`ipFamilies[0]\``,
    ],
  },
  {
    name: 'invalid, same ip family (v4)',
    numErrs: 2,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      clusterIPs(s, v4a, v4b);
      s.spec.ipFamilies = ['IPv4', 'IPv6'];
    },
    errors: [
      `spec.clusterIPs: Invalid value: ["${v4a}","${v4b}"]: may specify no more than one IP for each IP family`,
      `spec.clusterIPs[1]: Invalid value: "${v4b}": expected an IPv6 value as indicated by \`ipFamilies[1]\``,
    ],
  },
  {
    name: 'invalid, more than two ips',
    numErrs: 1,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      clusterIPs(s, v4a, v6a, v4b);
      s.spec.ipFamilies = ['IPv4', 'IPv6'];
    },
    errors: [
      `spec.clusterIPs: Invalid value: ["${v4a}","${v6a}","${v4b}"]: may only hold up to 2 values`,
    ],
  },
  {
    name: 'valid, headless-no-selector + multi family + gate off',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      clusterIPs(s, 'None');
      s.spec.ipFamilies = ['IPv4', 'IPv6'];
      delete s.spec.selector;
    },
    errors: [],
  },
  {
    name: 'valid, multi ip, single ipfamilies preferDualStack',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'PreferDualStack';
      clusterIPs(s, v4a, v6a);
      s.spec.ipFamilies = ['IPv4'];
    },
    errors: [],
  },
  {
    name: 'valid, multi ip, single ipfamilies (must match when provided) + requireDualStack',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      clusterIPs(s, v4a, v6a);
      s.spec.ipFamilies = ['IPv4'];
    },
    errors: [],
  },
  {
    name: "invalid, families don't match (v4=>v6)",
    numErrs: 1,
    tweak: (s) => {
      clusterIPs(s, v4a);
      s.spec.ipFamilies = ['IPv6'];
    },
    errors: [
      `spec.clusterIPs[0]: Invalid value: "${v4a}": expected an IPv6 value as indicated by \`ipFamilies[0]\``,
    ],
  },
  {
    name: "invalid, families don't match (v6=>v4)",
    numErrs: 1,
    tweak: (s) => {
      clusterIPs(s, v6a);
      s.spec.ipFamilies = ['IPv4'];
    },
    errors: [
      `spec.clusterIPs[0]: Invalid value: "${v6a}": expected an IPv4 value as indicated by \`ipFamilies[0]\``,
    ],
  },
  { name: 'valid. no field set', numErrs: 0, tweak: () => undefined, errors: [] },
  {
    name: 'valid, single ip',
    numErrs: 0,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'SingleStack';
      clusterIPs(s, v4a);
    },
    errors: [],
  },
  {
    name: 'valid, single family',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'SingleStack';
      s.spec.ipFamilies = ['IPv6'];
    },
    errors: [],
  },
  {
    name: 'valid, single ip + single family',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'SingleStack';
      clusterIPs(s, v6a);
      s.spec.ipFamilies = ['IPv6'];
    },
    errors: [],
  },
  {
    name: 'valid, single ip + single family (dual stack requested)',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'PreferDualStack';
      clusterIPs(s, v6a);
      s.spec.ipFamilies = ['IPv6'];
    },
    errors: [],
  },
  {
    name: 'valid, single ip, multi ipfamilies',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      clusterIPs(s, v4a);
      s.spec.ipFamilies = ['IPv4', 'IPv6'];
    },
    errors: [],
  },
  {
    name: 'valid, multi ips, multi ipfamilies (4,6)',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      clusterIPs(s, v4a, v6a);
      s.spec.ipFamilies = ['IPv4', 'IPv6'];
    },
    errors: [],
  },
  {
    name: 'valid, ips, multi ipfamilies (6,4)',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      clusterIPs(s, v6a, v4a);
      s.spec.ipFamilies = ['IPv6', 'IPv4'];
    },
    errors: [],
  },
  {
    name: 'valid, multi ips (6,4)',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      clusterIPs(s, v6a, v4a);
    },
    errors: [],
  },
  {
    name: 'valid, multi ipfamilies (6,4)',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      s.spec.ipFamilies = ['IPv6', 'IPv4'];
    },
    errors: [],
  },
  {
    name: 'valid, multi ips (4,6)',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      clusterIPs(s, v4a, v6a);
    },
    errors: [],
  },
  {
    name: 'valid,  multi ipfamilies (4,6)',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      s.spec.ipFamilies = ['IPv4', 'IPv6'];
    },
    errors: [],
  },
  {
    name: 'valid, dual stack',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => (s.spec.ipFamilyPolicy = 'RequireDualStack'),
    errors: [],
  },
  // appProtocol
  {
    name: 'valid appProtocol',
    numErrs: 0,
    tweak: (s) =>
      (s.spec.ports = [{ port: 12345, targetPort: 12345, protocol: 'TCP', appProtocol: 'HTTP' }]),
    errors: [],
  },
  {
    name: 'valid custom appProtocol',
    numErrs: 0,
    tweak: (s) =>
      (s.spec.ports = [
        { port: 12345, targetPort: 12345, protocol: 'TCP', appProtocol: 'example.com/protocol' },
      ]),
    errors: [],
  },
  {
    name: 'invalid appProtocol',
    numErrs: 1,
    tweak: (s) =>
      (s.spec.ports = [
        {
          port: 12345,
          targetPort: 12345,
          protocol: 'TCP',
          appProtocol: 'example.com/protocol_with{invalid}[characters]',
        },
      ]),
    errors: [
      `spec.ports[0].appProtocol: Invalid value: "example.com/protocol_with{invalid}[characters]": ${qualifiedName}`,
    ],
  },
  {
    name: 'invalid cluster ip != clusterIP in multi ip service',
    numErrs: 1,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'RequireDualStack';
      s.spec.clusterIP = v4b;
      s.spec.clusterIPs = [v4a, v6a];
    },
    errors: [
      `spec.clusterIPs: Invalid value: ["${v4a}","${v6a}"]: first value must match \`clusterIP\``,
    ],
  },
  {
    name: 'invalid cluster ip != clusterIP in single ip service',
    numErrs: 1,
    tweak: (s) => {
      s.spec.clusterIP = v4b;
      s.spec.clusterIPs = [v4a];
    },
    errors: [`spec.clusterIPs: Invalid value: ["${v4a}"]: first value must match \`clusterIP\``],
  },
  {
    name: 'Use AllocateLoadBalancerNodePorts when type is not LoadBalancer',
    numErrs: 1,
    tweak: (s) => (s.spec.allocateLoadBalancerNodePorts = true),
    errors: [`spec.allocateLoadBalancerNodePorts: Forbidden: ${onlyLoadBalancer}`],
  },
  {
    name: 'valid LoadBalancerClass when type is LoadBalancer',
    numErrs: 0,
    tweak: (s) => {
      loadBalancer(s);
      s.spec.loadBalancerClass = 'test.com/test-load-balancer-class';
    },
    errors: [],
  },
  {
    name: 'invalid LoadBalancerClass',
    numErrs: 1,
    tweak: (s) => {
      loadBalancer(s);
      s.spec.loadBalancerClass = 'Bad/LoadBalancerClass';
    },
    errors: [
      `spec.loadBalancerClass: Invalid value: "Bad/LoadBalancerClass": prefix part ${dns1123Subdomain}`,
    ],
  },
  {
    name: 'invalid: set LoadBalancerClass when type is not LoadBalancer',
    numErrs: 1,
    tweak: (s) => {
      s.spec.type = 'ClusterIP';
      s.spec.loadBalancerClass = 'test.com/test-load-balancer-class';
    },
    errors: [`spec.loadBalancerClass: Forbidden: ${onlyLoadBalancer}`],
  },
  {
    name: 'valid: trafficDistribution field set to PreferClose',
    numErrs: 0,
    tweak: (s) => (s.spec.trafficDistribution = 'PreferClose'),
    errors: [],
  },
];

/**
 * Cases that reach the API server's allocation (storage's beginCreate) before validation: a
 * real cluster answers with the allocator's error, not with validation's count.
 */
const allocationCases: Case[] = [
  {
    name: 'duplicate nodeports (the second request of NodePort 30001 finds it allocated)',
    numErrs: 1,
    tweak: (s) => {
      nodePort(s);
      s.spec.ports?.push(port('q', 1, 'TCP', 1, 30001), port('r', 2, 'TCP', 2, 30001));
    },
    errors: ['spec.ports[2].nodePort: Invalid value: 30001: provided port is already allocated'],
  },
  {
    name: 'duplicate nodeports (different protocols): valid for validation, but ports 1, 2 and 3 cannot share NodePort 30001',
    numErrs: 0,
    tweak: (s) => {
      nodePort(s);
      s.spec.ports?.push(
        port('q', 1, 'TCP', 1, 30001),
        port('r', 2, 'UDP', 2, 30001),
        port('s', 3, 'SCTP', 3, 30001),
      );
    },
    errors: ['spec.ports[2].nodePort: Invalid value: 30001: provided port is already allocated'],
  },
  {
    name: 'invalid public service with duplicate NodePort',
    numErrs: 1,
    tweak: (s) => {
      nodePort(s);
      s.spec.ports?.push(port('p1', 1, 'TCP', 1, 30001), port('p2', 2, 'TCP', 2, 30001));
    },
    errors: ['spec.ports[2].nodePort: Invalid value: 30001: provided port is already allocated'],
  },
  {
    name: 'negative healthCheckNodePort field',
    numErrs: 1,
    tweak: (s) => {
      loadBalancer(s);
      s.spec.externalTrafficPolicy = 'Local';
      s.spec.healthCheckNodePort = -1;
    },
    errors: [
      'failed to allocate requested HealthCheck NodePort -1: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
  },
  {
    name: 'IPFamilyPolicy(singleStack) is set for two families ("validated in alloc code")',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'SingleStack';
      s.spec.ipFamilies = ['IPv4', 'IPv6'];
    },
    errors: [
      "spec.ipFamilyPolicy: Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified",
    ],
  },
  {
    name: 'multi ip, dualstack not set (request for downgrade)',
    numErrs: 0,
    dualStack: true,
    tweak: (s) => {
      s.spec.ipFamilyPolicy = 'SingleStack';
      clusterIPs(s, v4a, v6a);
      s.spec.ipFamilies = ['IPv4', 'IPv6'];
    },
    errors: [
      "spec.ipFamilyPolicy: Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified",
      "spec.ipFamilyPolicy: Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified",
    ],
  },
];

const dualStackCluster = {
  apiVersion: 'kubeadm.k8s.io/v1beta4',
  kind: 'ClusterConfiguration',
  networking: {
    serviceSubnet: '10.96.0.0/12,fd00:10:96::/112',
    podSubnet: '10.244.0.0/16,fd00:10:244::/56',
  },
} as KubeObject;

/** Upstream's makeValidService: no clusterIP, internalTrafficPolicy set. */
function makeValidService(): Svc {
  const svc = validService() as Svc;
  delete svc.spec.clusterIP;
  svc.spec.internalTrafficPolicy = 'Cluster';
  return svc;
}

function check(c: Case): void {
  const svc = makeValidService();
  c.tweak(svc);
  const sim = run([...(c.dualStack ? [dualStackCluster] : []), validNamespace, svc]);
  const name = svc.metadata.name ?? '';
  const errors = fieldErrors(sim, `Service/valid/${name}`);
  expect(errors).toEqual(c.errors);
  expect(errors.length).toBeGreaterThanOrEqual(c.numErrs);
  expect(resultOf(sim, name)?.outcome).toBe(c.errors.length === 0 ? 'created' : 'rejected');
}

describe('ValidateServiceCreate through the API server (TestValidateServiceCreate, the rest)', () => {
  for (const c of cases) it(c.name, () => check(c));
});

describe('TestValidateServiceCreate cases that allocation answers before validation', () => {
  for (const c of allocationCases) it(c.name, () => check(c));
});
