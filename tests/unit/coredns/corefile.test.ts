import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import { computeDnsServer } from '../../../src/engine/coredns';

function configMap(corefile: string): string {
  const body = corefile.replaceAll('\n', '\n    ').trimEnd();
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns\n  namespace: kube-system\ndata:\n  Corefile: |\n    ${body}\n`;
}

const serverFor = (yaml: string) => computeDnsServer(simulate(yaml, { admitted: true }).cluster);

describe('reading the Corefile', () => {
  it("uses kubeadm's default Corefile when the coredns ConfigMap is absent", () => {
    const server = serverFor('apiVersion: v1\nkind: Namespace\nmetadata: { name: default }\n');
    expect(server.config.source).toBe('default');
    expect(server.findings).toEqual([]);
    expect(server.config.servers[0]?.kubernetes).toEqual({
      zones: ['cluster.local.', 'in-addr.arpa.', 'ip6.arpa.'],
      primaryZoneIndex: 0,
      podMode: 'insecure',
      namespaces: [],
      ttl: 30,
      ignoreEmptyService: false,
      endpointPodNames: false,
      fallthrough: ['in-addr.arpa.', 'ip6.arpa.'],
      noEndpoints: false,
      zonal: false,
    });
  });

  it('reads the kubernetes block options of the ConfigMap', () => {
    const server = serverFor(
      configMap(
        '.:53 {\n  kubernetes example.org {\n    pods verified\n    namespaces a b\n    ttl 60\n    ignore empty_service\n    endpoint_pod_names\n  }\n  forward . /etc/resolv.conf\n}\n',
      ),
    );
    expect(server.config.source).toBe('configmap');
    expect(server.config.servers[0]?.kubernetes).toMatchObject({
      zones: ['example.org.'],
      podMode: 'verified',
      namespaces: ['a', 'b'],
      ttl: 60,
      ignoreEmptyService: true,
      endpointPodNames: true,
      fallthrough: undefined,
    });
  });

  it('reports an unknown kubernetes property on the ConfigMap and falls back to the default', () => {
    const server = serverFor(
      configMap('.:53 {\n  kubernetes cluster.local {\n    bogus\n  }\n}\n'),
    );
    expect(server.config.source).toBe('default');
    expect(server.findings).toEqual([
      {
        severity: 'error',
        object: 'ConfigMap/kube-system/coredns',
        path: 'data.Corefile',
        message:
          "plugin/kubernetes: /etc/coredns/Corefile:3 - Error during parsing: unknown property 'bogus'",
        source: 'coredns',
      },
    ]);
  });

  it('rejects a TTL outside [0, 3600] and an unknown pods mode', () => {
    const ttl = serverFor(
      configMap('.:53 {\n  kubernetes cluster.local {\n    ttl 7200\n  }\n}\n'),
    );
    expect(ttl.findings[0]?.message).toBe(
      'plugin/kubernetes: /etc/coredns/Corefile:3 - Error during parsing: ttl must be in range [0, 3600]: 7200',
    );
    const pods = serverFor(
      configMap('.:53 {\n  kubernetes cluster.local {\n    pods maybe\n  }\n}\n'),
    );
    expect(pods.findings[0]?.message).toBe(
      'plugin/kubernetes: wrong value for pods: maybe,  must be one of: disabled, verified, insecure',
    );
  });

  it('reports an unknown directive and an unclosed block', () => {
    const directive = serverFor(configMap('.:53 {\n  kubernetes cluster.local\n  nonsense\n}\n'));
    expect(directive.findings[0]?.message).toBe(
      "/etc/coredns/Corefile:3 - Error during parsing: Unknown directive 'nonsense'",
    );
    const unclosed = serverFor(
      configMap('.:53 {\n  kubernetes cluster.local {\n    pods insecure\n}\n'),
    );
    expect(unclosed.findings[0]?.severity).toBe('error');
    expect(unclosed.config.source).toBe('default');
  });

  it('reads several server blocks with their zones and ports', () => {
    const server = serverFor(
      configMap(
        'cluster.local:53 {\n  kubernetes\n}\nexample.org:53 {\n  forward . 8.8.8.8\n}\n.:5353 {\n  whoami\n}\n',
      ),
    );
    expect(server.config.servers.map((s) => [s.zones, s.port, s.plugins])).toEqual([
      [['cluster.local.'], 53, ['kubernetes']],
      [['example.org.'], 53, ['forward']],
      [['.'], 5353, ['whoami']],
    ]);
    expect(server.config.servers[0]?.kubernetes?.zones).toEqual(['cluster.local.']);
  });

  it('notes plugins that change answers but are not simulated', () => {
    const server = serverFor(
      configMap(
        '.:53 {\n  rewrite name foo.example.com foo.default.svc.cluster.local\n  kubernetes cluster.local\n}\n',
      ),
    );
    expect(server.config.source).toBe('configmap');
    expect(server.findings.map((f) => [f.severity, f.message])).toEqual([
      [
        'info',
        "/etc/coredns/Corefile:2 - plugin 'rewrite' is not simulated: answers are computed without it",
      ],
    ]);
  });
});
