/** What a kubectl command prints: standard output, standard error and the exit code. */
export interface CommandOutput {
  /**
   * The API server's warnings, which kubectl writes to stderr as the response arrives, before
   * the output (`Warning: ...` lines); the rest of `stderr` comes after it.
   */
  warnings?: string | undefined;
  stdout: string;
  stderr: string;
  exitCode: number;
}
