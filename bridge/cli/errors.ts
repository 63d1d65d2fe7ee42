/**
 * What `nomx bridge …` can fail with, split by what the user does next: fix the command or the
 * account (exit 1), or retry when the network answers (exit 2). Every message ends with that next step.
 */

/** The command, a key, an amount or the account's state is not usable: exit code 1. */
export class BridgeUserError extends Error {
  override readonly name: string = 'BridgeUserError'
  readonly exitCode: number = 1
}

/** A node could not be reached, or a wait ran out of time: exit code 2. */
export class BridgeNetworkError extends Error {
  override readonly name: string = 'BridgeNetworkError'
  readonly exitCode: number = 2
}

/** An anchor call was refused (at publish or at its receive); `reason` is the anchor's text. */
export class AnchorCallError extends BridgeUserError {
  override readonly name: string = 'AnchorCallError'
  readonly method: string
  readonly reason: string
  constructor(method: string, reason: string, advice: string) {
    super(`the anchor refused ${method}: ${reason}${advice === '' ? '' : `\n${advice}`}`)
    this.method = method
    this.reason = reason
  }
}
