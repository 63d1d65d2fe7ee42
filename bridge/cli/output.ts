/**
 * Where a command writes: results to stdout (one fact per line, so scripts can read them),
 * progress while waiting to stderr, so `> file` keeps only the results.
 */
export interface Output {
  result(line: string): void
  progress(line: string): void
}

export function processOutput(): Output {
  return {
    result: (line) => process.stdout.write(`${line}\n`),
    progress: (line) => process.stderr.write(`… ${line}\n`),
  }
}
