/** kubectl get against a snapshot read with `--admitted`: layout, messages, List shapes. */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import { renderGet } from '../../../src/engine/kubectl';
import { alignColumns, getTabwriter } from '../../../src/engine/kubectl/tabwriter';
import { compareYamlKeys, toYaml } from '../../../src/engine/kubectl/yaml';

const snapshot = `
apiVersion: v1
kind: Node
metadata: {name: n1, creationTimestamp: "2025-01-01T00:00:00Z"}
status:
  addresses: [{type: InternalIP, address: 192.168.1.11}]
  conditions: [{type: Ready, status: "True"}]
  nodeInfo: {kubeletVersion: v1.34.0}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default, creationTimestamp: "2025-01-01T00:00:00Z"}
spec:
  type: NodePort
  clusterIP: 10.96.0.20
  clusterIPs: [10.96.0.20]
  selector: {app: web}
  ports: [{port: 80, protocol: TCP, targetPort: 8080, nodePort: 30080}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: web, namespace: default, creationTimestamp: "2025-01-01T00:00:00Z"}
subsets:
- addresses: [{ip: 10.244.1.2}, {ip: 10.244.1.3}, {ip: 10.244.2.2}, {ip: 10.244.2.3}]
  ports: [{port: 8080, protocol: TCP}]
`;

const cluster = simulate(snapshot, { admitted: true }).cluster;
const get = (args: string[], more: Partial<Parameters<typeof renderGet>[1]> = {}) =>
  renderGet(cluster, { args, namespace: 'default', allNamespaces: false, ...more });

describe('renderGet', () => {
  it('prints kind/name lines for -o name, with the group for grouped kinds', () => {
    expect(get(['svc,ep,nodes'], { output: 'name' }).stdout).toBe(
      'service/web\nendpoints/web\nnode/n1\n',
    );
    expect(get(['pods'], { output: 'name' })).toMatchObject({
      stdout: '',
      stderr: 'No resources found in default namespace.\n',
    });
  });

  it('prints the services table with kubectl padding', () => {
    expect(get(['svc']).stdout).toBe(
      'NAME   TYPE       CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE\n' +
        'web    NodePort   10.96.0.20   <none>        80:30080/TCP   10d\n',
    );
  });

  it('truncates endpoints after three addresses', () => {
    const cell = '10.244.1.2:8080,10.244.1.3:8080,10.244.2.2:8080 + 1 more...';
    expect(get(['ep']).stdout).toBe(
      `NAME   ${'ENDPOINTS'.padEnd(cell.length + 3)}AGE\nweb    ${cell}   10d\n`,
    );
  });

  it('names kinds and separates them with a blank line when several are printed', () => {
    const out = get(['nodes,svc'], { allNamespaces: true }).stdout;
    expect(out).toContain('node/n1   Ready');
    expect(out).toContain('\n\nNAMESPACE   NAME          TYPE');
    expect(out).toContain('default     service/web   NodePort');
  });

  it('says No resources found on stderr', () => {
    expect(get(['pods'])).toEqual({
      stdout: '',
      stderr: 'No resources found in default namespace.\n',
      exitCode: 0,
    });
    expect(get(['pods'], { allNamespaces: true }).stderr).toBe('No resources found\n');
  });

  it('reports a missing object as the API server does', () => {
    expect(get(['services', 'x'])).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): services "x" not found\n',
      exitCode: 1,
    });
  });

  it('rejects an unknown resource type', () => {
    expect(get(['frobs']).stderr).toBe('error: the server doesn\'t have a resource type "frobs"\n');
  });

  it('prints one object for a single name, and a List otherwise', () => {
    expect(get(['svc/web'], { output: 'json' }).stdout).toMatch(
      /^\{\n {4}"apiVersion": "v1",\n {4}"kind": "Service",/,
    );
    const list = get(['svc'], { output: 'yaml' }).stdout;
    expect(list.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Service\n')).toBe(
      true,
    );
    expect(list.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
    expect(get(['pods'], { output: 'json' }).stdout).toBe(
      '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
    );
  });
});

describe('alignColumns', () => {
  it('pads every column but the last to the widest cell plus three, at least six', () => {
    expect(alignColumns('A\tBB\tC\nxxxxxxxx\ty\tz\n', getTabwriter)).toBe(
      'A          BB    C\nxxxxxxxx   y     z\n',
    );
  });
});

describe('toYaml', () => {
  it('sorts keys as go-yaml does and quotes what would not read back as a string', () => {
    expect(
      toYaml({
        b: '80',
        a: 'true',
        c: 'x',
        port10: 1,
        port9: 2,
        t: '2025-01-01T00:00:00Z',
        s: '*',
      }),
    ).toBe('a: "true"\nb: "80"\nc: x\nport9: 2\nport10: 1\ns: \'*\'\nt: "2025-01-01T00:00:00Z"\n');
    expect(compareYamlKeys('_x', 'Ab')).toBeLessThan(0);
  });
});
