/**
 * The controllers and scheduler acting on what the API server stores, in the order a fresh
 * cluster settles: node IPAM, Deployment -> ReplicaSet -> Pods, scheduler, kubelet, the
 * load-balancer controller, then the Endpoints, EndpointSlice and mirroring controllers.
 * The pipeline itself is in ./pipeline.ts; this file keeps the contract simulate() calls.
 */
export type { ControllerInput, ControllerOutput } from './groups';
export { groupByKind } from './groups';
export { runControllers } from './pipeline';
