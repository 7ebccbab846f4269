/**
 * The layer every kube-proxy mode (iptables, ipvs, nftables) builds on: what kube-proxy derives
 * from Services, EndpointSlices and its Node before writing any rule (pkg/proxy/*.go).
 */
export * from './endpoints';
export * from './hash';
export * from './node';
export * from './servicePort';
export * from './topology';
export * from './proxyState';
