/**
 * Applies a terminal command's edit to the YAML text with the store's edit helpers
 * (state/edits), so that the text stays the one source of truth: `kubectl scale` sets
 * spec.replicas, `kubectl delete pod` marks a controller's pod Terminating (as the what-if does),
 * `kubectl label` writes metadata.labels, `kubectl apply -f -` replaces or appends documents.
 * Returns the new text and what kubectl prints, or why the text cannot hold the change.
 */
import { findObject, removeObject, setField } from '../../state/edits/objects';
import { findPod, findPodOwner, podManifest } from '../../state/edits/pods';
import { deletePod, scale } from '../../state/edits/whatIf';
import { appendDocument, type Json } from '../../state/edits/yamlText';
import type { PodSummary } from '../../worker/protocol';
import type { ShellEdit, ShellObjectRef } from '../../worker/queries/shell';

export type EditApplied =
  { ok: true; text: string; stdout: string; stderr: string } | { ok: false; stderr: string };

const builtIn = (ref: ShellObjectRef) =>
  `error: ${ref.kind.toLowerCase()} "${ref.name}" is built into the playground's cluster, not written in the YAML: the terminal cannot change it\n`;

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

const podKey = (ref: ShellObjectRef) => `${ref.namespace ?? 'default'}/${ref.name}`;

function labelPod(
  text: string,
  pod: PodSummary,
  labels: Record<string, string>,
): string | undefined {
  const written = findPod(text, pod);
  if (written) return setField(text, written, ['metadata', 'labels'], labels);
  const owner = findPodOwner(text, pod);
  if (!owner) return undefined;
  const manifest = podManifest({ ...pod, labels }, owner.object, {});
  return appendDocument(
    text,
    manifest,
    `kubectl label pod ${pod.name} (written out from its owner's template)`,
  );
}

export function applyShellEdit(
  text: string,
  edit: ShellEdit,
  pods: readonly PodSummary[],
): EditApplied {
  switch (edit.type) {
    case 'scale': {
      const found = findObject(text, edit.target);
      if (!found) return { ok: false, stderr: builtIn(edit.target) };
      const outcome = scale(text, found, edit.replicas);
      return outcome.ok
        ? { ok: true, text: outcome.text, stdout: edit.message, stderr: '' }
        : { ok: false, stderr: `error: ${outcome.message}\n` };
    }
    case 'delete': {
      let out = text;
      let stdout = '';
      let stderr = '';
      for (const { ref, message } of edit.targets) {
        const pod = ref.kind === 'Pod' ? pods.find((p) => p.key === podKey(ref)) : undefined;
        if (pod) {
          const outcome = deletePod(out, pod);
          if (outcome.ok) {
            out = outcome.text;
            stdout += message;
          } else stderr += `error: ${outcome.message}\n`;
          continue;
        }
        const found = findObject(out, ref);
        if (!found) {
          stderr += builtIn(ref);
          continue;
        }
        out = removeObject(out, found);
        stdout += message;
      }
      return stdout === '' ? { ok: false, stderr } : { ok: true, text: out, stdout, stderr };
    }
    case 'label': {
      const pod =
        edit.target.kind === 'Pod' ? pods.find((p) => p.key === podKey(edit.target)) : undefined;
      const found = pod ? undefined : findObject(text, edit.target);
      const out = pod
        ? labelPod(text, pod, edit.labels)
        : found && setField(text, found, ['metadata', 'labels'], edit.labels);
      return out === undefined
        ? { ok: false, stderr: builtIn(edit.target) }
        : { ok: true, text: out, stdout: edit.message, stderr: '' };
    }
    case 'apply': {
      let out = text;
      let stdout = '';
      for (const object of edit.objects) {
        const found = findObject(out, object.ref);
        const manifest = object.manifest as Json;
        if (found && deepEqual(found.object, object.manifest)) {
          stdout += `${object.resourceName} unchanged\n`;
        } else if (found) {
          out = setField(out, found, [], manifest);
          stdout += `${object.resourceName} configured\n`;
        } else {
          out = appendDocument(out, manifest);
          stdout += `${object.resourceName} ${object.outcome}\n`;
        }
      }
      return { ok: true, text: out, stdout, stderr: '' };
    }
  }
}
