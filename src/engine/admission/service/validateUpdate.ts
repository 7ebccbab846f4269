/**
 * ValidateServiceUpdate's checks beyond ValidateService (pkg/apis/core/validation/validation.go
 * validateUpgradeDowngradeClusterIPs, validateLoadBalancerClassField,
 * validateServiceExternalTrafficFieldsUpdate).
 */
import type { Service } from '../../model';
import { forbidden, invalidRaw, type FieldErrors } from '../fieldErrors';
import { jsonQuote, jsonStringSlice } from '../goFormat';
import { isHeadless } from './clusterIPs';
import { needsHealthCheck } from './defaults';

/**
 * ValidateServiceUpdate's extra checks: clusterIPs, a LoadBalancer's class and healthCheckNodePort
 * may not change once set.
 */
export function validateServiceUpdate(service: Service, old: Service): FieldErrors {
  const errs: FieldErrors = [];
  const spec = service.spec ?? {};
  const oldSpec = old.spec ?? {};
  if (
    spec.type !== 'ExternalName' &&
    oldSpec.type !== 'ExternalName' &&
    !(isHeadless(old) && isHeadless(service))
  ) {
    const now = spec.clusterIPs ?? [];
    const before = oldSpec.clusterIPs ?? [];
    const rendered = jsonStringSlice(spec.clusterIPs);
    if (now.length === before.length) {
      before.forEach((ip, i) => {
        if (ip !== now[i])
          errs.push(invalidRaw(`spec.clusterIPs[${i}]`, rendered, 'may not change once set'));
      });
    } else if (before.length > now.length) {
      if (now.length === 0)
        errs.push(invalidRaw('spec.clusterIPs[0]', rendered, 'primary clusterIP can not be unset'));
      else if (now[0] !== before[0])
        errs.push(invalidRaw('spec.clusterIPs[0]', rendered, 'may not change once set'));
    } else if (before.length > 0 && now[0] !== before[0]) {
      errs.push(invalidRaw('spec.clusterIPs[0]', rendered, 'may not change once set'));
    }
  }
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
