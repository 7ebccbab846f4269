/**
 * Pods and pod templates: the v1 defaults (pkg/apis/core/v1/defaults.go SetDefaults_Pod,
 * SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_ContainerPort) and the basic checks of
 * ValidatePodSpec (pkg/apis/core/validation/validation.go): containers, ports, names, policies.
 */
import type { Container, Pod, PodSpec } from '../model';
import { duplicate, invalid, notSupported, required, type FieldErrors } from './fieldErrors';
import {
  isRecord,
  nameIsDNSSubdomain,
  validateAnnotations,
  validateLabels,
  validateObjectMeta,
} from './meta';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum } from './names';
import { validatePodDNSConfig } from './podDNS';
import { defaultContainerDetails, defaultVolumes, podSpecDefaults } from './podDefaults';
import { protocols } from './service/validate';

/**
 * imagePullPolicy: Always for `:latest` or an untagged image, IfNotPresent otherwise (digests
 * included). The tag is the text after the last colon of the last path segment, read in place.
 */
function pullPolicy(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const colon = image.lastIndexOf(':');
  if (colon <= image.lastIndexOf('/')) return 'Always';
  return image.length === colon + 7 && image.endsWith('latest') ? 'Always' : 'IfNotPresent';
}

function defaultContainers(list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const c of list as Container[]) {
    if (!isRecord(c)) continue;
    if (typeof c.image === 'string' && c.imagePullPolicy === undefined)
      c.imagePullPolicy = pullPolicy(c.image);
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    if (Array.isArray(c.ports))
      for (const p of c.ports) if (isRecord(p) && (p.protocol ?? '') === '') p.protocol = 'TCP';
    defaultContainerDetails(c);
  }
}

/** SetDefaults_PodSpec and the container defaults, in place. */
export function defaultPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  defaultContainers(spec.containers);
  defaultContainers(spec.initContainers);
  if (spec.volumes !== undefined) defaultVolumes(spec.volumes);
}

export function defaultPod(pod: Pod): void {
  defaultPodSpec((pod.spec ??= {}));
  pod.spec = podSpecDefaults(pod.spec);
}

const restartPolicies = ['Always', 'OnFailure', 'Never'];
const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

/** validateContainerPorts. */
function validateContainerPorts(errs: FieldErrors, ports: unknown, path: string): void {
  if (!Array.isArray(ports)) return;
  // A single port cannot repeat a name: the names are kept only for several.
  const names = ports.length > 1 ? new Set<string>() : undefined;
  ports.forEach((p: Record<string, unknown>, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(p)) return;
    const name = typeof p.name === 'string' ? p.name : '';
    if (name !== '') {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) msgs.forEach((m) => errs.push(invalid(`${at}.name`, name, m)));
      else if (names?.has(name)) errs.push(duplicate(`${at}.name`, name));
      else names?.add(name);
    }
    const port = typeof p.containerPort === 'number' ? p.containerPort : 0;
    if (port === 0) errs.push(required(`${at}.containerPort`));
    else for (const m of isValidPortNum(port)) errs.push(invalid(`${at}.containerPort`, port, m));
    if (typeof p.hostPort === 'number' && p.hostPort !== 0)
      for (const m of isValidPortNum(p.hostPort))
        errs.push(invalid(`${at}.hostPort`, p.hostPort, m));
    const protocol = String(p.protocol ?? '');
    if (protocol === '') errs.push(required(`${at}.protocol`));
    else if (!protocols.includes(protocol))
      errs.push(notSupported(`${at}.protocol`, protocol, protocols));
  });
}

/** validateContainers with validateContainerCommon's name, image and port checks, into `errs`. */
function validateContainers(
  errs: FieldErrors,
  list: unknown,
  path: string,
  requireOne: boolean,
): void {
  const containers = Array.isArray(list) ? list : [];
  if (containers.length === 0) {
    if (requireOne) errs.push(required(path));
    return;
  }
  // A single container cannot repeat a name: the names are kept only for several.
  const names = containers.length > 1 ? new Set<string>() : undefined;
  containers.forEach((c: Container, i) => {
    const at = `${path}[${i}]`;
    const ctr = isRecord(c) ? c : {};
    const name = typeof ctr.name === 'string' ? ctr.name : '';
    if (name === '') errs.push(required(`${at}.name`));
    else for (const m of isDNS1123Label(name)) errs.push(invalid(`${at}.name`, name, m));
    if (typeof ctr.image !== 'string' || ctr.image === '') errs.push(required(`${at}.image`));
    validateContainerPorts(errs, ctr.ports, `${at}.ports`);
    if (names?.has(name)) errs.push(duplicate(`${at}.name`, name));
    else names?.add(name);
  });
  if (requireOne) checkHostPortConflicts(errs, containers, path);
}

/** checkHostPortConflicts: two ports of the containers may not take the same host port. */
function checkHostPortConflicts(errs: FieldErrors, containers: unknown[], path: string): void {
  let taken: Set<string> | undefined;
  containers.forEach((c, i) => {
    if (!isRecord(c) || !Array.isArray(c.ports)) return;
    (c.ports as unknown[]).forEach((p, j) => {
      if (!isRecord(p) || typeof p.hostPort !== 'number' || p.hostPort === 0) return;
      const key = `${String(p.protocol ?? '')}/${String(p.hostIP ?? '')}/${p.hostPort}`;
      taken ??= new Set();
      if (taken.has(key)) errs.push(duplicate(`${path}[${i}].ports[${j}].hostPort`, key));
      else taken.add(key);
    });
  });
}

/**
 * validatePodHostNetworkDeps: on the host's network a container port's hostPort is its
 * containerPort. A template may leave it 0 (its pods are defaulted); a Pod may not.
 */
function validateHostNetworkPorts(errs: FieldErrors, s: PodSpec, path: string, isPod: boolean) {
  if (s.hostNetwork !== true || !Array.isArray(s.containers)) return;
  s.containers.forEach((c, i) => {
    if (!isRecord(c) || !Array.isArray(c.ports)) return;
    c.ports.forEach((p, j) => {
      if (!isRecord(p)) return;
      const host = typeof p.hostPort === 'number' ? p.hostPort : 0;
      const container = typeof p.containerPort === 'number' ? p.containerPort : 0;
      if ((isPod || host !== 0) && host !== container)
        errs.push(
          invalid(
            `${path}.containers[${i}].ports[${j}].hostPort`,
            host,
            'must match `containerPort` when `hostNetwork` is true',
          ),
        );
    });
  });
}

/** The parts of ValidatePodSpec the playground checks, in its order; `isPod`: opts.ResourceIsPod. */
export function validatePodSpec(
  spec: PodSpec | undefined,
  path: string,
  isPod = false,
): FieldErrors {
  const s: PodSpec = spec ?? {};
  const errs: FieldErrors = [];
  validateContainers(errs, s.containers, `${path}.containers`, true);
  validateContainers(errs, s.initContainers, `${path}.initContainers`, false);
  validateHostNetworkPorts(errs, s, path, isPod);
  const restart = String(s.restartPolicy ?? '');
  if (restart === '') errs.push(required(`${path}.restartPolicy`));
  else if (!restartPolicies.includes(restart))
    errs.push(notSupported(`${path}.restartPolicy`, restart, restartPolicies));
  const dns = String(s.dnsPolicy ?? '');
  if (dns === '') errs.push(required(`${path}.dnsPolicy`));
  else if (!dnsPolicies.includes(dns))
    errs.push(notSupported(`${path}.dnsPolicy`, dns, dnsPolicies));
  if (s.nodeSelector !== undefined)
    errs.push(...validateLabels(s.nodeSelector, `${path}.nodeSelector`));
  validatePodDNSConfig(errs, s, path);
  if (typeof s.nodeName === 'string' && s.nodeName !== '')
    for (const m of isDNS1123Subdomain(s.nodeName))
      errs.push(invalid(`${path}.nodeName`, s.nodeName, m));
  for (const key of ['hostname', 'subdomain'] as const) {
    const value = s[key];
    if (typeof value === 'string' && value !== '')
      for (const m of isDNS1123Label(value)) errs.push(invalid(`${path}.${key}`, value, m));
  }
  if (typeof s.terminationGracePeriodSeconds === 'number' && s.terminationGracePeriodSeconds < 0)
    errs.push(
      invalid(
        `${path}.terminationGracePeriodSeconds`,
        s.terminationGracePeriodSeconds,
        'must be greater than or equal to 0',
      ),
    );
  return errs;
}

/** validateContainerOnlyForPod: a Pod's image has no surrounding whitespace. */
function validateImagesOnlyForPod(errs: FieldErrors, list: unknown, path: string): void {
  if (!Array.isArray(list)) return;
  list.forEach((c: unknown, i) => {
    if (isRecord(c) && typeof c.image === 'string' && c.image.trim() !== c.image)
      errs.push(
        invalid(`${path}[${i}].image`, c.image, 'must not have leading or trailing whitespace'),
      );
  });
}

/**
 * validatePodMetadataAndSpec (ValidatePodCreate): metadata (pods are named as DNS-1123
 * subdomains), the spec, then the checks for Pods only.
 */
export function validatePod(pod: Pod): FieldErrors {
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain);
  errs.push(...validatePodSpec(pod.spec, 'spec', true));
  validateImagesOnlyForPod(errs, pod.spec?.containers, 'spec.containers');
  validateImagesOnlyForPod(errs, pod.spec?.initContainers, 'spec.initContainers');
  return errs;
}

/** ValidatePodTemplateSpec: the template's labels and annotations, then its pod spec. */
export function validatePodTemplate(
  template: { metadata?: { labels?: unknown; annotations?: unknown }; spec?: PodSpec } | undefined,
  path: string,
): FieldErrors {
  const metadata = template?.metadata;
  const errs = validateLabels(metadata?.labels, `${path}.labels`);
  if (metadata?.annotations !== undefined)
    errs.push(...validateAnnotations(metadata.annotations, `${path}.annotations`));
  errs.push(...validatePodSpec(template?.spec, `${path}.spec`));
  return errs;
}
