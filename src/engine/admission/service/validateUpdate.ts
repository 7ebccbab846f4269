/**
 * ValidateServiceUpdate's checks beyond ValidateService (pkg/apis/core/validation/validation.go
 * ValidateObjectMetaUpdate, validateUpgradeDowngradeClusterIPs, validateUpgradeDowngradeIPFamilies,
 * validateLoadBalancerClassField, validateServiceExternalTrafficFieldsUpdate).
 */
import type { Service, ServiceSpec } from '../../model';
import { forbidden, invalidRaw, type FieldErrors } from '../fieldErrors';
import { jsonQuote, jsonStringSlice } from '../goFormat';
import { validateObjectMetaUpdate } from '../meta';
import { isHeadless } from './clusterIPs';
import { needsHealthCheck } from './defaults';

/** A Service's ipFamilyPolicy as a field error prints it: quoted, or null when unset. */
function renderPolicy(spec: ServiceSpec): string {
  return spec.ipFamilyPolicy === undefined ? 'null' : jsonQuote(spec.ipFamilyPolicy);
}

const singleStackOnRelease = (what: string) =>
  `must be set to 'SingleStack' when releasing the secondary ${what}`;

/** validateUpgradeDowngradeClusterIPs: the primary clusterIP stays; a secondary one may come or go. */
function validateClusterIPsChange(errs: FieldErrors, service: Service, old: Service): void {
  const spec = service.spec ?? {};
  const oldSpec = old.spec ?? {};
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return;
  if (isHeadless(old) && isHeadless(service)) return;
  const now = spec.clusterIPs ?? [];
  const before = oldSpec.clusterIPs ?? [];
  // Rendered only for an error: nearly every update keeps its clusterIPs.
  const rendered = () => jsonStringSlice(spec.clusterIPs);
  if (now.length === before.length) {
    before.forEach((ip, i) => {
      if (ip !== now[i])
        errs.push(invalidRaw(`spec.clusterIPs[${i}]`, rendered(), 'may not change once set'));
    });
  } else if (before.length > now.length) {
    if (now.length === 0)
      errs.push(invalidRaw('spec.clusterIPs[0]', rendered(), 'primary clusterIP can not be unset'));
    else if (now[0] !== before[0])
      errs.push(invalidRaw('spec.clusterIPs[0]', rendered(), 'may not change once set'));
    if (now.length === 1 && spec.ipFamilyPolicy !== 'SingleStack')
      errs.push(
        invalidRaw('spec.ipFamilyPolicy', renderPolicy(spec), singleStackOnRelease('clusterIP')),
      );
  } else if (before.length > 0 && now[0] !== before[0]) {
    errs.push(invalidRaw('spec.clusterIPs[0]', rendered(), 'may not change once set'));
  }
}

/**
 * validateUpgradeDowngradeIPFamilies: the primary family stays (a headless Service may change
 * its families). Upstream prints the clusterIPs, not the families, for a changed primary family
 * when the list grows or shrinks.
 */
function validateIPFamiliesChange(errs: FieldErrors, service: Service, old: Service): void {
  const spec = service.spec ?? {};
  const oldSpec = old.spec ?? {};
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return;
  if (isHeadless(old) || isHeadless(service)) return;
  const now = spec.ipFamilies ?? [];
  const before = oldSpec.ipFamilies ?? [];
  const path = 'spec.ipFamilies[0]';
  if (now.length === before.length) {
    before.forEach((family, i) => {
      if (family !== now[i])
        errs.push(invalidRaw(path, jsonStringSlice(spec.ipFamilies), 'may not change once set'));
    });
  } else if (before.length > now.length) {
    if ((spec.clusterIPs ?? []).length === 0)
      errs.push(
        invalidRaw(path, jsonStringSlice(spec.ipFamilies), 'primary ipFamily can not be unset'),
      );
    if (now.length > 0 && now[0] !== before[0])
      errs.push(invalidRaw(path, jsonStringSlice(spec.clusterIPs), 'may not change once set'));
    if (now.length === 1 && spec.ipFamilyPolicy !== 'SingleStack')
      errs.push(
        invalidRaw('spec.ipFamilyPolicy', renderPolicy(spec), singleStackOnRelease('ipFamily')),
      );
  } else if (before.length > 0 && now.length > 0 && now[0] !== before[0]) {
    errs.push(invalidRaw(path, jsonStringSlice(spec.clusterIPs), 'may not change once set'));
  }
}

/**
 * ValidateServiceUpdate's checks before ValidateService's, in its order: the metadata, clusterIPs
 * and ipFamilies (upgrade and downgrade), a LoadBalancer's class, and healthCheckNodePort.
 */
export function validateServiceUpdate(service: Service, old: Service): FieldErrors {
  const errs: FieldErrors = [];
  // ValidateService checks the labels and annotations again; the repeats are printed once, these first.
  validateObjectMetaUpdate(errs, service.metadata);
  const spec = service.spec ?? {};
  const oldSpec = old.spec ?? {};
  validateClusterIPsChange(errs, service, old);
  validateIPFamiliesChange(errs, service, old);
  // validateLoadBalancerClassField: a LoadBalancer keeps its class (set, changed or unset alike).
  if (
    spec.type === 'LoadBalancer' &&
    oldSpec.type === 'LoadBalancer' &&
    spec.loadBalancerClass !== oldSpec.loadBalancerClass
  )
    errs.push(
      invalidRaw(
        'spec.loadBalancerClass',
        spec.loadBalancerClass === undefined ? 'null' : jsonQuote(spec.loadBalancerClass),
        'may not change once set',
      ),
    );
  if (
    needsHealthCheck(old) &&
    needsHealthCheck(service) &&
    spec.healthCheckNodePort !== oldSpec.healthCheckNodePort
  )
    errs.push(forbidden('spec.healthCheckNodePort', 'field is immutable'));
  return errs;
}
