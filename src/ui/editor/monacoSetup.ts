/**
 * Monaco with YAML language features, set up once. The fixes for Monaco under Vite are the ones
 * of ../shared/STACK.md: the slim entry, workers through `MonacoEnvironment.getWorker`, and a
 * wrapper around `createWebWorker` for monaco-yaml 5.5, which still calls it without `worker`
 * (monaco-editor >= 0.55 then fails to create the YAML worker and runs it on the main thread).
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import YamlWorker from 'monaco-yaml/yaml.worker.js?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import { kubernetesSchemas } from './schema';

export { monaco };

function getWorker(_moduleId: string, label: string): Worker {
  return label === 'yaml' ? new YamlWorker() : new EditorWorker();
}

window.MonacoEnvironment = { getWorker };

/** The options monaco-yaml (through monaco-worker-manager) passes: the pre-0.55 form. */
interface LegacyWorkerOptions {
  moduleId: string;
  label?: string;
  createData?: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}

type CreateWebWorker = typeof monaco.editor.createWebWorker;

/**
 * Gives a legacy `createWebWorker` call the worker it lacks: the worker for its label, told its
 * `createData` the way monaco-worker-manager's worker expects it (a first message that starts it,
 * then the data).
 */
function withWorker(create: CreateWebWorker): CreateWebWorker {
  return (options) => {
    if ('worker' in options && options.worker) return create(options);
    const legacy = options as unknown as LegacyWorkerOptions;
    const worker = getWorker(legacy.moduleId, legacy.label ?? legacy.moduleId);
    worker.postMessage('ignore');
    worker.postMessage(legacy.createData);
    return create({
      worker,
      ...(legacy.host ? { host: legacy.host } : {}),
      ...(legacy.keepIdleModels ? { keepIdleModels: legacy.keepIdleModels } : {}),
    });
  };
}

configureMonacoYaml(
  {
    ...monaco,
    editor: { ...monaco.editor, createWebWorker: withWorker(monaco.editor.createWebWorker) },
  },
  {
    enableSchemaRequest: false,
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemas: kubernetesSchemas,
  },
);
