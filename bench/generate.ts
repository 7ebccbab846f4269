/**
 * Generated clusters for the benchmarks: N Services, each selecting a Deployment of `replicas`
 * pods, in YAML as a person would paste it. Nodes hold about 100 pods each (kubelet's default
 * limit is 110, and a node's /24 pod CIDR has 254 addresses).
 */
export interface ClusterShape {
  services: number;
  replicas: number;
  nodes?: number;
}

export function generateClusterYaml({
  services,
  replicas,
  nodes = Math.max(3, Math.ceil((services * replicas) / 100)),
}: ClusterShape): string {
  const docs: string[] = [];
  for (let n = 1; n <= nodes; n++) {
    const third = Math.floor((n - 1) / 250);
    docs.push(`apiVersion: v1
kind: Node
metadata:
  name: node-${n}
spec:
  podCIDR: 10.${64 + Math.floor((n - 1) / 256)}.${(n - 1) % 256}.0/24
status:
  addresses:
  - type: InternalIP
    address: 192.168.${third}.${((n - 1) % 250) + 2}`);
  }
  docs.push(`apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
networking:
  serviceSubnet: 10.96.0.0/12
  podSubnet: 10.64.0.0/10`);
  for (let i = 0; i < services; i++) {
    const name = `svc-${i}`;
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: app
        image: registry.example/app:1
        ports:
        - name: http
          containerPort: 8080`);
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  type: ${i % 10 === 0 ? 'NodePort' : 'ClusterIP'}
  selector:
    app: ${name}
  ports:
  - name: http
    port: 80
    targetPort: http`);
  }
  return docs.join('\n---\n') + '\n';
}
