/**
 * Pod validation through kubectl apply: the checks of ValidatePodSpec in its order (containers,
 * then init containers, then validatePodHostNetworkDeps, restartPolicy, dnsPolicy, nodeSelector,
 * validatePodDNSConfig, nodeName, hostname), validateContainers' checkHostPortConflicts, and
 * validatePodMetadataAndSpec's pod-only image check, worded as kubernetes/kubernetes
 * pkg/apis/core/validation/validation.go (commit a7264f95ffc8b56377da16e83461aa59467ebb3e) words
 * them; the kinds of cases
 * TestValidateContainers and TestValidatePodSpec exercise (validation_test.go at
 * b1ce15c54586daabffbc79d6ef36feabbf5a0875).
 */
import { describe, expect, it } from 'vitest';
import type { Container, Deployment, Pod } from '../../../src/engine/model';
import { fieldErrors, resultOf, run } from './fixtures';

const pod = (spec: NonNullable<Pod['spec']>): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec,
});
const ctr = (name: string, fields: Partial<Container> = {}): Container => ({
  name,
  image: 'nginx',
  ...fields,
});
const errorsOf = (p: Pod) => fieldErrors(run([p]), 'Pod/default/p');

const dns1123Label =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe('ValidatePodSpec through kubectl apply', () => {
  it('requires containers', () => {
    expect(errorsOf(pod({ containers: [] }))).toEqual(['spec.containers: Required value']);
  });

  it('checks containers before init containers (the order kubectl prints)', () => {
    const sim = run([pod({ initContainers: [ctr('Init')], containers: [ctr('', { image: '' })] })]);
    expect(resultOf(sim, 'p')?.error).toBe(
      [
        'The Pod "p" is invalid: ',
        '* spec.containers[0].name: Required value',
        '* spec.containers[0].image: Required value',
        `* spec.initContainers[0].name: Invalid value: "Init": ${dns1123Label}`,
      ].join('\n'),
    );
  });

  it('finds a repeated container name, port name and missing containerPort', () => {
    expect(
      errorsOf(
        pod({
          containers: [
            ctr('a', {
              ports: [
                { name: 'http', containerPort: 80 },
                { name: 'http', containerPort: 81 },
                { name: 'x' } as never,
              ],
            }),
            ctr('a'),
          ],
        }),
      ),
    ).toEqual([
      'spec.containers[0].ports[1].name: Duplicate value: "http"',
      'spec.containers[0].ports[2].containerPort: Required value',
      'spec.containers[1].name: Duplicate value: "a"',
    ]);
  });

  it('checkHostPortConflicts: two containers may not take the same protocol, host IP and host port', () => {
    expect(
      errorsOf(
        pod({
          containers: [
            ctr('a', { ports: [{ containerPort: 80, hostPort: 8080 }] }),
            ctr('b', { ports: [{ containerPort: 81, hostPort: 8080 }] }),
            ctr('c', { ports: [{ containerPort: 82, hostPort: 8080, protocol: 'UDP' }] }),
          ],
        }),
      ),
    ).toEqual(['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"']);
  });

  it("validatePodHostNetworkDeps: a hostNetwork Pod's hostPort must be its containerPort", () => {
    expect(
      errorsOf(
        pod({
          hostNetwork: true,
          containers: [ctr('a', { ports: [{ containerPort: 81, hostPort: 8081 }] })],
        }),
      ),
    ).toEqual([
      'spec.containers[0].ports[0].hostPort: Invalid value: 8081: must match `containerPort` when `hostNetwork` is true',
    ]);
  });

  it('validatePodHostNetworkDeps: a template may leave hostPort unset, but not set it to another port', () => {
    const deployment = (hostPort?: number): Deployment => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        selector: { matchLabels: { app: 'd' } },
        template: {
          metadata: { labels: { app: 'd' } },
          spec: {
            hostNetwork: true,
            containers: [
              ctr('a', {
                ports: [{ containerPort: 81, ...(hostPort === undefined ? {} : { hostPort }) }],
              }),
            ],
          },
        },
      },
    });
    expect(resultOf(run([deployment()]), 'd')?.outcome).toBe('created');
    expect(fieldErrors(run([deployment(8081)]), 'Deployment/default/d')).toEqual([
      'spec.template.spec.containers[0].ports[0].hostPort: Invalid value: 8081: must match `containerPort` when `hostNetwork` is true',
    ]);
  });

  it('validates nodeSelector as labels, after restartPolicy and dnsPolicy', () => {
    expect(
      errorsOf(
        pod({
          containers: [ctr('a')],
          restartPolicy: 'Sometimes',
          dnsPolicy: 'Cluster' as 'ClusterFirst',
          nodeSelector: { 'disk type': 'ssd' },
        }),
      ),
    ).toEqual([
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
      "spec.nodeSelector: Invalid value: \"disk type\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });

  it("validateContainerOnlyForPod: a Pod's image has no surrounding whitespace (checked last)", () => {
    expect(errorsOf(pod({ hostname: 'Web', containers: [ctr('a', { image: 'nginx ' })] }))).toEqual(
      [
        `spec.hostname: Invalid value: "Web": ${dns1123Label}`,
        'spec.containers[0].image: Invalid value: "nginx ": must not have leading or trailing whitespace',
      ],
    );
  });

  it('validatePodDNSConfig: dnsPolicy None needs a dnsConfig with a nameserver', () => {
    expect(errorsOf(pod({ dnsPolicy: 'None', containers: [ctr('a')] }))).toEqual([
      'spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None',
    ]);
    expect(
      errorsOf(
        pod({ dnsPolicy: 'None', dnsConfig: { searches: ['a.b'] }, containers: [ctr('a')] }),
      ),
    ).toEqual([
      'spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None',
    ]);
  });

  it('validatePodDNSConfig: at most 3 nameservers, each an IP; search domains are subdomains; options are named', () => {
    expect(
      errorsOf(
        pod({
          containers: [ctr('a')],
          dnsConfig: {
            nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9', 'dns.example'],
            searches: ['Example.COM.', 'svc.cluster.local.'],
            options: [{ name: 'ndots', value: '2' }, { value: '1' }],
          },
        }),
      ),
    ).toEqual([
      'spec.dnsConfig.nameservers: Invalid value: ["1.1.1.1","8.8.8.8","9.9.9.9","dns.example"]: must not have more than 3 nameservers',
      'spec.dnsConfig.nameservers[3]: Invalid value: "dns.example": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      "spec.dnsConfig.searches[0]: Invalid value: \"Example.COM\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      'spec.dnsConfig.options[1]: Required value: must not be empty',
    ]);
  });
});
