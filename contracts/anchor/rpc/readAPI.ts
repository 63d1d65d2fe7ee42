/** The anchor's read API, served by the devnet as `embedded.anchor.<name>` (params and results are JSON). */
import type { ReadContext } from '../../../nom/devnet/embedded/types.ts'
import { formatAddress } from '../../../nom/address.ts'
import { toHex } from '../../../nom/hash.ts'
import { formatTokenStandard } from '../../../nom/tokenStandard.ts'
import type { AnchorConfig } from '../config.ts'
import { MIN_GUARDIANS } from '../constants.ts'
import type { FailureLog } from '../failureLog.ts'
import { finalizableAt } from '../guards.ts'
import { AnchorReader } from '../state.ts'
import { HaltAction } from '../storageKeys.ts'
import { chainToJSON, commitmentToJSON, depositToJSON, frameToJSON, timeChallengeToJSON } from './json.ts'
import { addressParam, hashParam, pageParams, uintParam } from './params.ts'

type Handler = (ctx: ReadContext, params: unknown[]) => Promise<unknown>

/** Items `first .. last` (inclusive, 1-based) split in pages, ascending. */
function pageRange(count: bigint, pageIndex: bigint, pageSize: bigint): { from: bigint; to: bigint; more: boolean } {
  const from = pageIndex * pageSize + 1n
  const to = from + pageSize - 1n < count ? from + pageSize - 1n : count
  return { from, to, more: to < count }
}

export function createReadAPI(config: AnchorConfig, failures: FailureLog): Record<string, Handler> {
  const reader = (ctx: ReadContext) => new AnchorReader(ctx.storage, config.administrator)

  const getChain: Handler = async (ctx, params) => {
    const state = reader(ctx)
    const chain = await state.chain(uintParam(params, 0, 'chainId'))
    if (chain === undefined) return null
    return chainToJSON(chain, {
      proposerBondBalance: await state.bond(chain.chainId, chain.proposer),
      lowestFlaggedIndex: await state.lowestFlaggedIndex(chain.chainId),
      assets: await state.assets(chain.chainId),
    })
  }

  const getChains: Handler = async (ctx) => {
    const chains = await reader(ctx).chains()
    return { count: chains.length, list: chains.map((c) => Number(c.chainId)) }
  }

  const getCommitment: Handler = async (ctx, params) => {
    const state = reader(ctx)
    const chain = await state.chain(uintParam(params, 0, 'chainId'))
    if (chain === undefined) return null
    const index = uintParam(params, 1, 'index')
    const c = await state.commitment(chain.chainId, index)
    if (c === undefined) return null
    const now = await ctx.ledger.frontierMomentum()
    return commitmentToJSON(chain, index, c, await state.flag(chain.chainId, index), await state.lowestFlaggedIndex(chain.chainId), now)
  }

  const getCommitments: Handler = async (ctx, params) => {
    const state = reader(ctx)
    const chain = await state.chain(uintParam(params, 0, 'chainId'))
    const { pageIndex, pageSize } = pageParams(params, 1)
    if (chain === undefined) return { count: 0, list: [], more: false }
    const count = chain.nextCommitmentIndex - 1n
    const { from, to, more } = pageRange(count, pageIndex, pageSize)
    const now = await ctx.ledger.frontierMomentum()
    const lowest = await state.lowestFlaggedIndex(chain.chainId)
    const list = []
    for (let i = from; i <= to; i++) {
      const c = await state.commitment(chain.chainId, i)
      if (c !== undefined) list.push(commitmentToJSON(chain, i, c, await state.flag(chain.chainId, i), lowest, now))
    }
    return { count: Number(count), list, more }
  }

  const getDeposit: Handler = async (ctx, params) => {
    const chainId = uintParam(params, 0, 'chainId')
    const index = uintParam(params, 1, 'index')
    const d = await reader(ctx).deposit(chainId, index)
    return d === undefined ? null : depositToJSON(chainId, index, d)
  }

  const getDeposits: Handler = async (ctx, params) => {
    const state = reader(ctx)
    const chainId = uintParam(params, 0, 'chainId')
    const { pageIndex, pageSize } = pageParams(params, 1)
    const chain = await state.chain(chainId)
    if (chain === undefined) return { count: 0, list: [], more: false }
    const { from, to, more } = pageRange(chain.depositCount, pageIndex, pageSize)
    const list = []
    for (let i = from; i <= to; i++) {
      const d = await state.deposit(chainId, i)
      if (d !== undefined) list.push(depositToJSON(chainId, i, d))
    }
    return { count: Number(chain.depositCount), list, more }
  }

  const getFrame: Handler = async (ctx, params) => {
    const chainId = uintParam(params, 0, 'chainId')
    const index = uintParam(params, 1, 'index')
    const f = await reader(ctx).frame(chainId, index)
    return f === undefined ? null : frameToJSON(chainId, index, f)
  }

  const getFrames: Handler = async (ctx, params) => {
    const state = reader(ctx)
    const chainId = uintParam(params, 0, 'chainId')
    const { pageIndex, pageSize } = pageParams(params, 1)
    const chain = await state.chain(chainId)
    if (chain === undefined) return { count: 0, list: [], more: false }
    const { from, to, more } = pageRange(chain.frameCount, pageIndex, pageSize)
    const list = []
    for (let i = from; i <= to; i++) {
      const f = await state.frame(chainId, i)
      if (f !== undefined) list.push(frameToJSON(chainId, i, f))
    }
    return { count: Number(chain.frameCount), list, more }
  }

  const getBond: Handler = async (ctx, params) => {
    const chainId = uintParam(params, 0, 'chainId')
    const who = addressParam(params, 1, 'address')
    return { chainId: Number(chainId), address: formatAddress(who), amount: (await reader(ctx).bond(chainId, who)).toString() }
  }

  /**
   * status: "finalized"; "finalizable" (a prover's record can be finalized now); otherwise "proven",
   * with finalizableAt = the earliest momentum height a still-valid proof becomes finalizable
   * (null when every proof's commitment is gone or frozen).
   */
  const getWithdrawal: Handler = async (ctx, params) => {
    const state = reader(ctx)
    const chainId = uintParam(params, 0, 'chainId')
    const hash = hashParam(params, 1, 'withdrawalHash')
    const chain = await state.chain(chainId)
    const w = await state.withdrawal(chainId, hash)
    if (chain === undefined || w === undefined) return null
    const now = await ctx.ledger.frontierMomentum()
    const lowest = await state.lowestFlaggedIndex(chainId)
    const proofs = []
    let earliest: bigint | undefined
    for (const { prover, proof } of await state.provenWithdrawals(chainId, hash)) {
      const c = await state.commitment(chainId, proof.commitmentIndex)
      const valid = c !== undefined && toHex(c.outputRoot) === toHex(proof.outputRoot)
      const frozen = lowest !== undefined && lowest <= proof.commitmentIndex
      const at = valid ? finalizableAt(chain, c) : undefined
      if (at !== undefined && !frozen && (earliest === undefined || at < earliest)) earliest = at
      proofs.push({
        prover: formatAddress(prover),
        commitmentIndex: Number(proof.commitmentIndex),
        outputRoot: toHex(proof.outputRoot),
        provenAt: Number(proof.provenAt),
        valid,
        frozen,
        finalizableAt: at === undefined ? null : Number(at),
      })
    }
    const status = w.finalized ? 'finalized' : earliest !== undefined && now.height >= earliest ? 'finalizable' : 'proven'
    return {
      chainId: Number(chainId),
      withdrawalHash: toHex(hash),
      target: formatAddress(w.target),
      tokenStandard: formatTokenStandard(w.tokenStandard),
      amount: w.amount.toString(),
      status,
      finalizableAt: w.finalized || earliest === undefined ? null : Number(earliest),
      finalizedAt: w.finalized ? Number(w.finalizedAt) : null,
      finalizedBy: w.finalized ? formatAddress(w.finalizedBy) : null,
      proofs,
    }
  }

  /** [] → anchor-wide info; [chainId] → plus that chain's guardians, quorum, halt state and votes. */
  const getSecurityInfo: Handler = async (ctx, params) => {
    const state = reader(ctx)
    const base = {
      administrator: formatAddress(await state.administrator()),
      administratorDelay: Number(config.administratorDelay),
      minGuardians: MIN_GUARDIANS,
    }
    if (params.length === 0) return base
    const chain = await state.chain(uintParam(params, 0, 'chainId'))
    if (chain === undefined) return null
    return {
      ...base,
      chainId: Number(chain.chainId),
      guardians: chain.guardians.map(formatAddress),
      quorum: Number(chain.quorum),
      halted: chain.halted,
      haltedAt: Number(chain.haltedAt),
      unhaltedAt: Number(chain.unhaltedAt),
      unhaltCooldown: Number(chain.unhaltCooldown),
      haltVotes: (await state.haltVotes(chain.chainId, HaltAction.halt)).map(formatAddress),
      unhaltVotes: (await state.haltVotes(chain.chainId, HaltAction.unhalt)).map(formatAddress),
    }
  }

  /** [] or [0] → anchor-wide challenges (ChangeAdministrator); [chainId] → that chain's. */
  const getTimeChallengesInfo: Handler = async (ctx, params) => {
    const chainId = params.length === 0 ? 0n : uintParam(params, 0, 'chainId')
    const list = (await reader(ctx).timeChallenges(chainId)).map((t) => timeChallengeToJSON(t, config.administratorDelay))
    return { count: list.length, list }
  }

  const getCallFailure: Handler = async (_ctx, params) => {
    const f = failures.get(hashParam(params, 0, 'sendHash'))
    if (f === undefined) return null
    return { sendHash: toHex(f.sendHash), momentumHeight: Number(f.momentumHeight), method: f.method, error: f.error }
  }

  return {
    getChain,
    getChains,
    getCommitment,
    getCommitments,
    getDeposit,
    getDeposits,
    getFrame,
    getFrames,
    getBond,
    getWithdrawal,
    getSecurityInfo,
    getTimeChallengesInfo,
    getCallFailure,
  }
}
