/**
 * Turns one anchor method definition into an EmbeddedMethod: decode (strict), the static checks at
 * publish time (validateSend), then the stateful run at receive time over a read-your-writes view.
 */
import type { AccountBlock, Momentum } from '../../../nom/types.ts'
import type { EmbeddedMethod, ExecutionContext } from '../../../nom/devnet/embedded/types.ts'
import { bytesEqual } from '../../../nom/hash.ts'
import { ZNN_ZTS } from '../../../nom/constants.ts'
import type { CallCodec } from '../abi.ts'
import type { AnchorConfig } from '../config.ts'
import { AnchorErrors, fail } from '../errors.ts'
import { createOverlayStorage } from '../overlayStorage.ts'
import { AnchorWriter } from '../state.ts'

/** What a call may carry: nothing, any token (amount > 0), ZNN (amount > 0), or ZNN or nothing. */
export type Funds = 'none' | 'any' | 'znn' | 'znnOrNone'

export interface Call<T> {
  args: T
  send: AccountBlock
  /** the momentum that confirmed the send ("now") */
  now: Momentum
  state: AnchorWriter
  exec: ExecutionContext
  config: AnchorConfig
}

export interface MethodDefinition<T> {
  abi: CallCodec<T>
  plasma: bigint
  plasmaFor?(data: Uint8Array): bigint
  funds: Funds
  /** Checks that need nothing but the send (run at publish time and again at receive time). */
  check?(args: T, send: AccountBlock): void
  run(call: Call<T>): Promise<void>
}

function checkFunds(funds: Funds, send: AccountBlock): void {
  const ok =
    funds === 'none'
      ? send.amount === 0n
      : funds === 'any'
        ? send.amount > 0n
        : funds === 'znnOrNone'
          ? send.amount === 0n || bytesEqual(send.tokenStandard, ZNN_ZTS)
          : send.amount > 0n && bytesEqual(send.tokenStandard, ZNN_ZTS)
  if (!ok) fail(AnchorErrors.invalidTokenOrAmount)
}

export function defineMethod<T>(def: MethodDefinition<T>, config: AnchorConfig): EmbeddedMethod {
  const validate = (send: AccountBlock): T => {
    const args = def.abi.decode(send.data)
    checkFunds(def.funds, send)
    def.check?.(args, send)
    return args
  }
  const method: EmbeddedMethod = {
    signature: def.abi.signature,
    plasma: def.plasma,
    validateSend(send) {
      validate(send)
    },
    async execute(exec, send) {
      const args = validate(send)
      const state = new AnchorWriter(createOverlayStorage(exec.storage), config.administrator)
      await def.run({ args, send, now: exec.momentum, state, exec, config })
    },
  }
  if (def.plasmaFor !== undefined) method.plasmaFor = def.plasmaFor
  return method
}
