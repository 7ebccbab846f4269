/** What a kubectl command prints: standard output, standard error and the exit code. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}
