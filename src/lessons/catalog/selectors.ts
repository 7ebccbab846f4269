/** Lesson: a Service selects pods by labels, all of them (AND), and its endpoints follow. */
import { fail, pass, readyEndpointCount, serviceCheck } from '../checks';
import type { Lesson } from '../types';
import { deployment, documents } from '../yaml';

const pod = (name: string, labels: string[]) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
${labels.map((l) => `    ${l}`).join('\n')}
spec:
  containers:
  - name: web
    image: nginx:1.21
    ports:
    - containerPort: 80`;

const webService = (selector: string[]) => `apiVersion: v1
kind: Service
metadata:
  name: web-service
spec:
  type: NodePort
  selector:
${selector.map((l) => `    ${l}`).join('\n')}
  ports:
  - name: http
    port: 80
    targetPort: 80
    nodePort: 30080`;

export const selectors: Lesson = {
  id: 'selectors-endpoints',
  title: 'Selectors and endpoints: labels are ANDed',
  notice:
    'A pod is an endpoint of a Service only when it carries every label of the selector; the endpoints follow the pods as they come and go.',
  seed: 'kubernetes-services-nodeport.txt, "Label Selectors: Service-Pod Binding Mechanism"',
  steps: [
    {
      title: 'Make web-service reach all three pods',
      text: 'web-service selects `app: web-app` and `tier: frontend`: a pod must have both. Only web-pod-1 does, so it is the only endpoint (the Endpoints panel says why each other pod is not). Make web-service reach all three pods.',
      yaml: documents(
        pod('web-pod-1', ['app: web-app', 'tier: frontend']),
        pod('web-pod-2', ['app: web-app']),
        pod('web-pod-3', ['app: web-app', 'tier: backend']),
        webService(['app: web-app', 'tier: frontend']),
      ),
      checks: [
        serviceCheck(
          {
            id: 'three-endpoints',
            service: 'web-service',
            label: 'web-service reaches all three pods',
            hint: 'Labels of a selector are ANDed: give web-pod-2 and web-pod-3 `tier: frontend`, or select on `app: web-app` alone.',
          },
          (s) => readyEndpointCount(s, 3),
        ),
        serviceCheck(
          {
            id: 'still-selects',
            service: 'web-service',
            label: 'web-service still selects pods with a selector',
            hint: 'Without a selector no controller writes the endpoints: keep at least `app: web-app`.',
          },
          (s) =>
            s.selector && Object.keys(s.selector).length > 0
              ? pass(
                  Object.entries(s.selector)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(','),
                )
              : fail('no selector'),
        ),
      ],
    },
    {
      title: 'A selector that matches nothing',
      text: 'Here a typo in the selector (`app: webapp`) matches no pod: the Service exists, has a ClusterIP and a nodePort, but no endpoints, and traffic to it is rejected. Fix the selector.',
      yaml: documents(
        deployment({
          name: 'web',
          replicas: 3,
          labels: { app: 'web-app' },
          image: 'nginx:1.21',
          containerPort: 80,
        }),
        webService(['app: webapp']),
      ),
      request: {
        service: 'web-service',
        count: 10,
        label: 'Send 10 requests to web-service',
      },
      checks: [
        serviceCheck(
          {
            id: 'fixed-selector',
            service: 'web-service',
            label: 'web-service has the Deployment’s three pods as endpoints',
            hint: 'The pods are labelled `app: web-app`.',
          },
          (s) => readyEndpointCount(s, 3),
        ),
      ],
    },
    {
      title: 'Endpoints follow the pods',
      text: 'Scale the Deployment to 5 replicas (edit `replicas`, or use Scale in the graph): the ReplicaSet makes two more pods, and the EndpointSlice controller adds them to web-service’s endpoints.',
      checks: [
        serviceCheck(
          {
            id: 'five-endpoints',
            service: 'web-service',
            label: 'web-service has five endpoints',
            hint: 'Set `replicas: 5` in the Deployment (and keep the selector fixed).',
          },
          (s) => readyEndpointCount(s, 5),
        ),
      ],
    },
  ],
};
