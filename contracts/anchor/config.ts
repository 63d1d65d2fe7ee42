/** Anchor configuration, fixed per deployment (a go-zenon port would make these constants). */
import type { Address } from '../../nom/types.ts'
import { checkAddressBytes } from '../../nom/address.ts'
import { DEFAULT_ADMINISTRATOR_DELAY, DEFAULT_FAILURE_LOG_SIZE } from './constants.ts'

export interface AnchorOptions {
  /** Administrator until a ChangeAdministrator executes (may CreateChain, Halt, time-challenged changes). */
  administrator: Address
  /** Momentums a time-challenged change waits (executes when start + delay < now). Default 17,280 (48 h). */
  administratorDelay?: bigint
  /** Failed calls kept in memory for `embedded.anchor.getCallFailure`. Default 10,000. */
  failureLogSize?: number
}

export interface AnchorConfig {
  readonly administrator: Address
  readonly administratorDelay: bigint
  readonly failureLogSize: number
}

export class AnchorConfigError extends Error {
  override readonly name = 'AnchorConfigError'
}

export function resolveAnchorConfig(options: AnchorOptions): AnchorConfig {
  try {
    checkAddressBytes(options.administrator)
  } catch (e) {
    throw new AnchorConfigError(`administrator: ${(e as Error).message}`, { cause: e })
  }
  const administratorDelay = options.administratorDelay ?? DEFAULT_ADMINISTRATOR_DELAY
  if (administratorDelay < 0n) throw new AnchorConfigError('administratorDelay: must be ≥ 0')
  const failureLogSize = options.failureLogSize ?? DEFAULT_FAILURE_LOG_SIZE
  if (!Number.isInteger(failureLogSize) || failureLogSize < 0) throw new AnchorConfigError('failureLogSize: must be an integer ≥ 0')
  return Object.freeze({ administrator: Uint8Array.from(options.administrator), administratorDelay, failureLogSize })
}
