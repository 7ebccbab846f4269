import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../src/engine/shell/terminal/words';

describe('parseCommandLine', () => {
  it('splits words and keeps quoted spaces', () => {
    expect(parseCommandLine(`kubectl label pod web 'a=b c' "x=\\"y\\""`)).toEqual({
      type: 'ok',
      pipeline: [['kubectl', 'label', 'pod', 'web', 'a=b c', 'x="y"']],
    });
  });

  it('splits a pipeline at |', () => {
    expect(parseCommandLine('iptables-save | grep KUBE-SVC | head -n 2')).toEqual({
      type: 'ok',
      pipeline: [['iptables-save'], ['grep', 'KUBE-SVC'], ['head', '-n', '2']],
    });
  });

  it('reads a here-doc body up to its delimiter', () => {
    const parsed = parseCommandLine("kubectl apply -f - <<'EOF'\nkind: Service\n  x: $y\nEOF");
    expect(parsed).toEqual({
      type: 'ok',
      pipeline: [['kubectl', 'apply', '-f', '-']],
      heredoc: 'kind: Service\n  x: $y\n',
    });
  });

  it('strips leading tabs with <<-', () => {
    expect(parseCommandLine('cat <<-END\n\tline\n\tEND')).toMatchObject({ heredoc: 'line\n' });
  });

  it('is incomplete while a here-doc, a quote or a pipe is open', () => {
    expect(parseCommandLine('kubectl apply -f - <<EOF\nkind: Service')).toEqual({
      type: 'incomplete',
    });
    expect(parseCommandLine("echo 'open")).toEqual({ type: 'incomplete' });
    expect(parseCommandLine('iptables-save |')).toEqual({ type: 'incomplete' });
    expect(parseCommandLine('kubectl get \\')).toEqual({ type: 'incomplete' });
  });

  it('ignores comments and reports a pipe with no command before it', () => {
    expect(parseCommandLine('  # just a note')).toEqual({ type: 'ok', pipeline: [] });
    expect(parseCommandLine('| grep x')).toEqual({
      type: 'error',
      message: "syntax error near unexpected token `|'",
    });
  });
});
