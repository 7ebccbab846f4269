/** Lesson: the three Service types, each built on the one before. */
import { fail, pass, requestCheck, serviceCheck } from '../checks';
import type { Lesson } from '../types';
import { clientPod, deployment, documents } from '../yaml';

const app = deployment({
  name: 'my-webapp',
  replicas: 3,
  labels: { app: 'my-webapp' },
  image: 'nginx:latest',
  containerPort: 80,
});

const clusterIPService = `apiVersion: v1
kind: Service
metadata:
  name: my-webapp
spec:
  selector:
    app: my-webapp
  ports:
  - protocol: TCP
    port: 80
    targetPort: 80`;

export const serviceTypes: Lesson = {
  id: 'service-types',
  title: 'Service types: ClusterIP, NodePort, LoadBalancer',
  notice:
    'Each type builds on the one before: a NodePort Service still has its ClusterIP, and a LoadBalancer Service is a NodePort Service with a load balancer in front.',
  seed: 'kubernetes-services-nodeport.txt, "Service Types: Technical Overview"; clusterip-and-nodeport-in-action.txt',
  steps: [
    {
      title: 'ClusterIP: a virtual IP inside the cluster',
      text: 'Three my-webapp pods sit behind a Service with no `type`, so it is a ClusterIP Service: it gets a virtual IP from the service range that no interface holds. kube-proxy on every node catches traffic to it and sends it to a pod. Only pods can reach it. Send requests from the client pod.',
      yaml: documents(app, clusterIPService, clientPod()),
      request: {
        from: 'client',
        service: 'my-webapp',
        via: 'dnsName',
        count: 10,
        label: 'Send 10 requests from the client pod to my-webapp',
      },
      checks: [
        serviceCheck(
          {
            id: 'has-cluster-ip',
            service: 'my-webapp',
            label: 'my-webapp is a ClusterIP Service with a virtual IP',
            hint: 'Leave `type` out (ClusterIP is the default), and do not set `clusterIP: None`.',
          },
          (s) =>
            s.type === 'ClusterIP' && s.clusterIP !== 'None'
              ? pass(`ClusterIP ${s.clusterIP}`)
              : fail(`type ${s.type}, clusterIP ${s.clusterIP}`),
        ),
        requestCheck({
          id: 'reached-from-pod',
          service: 'my-webapp',
          label: 'requests from the client pod reach the my-webapp pods',
          hint: 'Press the send button above (or pick the client pod and my-webapp in the request bar).',
        }),
      ],
    },
    {
      title: 'NodePort: the same port on every node',
      text: 'A ClusterIP cannot be reached from outside. Change the Service to `type: NodePort` with `nodePort: 30080`: kube-proxy then opens 30080 on every node, and forwards it to the same pods. The ClusterIP stays.',
      checks: [
        serviceCheck(
          {
            id: 'is-node-port',
            service: 'my-webapp',
            label: 'my-webapp is a NodePort Service on port 30080',
            hint: 'Under `spec:` write `type: NodePort`, and under the port `nodePort: 30080`.',
          },
          (s) => {
            const nodePort = s.ports[0]?.nodePort;
            return s.type === 'NodePort' && nodePort === 30080
              ? pass(`${s.ports[0]?.port ?? ''}:${nodePort}/TCP`)
              : fail(`type ${s.type}${nodePort ? `, nodePort ${nodePort}` : ', no nodePort'}`);
          },
        ),
        serviceCheck(
          {
            id: 'keeps-cluster-ip',
            service: 'my-webapp',
            label: 'it still has its ClusterIP',
            hint: 'A NodePort Service is a ClusterIP Service plus a port on each node: do not set `clusterIP: None`.',
          },
          (s) =>
            s.clusterIP !== 'None' && s.clusterIPs.length > 0
              ? pass(s.clusterIP)
              : fail('no ClusterIP'),
        ),
        requestCheck({
          id: 'reached-from-outside',
          service: 'my-webapp',
          label: 'a request from the external client to node-2:30080 reaches a pod',
          hint: 'Make it a NodePort Service first, then press the send button.',
          via: 'nodePort',
        }),
      ],
      request: {
        service: 'my-webapp',
        via: 'nodePort',
        node: 'node-2',
        count: 1,
        label: 'Send a request from outside to node-2:30080',
      },
    },
    {
      title: 'LoadBalancer: a load balancer in front of the nodes',
      text: 'Change the type to `LoadBalancer`. A cloud (or MetalLB) provisions a load balancer and writes its address in `status.loadBalancer`; it spreads traffic over the nodes, on the nodePort. The Service keeps its nodePort and its ClusterIP.',
      checks: [
        serviceCheck(
          {
            id: 'is-load-balancer',
            service: 'my-webapp',
            label: 'my-webapp is a LoadBalancer Service with an ingress address',
            hint: 'Write `type: LoadBalancer` under `spec:`.',
          },
          (s) =>
            s.type === 'LoadBalancer' && s.loadBalancerIngress.length > 0
              ? pass(`ingress ${s.loadBalancerIngress.join(', ')}`)
              : fail(`type ${s.type}`),
        ),
        serviceCheck(
          {
            id: 'keeps-node-port',
            service: 'my-webapp',
            label: 'it keeps a nodePort and a ClusterIP',
            hint: 'Do not turn off `allocateLoadBalancerNodePorts`, and keep the ClusterIP.',
          },
          (s) =>
            s.ports[0]?.nodePort && s.clusterIP !== 'None'
              ? pass(`${s.clusterIP}, nodePort ${s.ports[0].nodePort}`)
              : fail('no nodePort or no ClusterIP'),
        ),
        requestCheck({
          id: 'reached-through-lb',
          service: 'my-webapp',
          label: 'requests to the load balancer reach the pods',
          hint: 'Make it a LoadBalancer Service, then press the send button.',
          via: 'loadBalancer',
        }),
      ],
      request: {
        service: 'my-webapp',
        via: 'loadBalancer',
        count: 10,
        label: 'Send 10 requests to the load balancer',
      },
    },
  ],
};
