import { describe, expect, it } from 'vitest';
import { runFilters } from '../../../src/engine/shell/terminal/pipes';

const text = 'a KUBE-SVC-1\nb KUBE-SEP-2\nc kube-svc-3\n';

describe('runFilters', () => {
  it('greps with basic, extended, inverted and case-insensitive patterns', () => {
    expect(runFilters([['grep', 'KUBE-SVC']], text)).toEqual({
      type: 'ok',
      text: 'a KUBE-SVC-1\n',
    });
    expect(runFilters([['grep', '-i', 'kube-svc']], text)).toEqual({
      type: 'ok',
      text: 'a KUBE-SVC-1\nc kube-svc-3\n',
    });
    expect(runFilters([['grep', '-E', 'SVC|SEP']], text)).toMatchObject({
      text: 'a KUBE-SVC-1\nb KUBE-SEP-2\n',
    });
    expect(runFilters([['grep', 'SVC\\|SEP']], text)).toMatchObject({
      text: 'a KUBE-SVC-1\nb KUBE-SEP-2\n',
    });
    expect(runFilters([['grep', '-vc', 'SVC']], text)).toMatchObject({ text: '2\n' });
  });

  it('chains head, tail, sort and wc -l', () => {
    expect(
      runFilters(
        [
          ['sort', '-r'],
          ['head', '-n', '2'],
          ['tail', '-1'],
        ],
        text,
      ),
    ).toEqual({
      type: 'ok',
      text: 'b KUBE-SEP-2\n',
    });
    expect(runFilters([['wc', '-l']], text)).toEqual({ type: 'ok', text: '3\n' });
  });

  it('answers an unknown filter as the shell would', () => {
    expect(runFilters([['awk', '{print $1}']], text)).toEqual({
      type: 'error',
      message: 'awk: command not found',
    });
  });
});
