/**
 * Command-line flags of one `nomx bridge` subcommand: `--name value`, `--name=value` and boolean
 * `--name`. Anything not declared is refused, so a typo never silently becomes a default.
 */
import { BridgeUserError } from './errors.ts'

export interface FlagSpec {
  /** Flags that take a value. */
  values: readonly string[]
  /** Flags that take none. */
  booleans?: readonly string[]
}

export interface Flags {
  get(name: string): string | undefined
  has(name: string): boolean
}

export function parseFlags(command: string, args: readonly string[], spec: FlagSpec): Flags {
  const values = new Map<string, string>()
  const booleans = new Set<string>()
  const takesValue = new Set(spec.values)
  const isBoolean = new Set(spec.booleans ?? [])
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (!arg.startsWith('--')) throw new BridgeUserError(`unexpected argument ${JSON.stringify(arg)}: see nomx bridge ${command} --help`)
    const eq = arg.indexOf('=')
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq)
    if (isBoolean.has(name)) {
      if (eq !== -1) throw new BridgeUserError(`--${name} takes no value: see nomx bridge ${command} --help`)
      booleans.add(name)
      continue
    }
    if (!takesValue.has(name)) throw new BridgeUserError(`unknown option --${name}: see nomx bridge ${command} --help`)
    let value: string | undefined
    if (eq !== -1) value = arg.slice(eq + 1)
    else {
      value = args[i + 1]
      i++
    }
    if (value === undefined || value === '') throw new BridgeUserError(`--${name} needs a value: see nomx bridge ${command} --help`)
    if (values.has(name)) throw new BridgeUserError(`--${name} given twice`)
    values.set(name, value)
  }
  return {
    get: (name) => values.get(name),
    has: (name) => booleans.has(name) || values.has(name),
  }
}

/** The flag's value, or a user error naming it. */
export function requireFlag(command: string, flags: Flags, name: string, what: string): string {
  const value = flags.get(name)
  if (value === undefined) throw new BridgeUserError(`--${name} is required (${what}): see nomx bridge ${command} --help`)
  return value
}

/** A non-negative integer flag. */
export function integerFlag(flags: Flags, name: string): bigint | undefined {
  const value = flags.get(name)
  if (value === undefined) return undefined
  if (!/^(0|[1-9][0-9]*)$/.test(value)) throw new BridgeUserError(`--${name} must be a non-negative integer, got ${JSON.stringify(value)}`)
  return BigInt(value)
}
