import { describe, expect, it } from 'vitest';
import {
  appendDocument,
  editDocument,
  removeDocument,
  setInDocument,
  splitDocuments,
} from '../../../src/state/edits/yamlText';

const deployment = `# my app
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web # the name
spec:
  replicas: 3 # three of them
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
        ports:
        - containerPort: 80
`;

describe('splitDocuments', () => {
  it('splits on --- lines, not on --- inside a line', () => {
    const text = 'a: 1\n---\nb: "---"\n--- # next\nc: 3\n';
    const docs = splitDocuments(text).map((s) => text.slice(s.start, s.end));
    expect(docs).toEqual(['a: 1\n', 'b: "---"\n', 'c: 3\n']);
  });
});

describe('setInDocument', () => {
  it('changes a scalar in place and keeps its comment and every other line', () => {
    const out = setInDocument(deployment, ['spec', 'replicas'], 5);
    expect(out).toBe(deployment.replace('replicas: 3 #', 'replicas: 5 #'));
  });

  it('adds a missing field at the end of its mapping, at the mapping indentation', () => {
    const out = setInDocument(deployment, ['metadata', 'annotations'], { note: 'x' });
    expect(out).toContain('  name: web # the name\n  annotations:\n    note: x\nspec:');
  });

  it('adds missing parents', () => {
    const out = setInDocument(
      'kind: Node\nmetadata:\n  name: n1\n',
      ['spec', 'unschedulable'],
      true,
    );
    expect(out).toBe('kind: Node\nmetadata:\n  name: n1\nspec:\n  unschedulable: true\n');
  });

  it('replaces a block value and removes a field', () => {
    const text =
      'kind: Pod\nstatus:\n  conditions:\n  - type: Ready\n    status: "True"\n  phase: Running\n';
    const replaced = setInDocument(
      text,
      ['status', 'conditions'],
      [{ type: 'Ready', status: 'False' }],
    );
    expect(replaced).toBe(
      'kind: Pod\nstatus:\n  conditions:\n  - type: Ready\n    status: "False"\n  phase: Running\n',
    );
    expect(setInDocument(text, ['status', 'phase'], undefined)).toBe(
      'kind: Pod\nstatus:\n  conditions:\n  - type: Ready\n    status: "True"\n',
    );
  });

  it('edits inside a sequence item', () => {
    const out = setInDocument(
      deployment,
      ['spec', 'template', 'spec', 'containers', 0, 'image'],
      'nginx:1.27',
    );
    expect(out).toBe(deployment.replace('image: nginx\n', 'image: nginx:1.27\n'));
  });

  it('quotes strings that would read back as something else', () => {
    const out = setInDocument('kind: Pod\n', ['metadata', 'labels'], { a: 'true', b: '<b>x</b>' });
    expect(out).toBe('kind: Pod\nmetadata:\n  labels:\n    a: "true"\n    b: <b>x</b>\n');
  });

  it('writes the document out again when its layout is flow style', () => {
    const out = setInDocument(
      '# keep\nkind: Deployment\nspec: {replicas: 1}\n',
      ['spec', 'replicas'],
      2,
    );
    expect(out).toBe('# keep\nkind: Deployment\nspec:\n  replicas: 2\n');
  });
});

describe('documents', () => {
  const text = 'a: 1\n---\nb: 2\n---\nc: 3\n';

  it('edits one document of many', () => {
    expect(editDocument(text, 1, (doc) => setInDocument(doc, ['b'], 5))).toBe(
      'a: 1\n---\nb: 5\n---\nc: 3\n',
    );
  });

  it('appends and removes documents', () => {
    expect(appendDocument(text, { d: 4 }, 'added')).toBe(`${text}---\n# added\nd: 4\n`);
    expect(removeDocument(text, 1)).toBe('a: 1\n---\nc: 3\n');
    expect(removeDocument(text, 0)).toBe('b: 2\n---\nc: 3\n');
  });
});
