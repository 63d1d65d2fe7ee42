/**
 * What to do next after the anchor refused a call, per failure text (contracts/anchor/errors.ts,
 * SPEC.md §3). The texts come from the publish error (static checks) or embedded.anchor.getCallFailure
 * (receive-time checks); an unknown text gets no advice rather than a guess.
 */
import { AnchorErrors } from '../../contracts/anchor/errors.ts'

export interface AdviceContext {
  chainId: bigint
  /** How to name the withdrawal again on the command line, e.g. `--tx 0x…`. */
  withdrawalRef?: string
  /** When the challenge window ends, in words ("at momentum M, now N: about S s"). */
  finalizableWhen?: string
}

export function adviceFor(reason: string, ctx: AdviceContext): string {
  const ref = ctx.withdrawalRef ?? '--tx 0x…'
  const base = reason.split(':')[0]!
  switch (base) {
    case AnchorErrors.chainNotFound:
      return `No chain ${ctx.chainId} on this anchor: check --chain-id (default: the L2's eth_chainId) and --nom-rpc.`
    case AnchorErrors.windowNotPassed:
      return `Finalizable ${ctx.finalizableWhen ?? 'once the challenge window of the proving commitment has passed'}; run nomx bridge finalize ${ref} again then.`
    case AnchorErrors.commitmentFlagged:
      return `A commitment at or before the one you proved against is flagged; the guardians decide it. If it is ruled fraud, prove again against a newer commitment (nomx bridge status ${ref} shows which).`
    case AnchorErrors.provenCommitmentGone:
      return `The commitment you proved against was deleted (fraud verdict): prove again with nomx bridge prove ${ref}.`
    case AnchorErrors.notProven:
      return `Prove it first: nomx bridge prove ${ref}.`
    case AnchorErrors.notProvenByProver:
      return `Finalize with --prover z1… naming the account that proved it, or prove it from this account: nomx bridge prove ${ref}.`
    case AnchorErrors.alreadyFinalized:
      return `Nothing left to do: the anchor already paid this withdrawal (nomx bridge status ${ref}).`
    case AnchorErrors.alreadyProven:
      return `Already proven from this account: finalize once the challenge window has passed (nomx bridge finalize ${ref}).`
    case AnchorErrors.halted:
      return `Withdrawals of chain ${ctx.chainId} are halted by its guardians or administrator (deposits still work); try again after the unhalt.`
    case AnchorErrors.unhaltCooldown:
      return `Chain ${ctx.chainId} was unhalted recently; withdrawals resume after its unhalt cooldown. Try again in a few momentums.`
    case AnchorErrors.unsupportedOutputVersion:
    case AnchorErrors.outputRootMismatch:
    case AnchorErrors.invalidStorageProof:
    case AnchorErrors.notInMessagePasser:
    case AnchorErrors.commitmentNotFound:
      return `The proof does not fit the anchor's commitment: fetch a fresh one with nomx bridge prove ${ref}, from an L2 RPC of this chain (--l2-rpc).`
    case AnchorErrors.releaseExceedsDeposits:
      return `The anchor holds less of this token for chain ${ctx.chainId} than this payout; nothing was sent. Report it to the chain's operators.`
    case AnchorErrors.invalidTarget:
    case AnchorErrors.malformedTokenWithdrawal:
      return `The anchor can never pay this withdrawal (its target or data is not payable on NoM).`
    case AnchorErrors.invalidTokenOrAmount:
      return `Check --token and --amount.`
    default:
      return ''
  }
}
