/**
 * The verifier's alerts: conditions an operator must look at (no commitment for too long, frames a
 * commitment points at that the verifier cannot read, NoM unreachable). Each is raised once with a
 * warn log line and stays in `list()` until its condition is gone (then an info line).
 */
import type { NodeLogger } from '../../node/log.ts'

export type AlertKind = 'noCommitment' | 'framesMissing' | 'nomUnreachable'

export interface Alert {
  kind: AlertKind
  /** What it is about (a commitment index, the chain…); one alert per kind and key. */
  key: string
  message: string
  /** Unix ms when raised. */
  since: number
}

export interface Alerts {
  raise(kind: AlertKind, key: string, message: string): void
  clear(kind: AlertKind, key?: string): void
  /** Clears the alerts of `kind` whose key is not in `keys`. */
  keepOnly(kind: AlertKind, keys: ReadonlySet<string>): void
  list(): Alert[]
}

export function createAlerts(log: NodeLogger, now: () => number = Date.now): Alerts {
  const active = new Map<string, Alert>()
  const id = (kind: AlertKind, key: string) => `${kind}:${key}`
  const drop = (alert: Alert) => {
    active.delete(id(alert.kind, alert.key))
    log({ level: 'info', module: 'verifier', msg: 'alert cleared', alert: alert.kind, key: alert.key })
  }
  return {
    raise(kind, key, message) {
      const existing = active.get(id(kind, key))
      if (existing !== undefined) {
        existing.message = message
        return
      }
      active.set(id(kind, key), { kind, key, message, since: now() })
      log({ level: 'warn', module: 'verifier', msg: 'alert', alert: kind, key, detail: message })
    },
    clear(kind, key) {
      for (const alert of [...active.values()]) if (alert.kind === kind && (key === undefined || alert.key === key)) drop(alert)
    },
    keepOnly(kind, keys) {
      for (const alert of [...active.values()]) if (alert.kind === kind && !keys.has(alert.key)) drop(alert)
    },
    list: () => [...active.values()].map((a) => ({ ...a })),
  }
}
