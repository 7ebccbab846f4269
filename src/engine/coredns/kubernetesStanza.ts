/** The `kubernetes` plugin's stanza (plugin/kubernetes/setup.go ParseStanza). */
import { parseLabelSelector } from '../kubectl/labelSelector';
import type { Directive } from './corefile';
import { isReverse } from './names';
import {
  CorefileError,
  argError,
  parsingError,
  readFallthrough,
  readTTL,
  stanzaZones,
} from './stanza';
import type { KubernetesPluginConfig, PodMode } from './types';

/** `kubernetes` stanza options (plugin/kubernetes/setup.go ParseStanza). */
export function readKubernetes(
  d: Directive,
  blockZones: string[],
  notes: (line: number, message: string) => void,
): KubernetesPluginConfig {
  const zones = stanzaZones(d, blockZones);
  const primaryZoneIndex = zones.findIndex((z) => isReverse(z) === 0);
  if (primaryZoneIndex === -1) {
    throw new CorefileError('non-reverse zone name must be used');
  }
  const config: KubernetesPluginConfig = {
    zones,
    primaryZoneIndex,
    podMode: 'disabled',
    namespaces: [],
    ttl: 5,
    ignoreEmptyService: false,
    endpointPodNames: false,
    fallthrough: undefined,
    noEndpoints: false,
    labels: undefined,
    namespaceLabels: undefined,
    zonal: false,
  };
  for (const option of d.block) {
    const args = option.args;
    switch (option.name) {
      case 'endpoint_pod_names':
        if (args.length > 0) throw argError(option);
        config.endpointPodNames = true;
        break;
      case 'pods': {
        if (args.length !== 1) throw argError(option);
        const mode = args[0] ?? '';
        if (mode !== 'disabled' && mode !== 'insecure' && mode !== 'verified') {
          throw new CorefileError(
            `wrong value for pods: ${mode},  must be one of: disabled, verified, insecure`,
          );
        }
        config.podMode = mode satisfies PodMode;
        break;
      }
      case 'namespaces':
        if (args.length === 0) throw argError(option);
        config.namespaces.push(...args);
        break;
      case 'fallthrough':
        config.fallthrough = readFallthrough(option);
        break;
      case 'ttl':
        config.ttl = readTTL(option);
        break;
      case 'ignore':
        if (args.length > 0) {
          if (args[0] !== 'empty_service') {
            throw new CorefileError(`unable to parse ignore value: '${args[0] ?? ''}'`);
          }
          config.ignoreEmptyService = true;
        }
        break;
      case 'noendpoints':
        if (args.length > 0) throw argError(option);
        config.noEndpoints = true;
        break;
      case 'labels':
      case 'namespace_labels': {
        if (args.length === 0) throw argError(option);
        const selector = args.join(' ');
        if (!parseLabelSelector(selector)) {
          const which = option.name === 'labels' ? 'label' : 'namespace_label';
          throw new CorefileError(`unable to parse ${which} selector value: '${selector}'`);
        }
        if (option.name === 'labels') config.labels = selector;
        else config.namespaceLabels = selector;
        break;
      }
      case 'endpoint':
      case 'startup_timeout':
        if (args.length === 0) throw argError(option);
        break;
      case 'tls':
        if (args.length !== 3) throw argError(option);
        break;
      case 'kubeconfig':
        if (args.length !== 1 && args.length !== 2) throw argError(option);
        break;
      case 'apiserver_qps':
      case 'apiserver_burst':
      case 'apiserver_max_inflight':
        if (args.length !== 1) throw argError(option);
        break;
      case 'zonal':
        if (args.length > 0) throw argError(option);
        config.zonal = true;
        break;
      case 'multicluster':
        notes(option.line, `kubernetes option '${option.name}' is not simulated`);
        break;
      default:
        throw parsingError(option.line, `unknown property '${option.name}'`);
    }
  }
  if (config.namespaceLabels !== undefined && config.namespaces.length > 0) {
    throw parsingError(d.endLine, 'namespaces and namespace_labels cannot both be set');
  }
  if (config.zonal && config.noEndpoints) {
    throw parsingError(d.endLine, 'zonal requires the endpoint cache; remove noendpoints');
  }
  return config;
}
