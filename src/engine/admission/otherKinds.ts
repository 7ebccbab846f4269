/**
 * The kinds with little to check: Namespaces, Nodes, ConfigMaps (pkg/apis/core/validation) and
 * ServiceCIDRs (pkg/apis/networking/validation ValidateServiceCIDR), with what their strategies fill in.
 */
import type { ConfigMap, Namespace, Node, ServiceCIDR } from '../model';
import { parseCIDR } from '../net/ip';
import { invalid, invalidRaw, type FieldErrors } from './fieldErrors';
import { jsonStringSlice } from './goFormat';
import { invalidCIDRMessage, validateLegacyCIDR } from './legacyIP';
import { isRecord, nameIsDNSLabel, nameIsDNSSubdomain, validateObjectMeta } from './meta';

/** Namespace strategy: phase Active, the kubernetes finalizer, the kubernetes.io/metadata.name label. */
export function defaultNamespace(ns: Namespace): void {
  const name = ns.metadata.name ?? '';
  ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
  ns.spec = { finalizers: ['kubernetes'], ...(ns.spec ?? {}) };
  ns.status = { phase: 'Active', ...(ns.status ?? {}) };
}

export function validateNamespace(ns: Namespace): FieldErrors {
  return validateObjectMeta(ns.metadata, false, nameIsDNSLabel);
}

export function validateNode(node: Node): FieldErrors {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain);
  (Array.isArray(node.spec?.podCIDRs) ? node.spec.podCIDRs : []).forEach((cidr, i) => {
    errs.push(...validateLegacyCIDR(`spec.podCIDRs[${i}]`, String(cidr)));
  });
  return errs;
}

const configKey = /^[-._a-zA-Z0-9]+$/;

/** ValidateConfigMap: data keys are config keys. */
export function validateConfigMap(cm: ConfigMap): FieldErrors {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain);
  if (isRecord(cm.data))
    for (const key of Object.keys(cm.data)) {
      if (key.length > 253) errs.push(invalid('data', key, 'must be no more than 253 characters'));
      if (!configKey.test(key))
        errs.push(
          invalid(
            'data',
            key,
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
          ),
        );
      if (key === '.' || key === '..') errs.push(invalid('data', key, `must not be '${key}'`));
      else if (key.startsWith('..')) errs.push(invalid('data', key, "must not start with '..'"));
    }
  return errs;
}

export function validateServiceCIDR(sc: ServiceCIDR): FieldErrors {
  const errs = validateObjectMeta(sc.metadata, false, nameIsDNSSubdomain);
  const cidrs = Array.isArray(sc.spec?.cidrs) ? sc.spec.cidrs.map(String) : [];
  if (cidrs.length === 0 || cidrs.length > 2)
    errs.push(
      invalidRaw(
        'spec.cidrs',
        jsonStringSlice(sc.spec?.cidrs ? cidrs : undefined),
        'at least one and max two CIDRs allowed',
      ),
    );
  cidrs.forEach((cidr, i) => {
    if (!parseCIDR(cidr)) errs.push(invalid(`spec.cidrs[${i}]`, cidr, invalidCIDRMessage));
  });
  return errs;
}
