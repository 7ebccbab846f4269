import { describe, expect, it } from 'vitest';
import { objectAt, objectRange, type ObjectStart } from './objectRange';

const text = `# header
apiVersion: v1
kind: Pod
metadata:
  name: a

---
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata:
      name: s
  # trailing comment
  - apiVersion: v1
    kind: Pod
`.split('\n');

const starts: ObjectStart[] = [
  { kind: 'pod', key: 'default/a', line: 2, column: 1 },
  { kind: 'service', key: 'default/s', line: 10, column: 5 },
  { kind: 'pod', key: 'default/b', line: 15, column: 5 },
];

describe('objectRange', () => {
  it('runs a document object to the next marker, without trailing blank lines', () => {
    expect(objectRange(text, 2, 1)).toEqual({
      startLine: 2,
      startColumn: 1,
      endLine: 5,
      endColumn: 10,
    });
  });

  it('runs a List item while lines are indented under its first key', () => {
    expect(objectRange(text, 10, 5)).toMatchObject({ endLine: 13 });
  });
});

describe('objectAt', () => {
  it('finds the object holding a line, and none between objects', () => {
    expect(objectAt(text, starts, 4)?.key).toBe('default/a');
    expect(objectAt(text, starts, 12)?.key).toBe('default/s');
    expect(objectAt(text, starts, 16)?.key).toBe('default/b');
    expect(objectAt(text, starts, 8)).toBeUndefined();
    expect(objectAt(text, starts, 1)).toBeUndefined();
  });
});
