/** Structured log lines at the node's boundaries (block sealed, tx dropped, node started/stopped). */
export interface LogEvent {
  level: 'info' | 'warn' | 'error'
  module: string
  msg: string
  [field: string]: string | number | boolean | undefined
}

export type NodeLogger = (event: LogEvent) => void

/** JSON lines on stderr. */
export const stderrLogger: NodeLogger = (event) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`)
}

export const silentLogger: NodeLogger = () => {}
