/**
 * The kubectl commands that change the cluster: scale, delete, label and apply -f -. Each checks
 * its arguments against the simulated cluster, prints kubectl's errors, and answers with an
 * edit of the YAML text and the line kubectl prints once it is done
 * (k8s.io/kubectl/pkg/cmd/{scale,delete,label,apply}).
 */
import { isValidLabelValue } from '../../admission/names';
import { simulate } from '../../index';
import { parseDocumentsAside } from '../../parse';
import { findResourceType, toKindPrefix, toResourceName } from '../../kubectl/resources';
import type { Simulation } from '../../model';
import { reportApply } from '../commands/apply';
import { fileAt, joinInputFiles } from '../inputFiles';
import { syntaxErrorText } from '../runCommand';
import type { KubectlRun } from './kubectl';
import { findClusterObject, notFound, type ObjectKind } from './objects';
import type { Output } from './output';
import type { AppliedObject, ShellObjectRef } from './types';

interface EditInput {
  simulation: Simulation;
  out: Output;
  namespace: string;
  positionals: string[];
}

interface Target {
  kind: ObjectKind;
  plural: string;
  namespaced: boolean;
  name: string;
}

/** `TYPE NAME...` or `TYPE/NAME...`, as kubectl's resource builder reads them. */
function targetsOf(positionals: readonly string[], out: Output, sub: string): Target[] | undefined {
  const [first] = positionals;
  if (first === undefined) {
    out.stderr(
      `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n`,
    );
    return undefined;
  }
  const pairs: [string, string][] = first.includes('/')
    ? positionals.map((p) => [p.slice(0, p.indexOf('/')), p.slice(p.indexOf('/') + 1)])
    : positionals.slice(1).map((name) => [first, name]);
  if (pairs.length === 0) {
    out.stderr(
      `error: resource(s) were provided, but no name was specified\nSee 'kubectl ${sub} --help' for usage.\n`,
    );
    return undefined;
  }
  const targets: Target[] = [];
  for (const [typeName, name] of pairs) {
    const type = findResourceType(typeName);
    if (!type) {
      out.stderr(`error: the server doesn't have a resource type "${typeName}"\n`);
      return undefined;
    }
    targets.push({ kind: type.kind, plural: type.plural, namespaced: type.namespaced, name });
  }
  return targets;
}

function refOf(target: Target, namespace: string): ShellObjectRef {
  return {
    kind: target.kind,
    ...(target.namespaced ? { namespace } : {}),
    name: target.name,
  };
}

export function scaleObject(input: EditInput & { replicas: string | undefined }): KubectlRun {
  const { out } = input;
  if (input.replicas === undefined) {
    out.stderr('error: required flag(s) "replicas" not set\n');
    return { exitCode: 1 };
  }
  const replicas = Number(input.replicas);
  if (!/^-?\d+$/.test(input.replicas)) {
    out.stderr(
      `error: invalid argument "${input.replicas}" for "--replicas" flag: strconv.ParseInt: parsing "${input.replicas}": invalid syntax\nSee 'kubectl scale --help' for usage.\n`,
    );
    return { exitCode: 1 };
  }
  if (replicas < 0) {
    out.stderr(
      'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n',
    );
    return { exitCode: 1 };
  }
  const targets = targetsOf(input.positionals, out, 'scale');
  const [target] = targets ?? [];
  if (!target) return { exitCode: 1 };
  if (target.kind !== 'Deployment' && target.kind !== 'ReplicaSet') {
    out.stderr(
      `error: ${target.plural} cannot be scaled here: only deployments and replicasets are modelled\n`,
    );
    return { exitCode: 1 };
  }
  if (!findClusterObject(input.simulation.cluster, target.kind, input.namespace, target.name)) {
    out.stderr(notFound(target.kind, target.plural, target.name));
    return { exitCode: 1 };
  }
  return {
    exitCode: 0,
    edit: {
      type: 'scale',
      target: refOf(target, input.namespace),
      replicas,
      message: `${toResourceName(target.kind, target.name)} scaled\n`,
    },
  };
}

export function deleteObjects(input: EditInput): KubectlRun {
  const { out } = input;
  const targets = targetsOf(input.positionals, out, 'delete');
  if (!targets) return { exitCode: 1 };
  const found: { ref: ShellObjectRef; message: string }[] = [];
  let exitCode = 0;
  for (const target of targets) {
    const namespace = target.namespaced ? input.namespace : undefined;
    if (target.kind === 'Namespace') {
      out.stderr(`error: deleting a namespace (and everything in it) is not modelled here\n`);
      exitCode = 1;
    } else if (!findClusterObject(input.simulation.cluster, target.kind, namespace, target.name)) {
      out.stderr(notFound(target.kind, target.plural, target.name));
      exitCode = 1;
    } else {
      found.push({
        ref: refOf(target, input.namespace),
        message: `${toKindPrefix(target.kind)} "${target.name}" deleted\n`,
      });
    }
  }
  return found.length === 0 ? { exitCode } : { exitCode, edit: { type: 'delete', targets: found } };
}

/** parseLabels (label.go): `key=value` sets, `key-` removes. */
function parseLabelSpecs(
  specs: readonly string[],
): { set: Record<string, string>; remove: string[] } | string {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) return `invalid label spec: ${spec}`;
      const [key = '', value = ''] = parts;
      const errors = isValidLabelValue(value);
      if (errors.length > 0) return `invalid label value: "${spec}": ${errors.join(';')}`;
      set[key] = value;
    } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
    else return `unknown label spec: ${spec}`;
  }
  if (remove.some((key) => key in set))
    return 'can not both modify and remove a label in the same command';
  return { set, remove };
}

/** updateDataChangeMsg (label.go). */
function changeMessage(before: Record<string, string>, after: Record<string, string>): string {
  const unlabeled = Object.keys(before).some((k) => !(k in after));
  const labeled =
    Object.keys(before).some((k) => k in after && after[k] !== before[k]) ||
    Object.keys(after).some((k) => !(k in before));
  if (labeled && unlabeled) return 'label(s) changed';
  return labeled ? 'labeled' : unlabeled ? 'unlabeled' : 'not labeled';
}

export function labelObject(input: EditInput & { overwrite: boolean }): KubectlRun {
  const { out, positionals } = input;
  const resources = positionals.filter((p) => !p.includes('=') && !p.endsWith('-'));
  const specs = positionals.filter((p) => p.includes('=') || p.endsWith('-'));
  const targets = targetsOf(resources, out, 'label');
  const [target] = targets ?? [];
  if (!target) return { exitCode: 1 };
  const parsed = parseLabelSpecs(specs);
  if (typeof parsed === 'string') {
    out.stderr(`error: ${parsed}\n`);
    return { exitCode: 1 };
  }
  if (Object.keys(parsed.set).length === 0 && parsed.remove.length === 0) {
    out.stderr('error: at least one label update is required\n');
    return { exitCode: 1 };
  }
  const namespace = target.namespaced ? input.namespace : undefined;
  const object = findClusterObject(input.simulation.cluster, target.kind, namespace, target.name);
  if (!object) {
    out.stderr(notFound(target.kind, target.plural, target.name));
    return { exitCode: 1 };
  }
  const before = object.metadata?.labels ?? {};
  for (const key of parsed.remove) if (!(key in before)) out.stdout(`label "${key}" not found.\n`);
  if (!input.overwrite) {
    const clashes = Object.entries(parsed.set).filter(([k, v]) => k in before && before[k] !== v);
    if (clashes.length > 0) {
      const messages = clashes.map(
        ([k]) => `'${k}' already has a value (${before[k] ?? ''}), and --overwrite is false`,
      );
      out.stderr(
        `error: ${messages.length === 1 ? (messages[0] ?? '') : `[${messages.join(', ')}]`}\n`,
      );
      return { exitCode: 1 };
    }
  }
  const after = Object.fromEntries(
    Object.entries({ ...before, ...parsed.set }).filter(([key]) => !parsed.remove.includes(key)),
  );
  return {
    exitCode: 0,
    edit: {
      type: 'label',
      target: refOf(target, input.namespace),
      labels: after,
      message: `${toResourceName(target.kind, target.name)} ${changeMessage(before, after)}\n`,
    },
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The objects as pasted: each document, and each item of a `kind: List`. */
function pastedObjects(text: string): Record<string, unknown>[] {
  return parseDocumentsAside(text).flatMap((doc) => {
    const value = doc.value;
    if (!isRecord(value)) return [];
    if (value.kind === 'List' && Array.isArray(value.items)) return value.items.filter(isRecord);
    return [value];
  });
}

const appliedKinds = new Set<string>([
  'Pod',
  'Service',
  'Endpoints',
  'EndpointSlice',
  'Node',
  'Deployment',
  'ReplicaSet',
  'Namespace',
  'ConfigMap',
]);

/** `kubectl apply -f -`: the pasted objects, checked as the API server checks them. */
export function applyFromStdin(input: EditInput & { stdin: string }): KubectlRun {
  const { out, stdin } = input;
  const { files } = joinInputFiles([{ name: 'STDIN', text: stdin }]);
  const pasted = simulate(stdin, { file: 'STDIN' });
  const syntaxErrors = pasted.diagnostics.filter((d) => d.source === 'yaml');
  if (syntaxErrors.length > 0) {
    for (const d of syntaxErrors)
      out.stderr(`${syntaxErrorText(d, (line) => fileAt(files, line))}\n`);
    return { exitCode: 1 };
  }
  const manifests = new Map<string, Record<string, unknown>>();
  for (const object of pastedObjects(stdin)) {
    const meta = object.metadata as { name?: unknown; namespace?: unknown } | undefined;
    manifests.set(
      `${String(object.kind)}/${typeof meta?.namespace === 'string' ? meta.namespace : ''}/${String(meta?.name ?? '')}`,
      object,
    );
  }
  const objects: AppliedObject[] = [];
  const exitCode = reportApply(pasted, () => 'STDIN', {
    warning: out.stderr,
    error: out.stderr,
    applied: (result) => {
      const manifest =
        manifests.get(`${result.kind}/${result.namespace ?? ''}/${result.name}`) ??
        manifests.get(`${result.kind}//${result.name}`);
      if (!manifest || !appliedKinds.has(result.kind)) return;
      const namespace = result.namespace ?? input.namespace;
      const exists = findClusterObject(
        input.simulation.cluster,
        result.kind as ObjectKind,
        findResourceType(result.kind)?.namespaced ? namespace : undefined,
        result.name,
      );
      objects.push({
        ref: {
          kind: result.kind,
          ...(findResourceType(result.kind)?.namespaced ? { namespace } : {}),
          name: result.name,
        },
        resourceName: toResourceName(result.kind, result.name),
        outcome: exists ? 'configured' : 'created',
        manifest,
      });
    },
  });
  return objects.length === 0 ? { exitCode } : { exitCode, edit: { type: 'apply', objects } };
}
