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
import {
  inclusiveRangeError,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidPortName,
  isValidPortNum,
} from './names';
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

/**
 * Whether a string field is at its zero value, which the v1 defaults fill: absent, null or "" all
 * decode to "" in Go, so `restartPolicy: ""` is defaulted as an absent one is.
 */
function unset(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function defaultContainers(list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const c of list as Container[]) {
    if (!isRecord(c)) continue;
    if (typeof c.image === 'string' && unset(c.imagePullPolicy))
      c.imagePullPolicy = pullPolicy(c.image);
    if (unset(c.terminationMessagePath)) c.terminationMessagePath = '/dev/termination-log';
    if (unset(c.terminationMessagePolicy)) c.terminationMessagePolicy = 'File';
    if (Array.isArray(c.ports))
      for (const p of c.ports) if (isRecord(p) && (p.protocol ?? '') === '') p.protocol = 'TCP';
    defaultContainerDetails(c);
  }
}

/** SetDefaults_PodSpec and the container defaults, in place. */
export function defaultPodSpec(spec: PodSpec): void {
  if (unset(spec.dnsPolicy)) spec.dnsPolicy = 'ClusterFirst';
  if (unset(spec.restartPolicy)) spec.restartPolicy = 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  if (unset(spec.schedulerName)) spec.schedulerName = 'default-scheduler';
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

/** validateContainerCommon's name, image and port checks of one container, into `errs`. */
function validateContainerCommon(errs: FieldErrors, c: unknown, at: string): string {
  const ctr = isRecord(c) ? c : {};
  const name = typeof ctr.name === 'string' ? ctr.name : '';
  if (name === '') errs.push(required(`${at}.name`));
  else for (const m of isDNS1123Label(name)) errs.push(invalid(`${at}.name`, name, m));
  if (typeof ctr.image !== 'string' || ctr.image === '') errs.push(required(`${at}.image`));
  validateContainerPorts(errs, ctr.ports, `${at}.ports`);
  return name;
}

/**
 * validateContainers: at least one, each checked, names unique among them, then host ports
 * unique across all of them (they run side by side).
 */
function validateContainers(errs: FieldErrors, list: unknown, path: string): void {
  const containers = Array.isArray(list) ? list : [];
  if (containers.length === 0) {
    errs.push(required(path));
    return;
  }
  // A single container cannot repeat a name: the names are kept only for several.
  const names = containers.length > 1 ? new Set<string>() : undefined;
  containers.forEach((c: Container, i) => {
    const name = validateContainerCommon(errs, c, `${path}[${i}]`);
    if (names?.has(name)) errs.push(duplicate(`${path}[${i}].name`, name));
    else names?.add(name);
  });
  checkHostPortConflicts(errs, containers, path);
}

/**
 * validateInitContainers: each init container checked as any container, its name unique among the
 * regular and the init containers (an empty one is not counted), and its host ports unique within
 * itself only, as init containers run one by one. The conflict is checked on a list of that one
 * container, so upstream's path names it `[0]` whatever its index.
 */
function validateInitContainers(
  errs: FieldErrors,
  list: unknown,
  regular: unknown,
  path: string,
): void {
  if (!Array.isArray(list) || list.length === 0) return;
  const names = new Set<string>();
  if (Array.isArray(regular))
    for (const c of regular as unknown[])
      names.add(isRecord(c) && typeof c.name === 'string' ? c.name : '');
  list.forEach((c: Container, i) => {
    const name = validateContainerCommon(errs, c, `${path}[${i}]`);
    if (names.has(name)) errs.push(duplicate(`${path}[${i}].name`, name));
    else if (name !== '') names.add(name);
    checkHostPortConflicts(errs, [c], path);
  });
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

const maxInt32 = 2147483647;

/** validateReadinessGates: each condition type is a qualified name. */
function validateReadinessGates(errs: FieldErrors, gates: unknown, path: string): void {
  if (!Array.isArray(gates)) return;
  gates.forEach((gate: unknown, i) => {
    const type = isRecord(gate) && typeof gate.conditionType === 'string' ? gate.conditionType : '';
    for (const m of isQualifiedName(type))
      errs.push(invalid(`${path}[${i}].conditionType`, type, m));
  });
}

/**
 * validateSchedulingGates: each name a qualified name and none repeated; the errors name the
 * gate itself (`schedulingGates[i]`), not its `name` field.
 */
function validateSchedulingGates(errs: FieldErrors, gates: unknown, path: string): void {
  if (!Array.isArray(gates)) return;
  const seen = new Set<string>();
  gates.forEach((gate: unknown, i) => {
    const name = isRecord(gate) && typeof gate.name === 'string' ? gate.name : '';
    for (const m of isQualifiedName(name)) errs.push(invalid(`${path}[${i}]`, name, m));
    if (seen.has(name)) errs.push(duplicate(`${path}[${i}]`, name));
    seen.add(name);
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
  validateContainers(errs, s.containers, `${path}.containers`);
  validateInitContainers(errs, s.initContainers, s.containers, `${path}.initContainers`);
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
  validateReadinessGates(errs, s.readinessGates, `${path}.readinessGates`);
  validateSchedulingGates(errs, s.schedulingGates, `${path}.schedulingGates`);
  // ValidateServiceAccountName and ValidateNodeName: both DNS-1123 subdomains.
  for (const key of ['serviceAccountName', 'nodeName'] as const) {
    const value = s[key];
    if (typeof value === 'string' && value !== '')
      for (const m of isDNS1123Subdomain(value)) errs.push(invalid(`${path}.${key}`, value, m));
  }
  const deadline = s.activeDeadlineSeconds;
  if (typeof deadline === 'number' && (deadline < 1 || deadline > maxInt32))
    errs.push(invalid(`${path}.activeDeadlineSeconds`, deadline, inclusiveRangeError(1, maxInt32)));
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
