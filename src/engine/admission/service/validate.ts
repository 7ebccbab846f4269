/** Service validation (pkg/apis/core/validation/validation.go ValidateService, ValidateServiceUpdate). */
import type { Service, ServicePort, ServiceSpec } from '../../model';
import {
  duplicate,
  duplicateRaw,
  forbidden,
  invalid,
  invalidRaw,
  notSupported,
  required,
  type FieldErrors,
} from '../fieldErrors';
import { goJSON, goQuote } from '../goFormat';
import { isRecord, nameIsDNS1035Label, validateLabels, validateObjectMeta } from '../meta';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidPortName,
  isValidPortNum,
} from '../names';
import { validateNonSpecialIP } from '../specialIP';
import { isHeadless, validateClusterIPsRelatedFields } from './clusterIPs';
import { validateLegacyCIDR, validateLegacyIP } from '../legacyIP';
import { externallyAccessible, needsHealthCheck } from './defaults';

export const protocols: readonly string[] = ['SCTP', 'TCP', 'UDP'];
const serviceTypes: readonly string[] = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const affinities: readonly string[] = ['ClientIP', 'None'];
const trafficPolicies: readonly string[] = ['Cluster', 'Local'];
/** supportedTrafficDistribution: PreferSameZone and PreferSameNode are GA since Kubernetes 1.35. */
const trafficDistributions: readonly string[] = ['PreferClose', 'PreferSameZone', 'PreferSameNode'];

/** The longest ClientIP affinity: one day (core.MaxClientIPServiceAffinitySeconds). */
export const maxClientIPTimeoutSeconds = 86400;

/** ValidatePortNumOrName: a number in 1-65535 or an IANA service name. */
export function validatePortNumOrName(value: unknown, path: string): FieldErrors {
  if (typeof value === 'number') return isValidPortNum(value).map((m) => invalid(path, value, m));
  if (typeof value === 'string') return isValidPortName(value).map((m) => invalid(path, value, m));
  return [];
}

/** Whether validatePortNumOrName finds nothing wrong with the value. */
function isPortNumOrName(value: unknown): boolean {
  if (typeof value === 'number') return isValidPortNum(value).length === 0;
  return typeof value !== 'string' || isValidPortName(value).length === 0;
}

/**
 * The internal core.ServicePort used as the key of the duplicate-port check, as a field error
 * prints it (json.Marshal; the internal type has no JSON tags, so its keys are the Go names).
 */
function renderPortKey(protocol: string, port: number): string {
  return goJSON({
    fields: [
      ['Name', ''],
      ['Protocol', protocol],
      ['AppProtocol', null],
      ['Port', port],
      ['TargetPort', 0],
      ['NodePort', 0],
    ],
  });
}

/**
 * validateServicePort, adding to `errs`. `names`: the names of the ports before it, kept only
 * when there are several ports (a name alone cannot be a duplicate).
 */
function validateServicePort(
  errs: FieldErrors,
  sp: ServicePort,
  requireName: boolean,
  names: Set<string> | undefined,
  path: string,
): void {
  const name = typeof sp.name === 'string' ? sp.name : '';
  if (requireName && name === '') errs.push(required(`${path}.name`));
  else if (name !== '') {
    for (const m of isDNS1123Label(name)) errs.push(invalid(`${path}.name`, name, m));
    if (names?.has(name)) errs.push(duplicate(`${path}.name`, name));
    else names?.add(name);
  }
  const port = typeof sp.port === 'number' ? sp.port : 0;
  for (const m of isValidPortNum(port)) errs.push(invalid(`${path}.port`, port, m));
  const protocol = String(sp.protocol ?? '');
  if (protocol === '') errs.push(required(`${path}.protocol`));
  else if (!protocols.includes(protocol))
    errs.push(notSupported(`${path}.protocol`, protocol, protocols));
  // The path is made only for an error.
  if (!isPortNumOrName(sp.targetPort))
    errs.push(...validatePortNumOrName(sp.targetPort, `${path}.targetPort`));
  if (typeof sp.appProtocol === 'string')
    for (const m of isQualifiedName(sp.appProtocol))
      errs.push(invalid(`${path}.appProtocol`, sp.appProtocol, m));
}

/** The first clusterIP as `%q` prints it, for an error message (made only for one). */
function firstIP(spec: ServiceSpec): string {
  return goQuote(String(spec.clusterIPs?.[0] ?? ''));
}

/** ValidateService: metadata, ports, selector, affinity, IP fields, type, node ports, traffic policies. */
export function validateService(service: Service): FieldErrors {
  const errs = validateObjectMeta(service.metadata, true, nameIsDNS1035Label);
  const annotations = isRecord(service.metadata.annotations) ? service.metadata.annotations : {};
  const hints = annotations[topologyHintsKey];
  const mode = annotations[topologyModeKey];
  if (typeof hints === 'string' && typeof mode === 'string' && hints !== mode)
    errs.push(
      invalid(
        `metadata.annotations[${topologyModeKey}]`,
        mode,
        `must match annotations[${topologyHintsKey}] when both are specified`,
      ),
    );
  const spec = service.spec ?? {};
  const ports = (Array.isArray(spec.ports) ? spec.ports : []).map((p) =>
    p && typeof p === 'object' ? p : {},
  );
  const headless = isHeadless(service);
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName')
    errs.push(required('spec.ports'));
  if (spec.type === 'LoadBalancer' && headless)
    errs.push(
      invalidRaw(
        'spec.clusterIPs[0]',
        firstIP(spec),
        "may not be set to 'None' for LoadBalancer services",
      ),
    );
  if (spec.type === 'NodePort' && headless)
    errs.push(
      invalidRaw(
        'spec.clusterIPs[0]',
        firstIP(spec),
        "may not be set to 'None' for NodePort services",
      ),
    );
  if (spec.type === 'ExternalName') {
    if ((spec.clusterIPs ?? []).length > 0)
      errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if ((spec.ipFamilies ?? []).length > 0)
      errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined)
      errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = String(spec.externalName ?? '').replace(/\.$/, '');
    if (cname === '') errs.push(required('spec.externalName'));
    else
      for (const m of isDNS1123Subdomain(cname)) errs.push(invalid('spec.externalName', cname, m));
  }
  const several = ports.length > 1;
  const names = several ? new Set<string>() : undefined;
  for (let i = 0; i < ports.length; i++)
    validateServicePort(errs, ports[i] ?? {}, several, names, `spec.ports[${i}]`);
  if (spec.selector !== undefined) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const affinity = String(spec.sessionAffinity ?? '');
  if (affinity === '') errs.push(required('spec.sessionAffinity'));
  else if (!affinities.includes(affinity))
    errs.push(notSupported('spec.sessionAffinity', affinity, affinities));
  if (affinity === 'ClientIP') errs.push(...validateClientIPAffinity(spec.sessionAffinityConfig));
  else if (affinity === 'None' && spec.sessionAffinityConfig !== undefined)
    errs.push(
      forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'),
    );
  errs.push(...validateClusterIPsRelatedFields(service));
  (Array.isArray(spec.externalIPs) ? spec.externalIPs : []).forEach((ip, i) => {
    const text = String(ip);
    const ipErrors = validateLegacyIP(`spec.externalIPs[${i}]`, text);
    if (ipErrors.length > 0) errs.push(...ipErrors);
    else errs.push(...validateNonSpecialIP(text, `spec.externalIPs[${i}]`));
  });
  const type = String(spec.type ?? '');
  if (type === '') errs.push(required('spec.type'));
  else if (!serviceTypes.includes(type)) errs.push(notSupported('spec.type', type, serviceTypes));
  if (type === 'ClusterIP')
    ports.forEach((p, i) => {
      if (typeof p.nodePort === 'number' && p.nodePort !== 0)
        errs.push(
          forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"),
        );
    });
  // A single port cannot repeat a NodePort or a port: the keys are made only for several.
  if (several) validateUniquePorts(errs, ports);
  const ranges = Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges : [];
  const rangesAnnotation = annotations[sourceRangesKey];
  if (ranges.length === 0 && typeof rangesAnnotation === 'string')
    errs.push(...validateSourceRangesAnnotation(rangesAnnotation, type));
  if (ranges.length > 0) {
    if (type !== 'LoadBalancer')
      errs.push(
        forbidden(
          'spec.LoadBalancerSourceRanges',
          "may only be used when `type` is 'LoadBalancer'",
        ),
      );
    ranges.forEach((r, i) => {
      errs.push(...validateLegacyCIDR(`spec.LoadBalancerSourceRanges[${i}]`, String(r).trim()));
    });
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && type !== 'LoadBalancer')
    errs.push(
      forbidden(
        'spec.allocateLoadBalancerNodePorts',
        "may only be used when `type` is 'LoadBalancer'",
      ),
    );
  if (spec.loadBalancerClass !== undefined) {
    if (type === 'LoadBalancer')
      for (const m of isQualifiedName(spec.loadBalancerClass))
        errs.push(invalid('spec.loadBalancerClass', spec.loadBalancerClass, m));
    else
      errs.push(
        forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"),
      );
  }
  errs.push(...validateTrafficPolicies(service));
  return errs;
}

const topologyHintsKey = 'service.kubernetes.io/topology-aware-hints';
const topologyModeKey = 'service.kubernetes.io/topology-mode';
const sourceRangesKey = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/**
 * The load-balancer-source-ranges annotation, read when the field is empty: LoadBalancer only,
 * comma-separated CIDRs (blank is allowed); errors point at the annotation, not at an entry.
 */
function validateSourceRangesAnnotation(value: string, type: string): FieldErrors {
  const path = `metadata.annotations[${sourceRangesKey}]`;
  const errs: FieldErrors = [];
  if (type !== 'LoadBalancer')
    errs.push(forbidden(path, "may only be used when `type` is 'LoadBalancer'"));
  const trimmed = value.trim();
  if (trimmed !== '')
    for (const part of trimmed.split(',')) {
      errs.push(...validateLegacyCIDR(path, part.trim()));
    }
  return errs;
}

/** The duplicate NodePorts (per protocol) and ports (per protocol) of a list of ports, into `errs`. */
function validateUniquePorts(errs: FieldErrors, ports: readonly ServicePort[]): void {
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (typeof p.nodePort !== 'number' || p.nodePort === 0) return;
    const key = `${String(p.protocol)}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    nodePorts.add(key);
  });
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const port = typeof p.port === 'number' ? p.port : 0;
    const key = `${String(p.protocol ?? '')}/${port}`;
    if (portKeys.has(key))
      errs.push(duplicateRaw(`spec.ports[${i}]`, renderPortKey(String(p.protocol ?? ''), port)));
    portKeys.add(key);
  });
}

/** validateClientIPAffinityConfig and validateAffinityTimeout. */
function validateClientIPAffinity(config: ServiceSpec['sessionAffinityConfig']): FieldErrors {
  const path = 'spec.sessionAffinityConfig';
  const when = 'when session affinity type is ClientIP';
  if (!config) return [required(path, when)];
  if (!config.clientIP) return [required(`${path}.clientIP`, when)];
  const timeout = config.clientIP.timeoutSeconds;
  if (typeof timeout !== 'number') return [required(`${path}.clientIP.timeoutSeconds`, when)];
  return timeout <= 0 || timeout > maxClientIPTimeoutSeconds
    ? [
        invalid(
          `${path}.clientIP.timeoutSeconds`,
          timeout,
          `must be greater than 0 and less than ${maxClientIPTimeoutSeconds}`,
        ),
      ]
    : [];
}

/** validateServiceExternalTrafficPolicy, validateServiceInternalTrafficFieldsValue, validateServiceTrafficDistribution. */
function validateTrafficPolicies(service: Service): FieldErrors {
  const errs: FieldErrors = [];
  const spec = service.spec ?? {};
  const etp = String(spec.externalTrafficPolicy ?? '');
  if (!externallyAccessible(service)) {
    if (etp !== '')
      errs.push(
        invalid(
          'spec.externalTrafficPolicy',
          etp,
          'may only be set for externally-accessible services',
        ),
      );
  } else if (etp === '') errs.push(required('spec.externalTrafficPolicy'));
  else if (!trafficPolicies.includes(etp))
    errs.push(notSupported('spec.externalTrafficPolicy', etp, trafficPolicies));
  const hc = typeof spec.healthCheckNodePort === 'number' ? spec.healthCheckNodePort : 0;
  if (!needsHealthCheck(service)) {
    if (hc !== 0)
      errs.push(
        invalid(
          'spec.healthCheckNodePort',
          hc,
          "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
        ),
      );
  } else if (hc === 0) errs.push(required('spec.healthCheckNodePort'));
  else for (const m of isValidPortNum(hc)) errs.push(invalid('spec.healthCheckNodePort', hc, m));
  const itp = spec.internalTrafficPolicy;
  if (itp === undefined) {
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP')
      errs.push(required('spec.internalTrafficPolicy'));
  } else if (!trafficPolicies.includes(String(itp)))
    errs.push(notSupported('spec.internalTrafficPolicy', String(itp), trafficPolicies));
  if (
    spec.trafficDistribution !== undefined &&
    !trafficDistributions.includes(String(spec.trafficDistribution))
  )
    errs.push(
      notSupported(
        'spec.trafficDistribution',
        String(spec.trafficDistribution),
        trafficDistributions,
      ),
    );
  return errs;
}
