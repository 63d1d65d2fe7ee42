/**
 * The dev stack's one-time NoM setup, safe to run on every start: create the chain on the anchor
 * (administrator = NoM dev account 0, proposer 1, guardians 4–8 with quorum 3), bond the proposer,
 * fuse plasma for the batcher. Each step first reads what the anchor / plasma contract already
 * holds, so a restart (or a crash between steps) does only what is missing.
 */
import type { KeyPair } from '../../nom/keys.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { encodeCall } from '../../nom/abi.ts'
import { formatAddress } from '../../nom/address.ts'
import { COIN, MAX_FUSION_UNITS_PER_ACCOUNT, PLASMA_ADDRESS, QSR_ZTS } from '../../nom/constants.ts'
import { publishSend, waitForConfirmation } from '../../nom/send.ts'
import { CreateChainABI, PostBondABI } from '../../contracts/anchor/abi.ts'
import { getBond, getChain, type AnchorChain } from '../../contracts/anchor/rpc/client.ts'
import type { BridgeChainParams } from '../config.ts'
import { GUARDIAN_QUORUM } from '../config.ts'
import { callAnchor } from '../../contracts/anchor/rpc/anchorCall.ts'

/** The chain record fields the stack reads back (embedded.anchor.getChain). */
export type AnchorChainInfo = Pick<AnchorChain, 'chainId' | 'challengeWindow' | 'sequencingWindow' | 'depositConfirmations' | 'proposerBond' | 'createdAt'>

export class DevChainSetupError extends Error {
  override readonly name = 'DevChainSetupError'
}

export interface SetupDevChainOptions {
  client: NoMClient
  chainId: bigint
  /** Creates the chain and funds the batchers' plasma; may be absent when both are already done. */
  administrator: KeyPair | undefined
  proposer: KeyPair
  guardians: KeyPair[]
  batchers: KeyPair[]
  params: BridgeChainParams
  /** QSR (base units) fused for each batcher; default the per-account maximum (5,000 QSR). */
  batcherFuse?: bigint
  pollMs?: number
  log: (event: { msg: string; [field: string]: string | number | boolean }) => void
}

/** The anchor's record of `chainId`, or undefined if the chain does not exist (decoded by contracts/anchor/rpc/client.ts). */
export function readAnchorChain(client: NoMClient, chainId: bigint): Promise<AnchorChainInfo | undefined> {
  return getChain(client, chainId)
}

export async function setupDevChain(options: SetupDevChainOptions): Promise<{ chain: AnchorChainInfo; created: boolean }> {
  const { client, chainId, params, log } = options
  const pollMs = options.pollMs ?? 100
  let created = false
  if ((await readAnchorChain(client, chainId)) === undefined) {
    if (options.administrator === undefined) throw new DevChainSetupError(`chain ${chainId} is not on the anchor and there is no administrator key to create it`)
    const outcome = await callAnchor(
      client,
      options.administrator,
      CreateChainABI.encode({
        chainId,
        proposer: options.proposer.address,
        challengeWindow: params.challengeWindow,
        sequencingWindow: params.sequencingWindow,
        depositConfirmations: params.depositConfirmations,
        guardians: options.guardians.map((g) => g.address),
        quorum: GUARDIAN_QUORUM,
        proposerBond: params.proposerBond,
        flagBond: params.flagBond,
        unhaltCooldown: params.unhaltCooldown,
      }),
      { pollMs },
    )
    // 'chain already exists': a CreateChain published before a crash executed first.
    if (!outcome.ok && outcome.error !== 'chain already exists') throw new DevChainSetupError(`CreateChain(${chainId}) failed: ${outcome.error}`)
    created = outcome.ok
    log({ msg: created ? 'chain created on the anchor' : 'chain already on the anchor', chainId: chainId.toString() })
  }
  const chain = await readAnchorChain(client, chainId)
  if (chain === undefined) throw new DevChainSetupError(`chain ${chainId} is not on the anchor after CreateChain`)

  const bondStep = async () => {
    const have = (await getBond(client, chainId, options.proposer.address)).amount
    if (have >= chain.proposerBond) return
    const outcome = await callAnchor(client, options.proposer, PostBondABI.encode({ chainId }), { amount: chain.proposerBond - have, pollMs })
    if (!outcome.ok) throw new DevChainSetupError(`PostBond(${chainId}) failed: ${outcome.error}`)
    log({ msg: 'proposer bonded', proposer: formatAddress(options.proposer.address), amount: (chain.proposerBond - have).toString() })
  }
  const fuseStep = async () => {
    const target = options.batcherFuse ?? MAX_FUSION_UNITS_PER_ACCOUNT * COIN
    for (const batcher of options.batchers) {
      const fused = (await client.getPlasma(batcher.address)).qsrAmount
      if (fused >= target) continue
      if (options.administrator === undefined) {
        log({ msg: 'batcher has less plasma than wanted and there is no administrator key to fuse more', batcher: formatAddress(batcher.address), fusedQsr: (fused / COIN).toString() })
        continue
      }
      const send = await publishSend(client, options.administrator, {
        toAddress: PLASMA_ADDRESS,
        tokenStandard: QSR_ZTS,
        amount: target - fused,
        data: encodeCall('Fuse(address)', [batcher.address]),
      })
      await waitForConfirmation(client, send.hash, { pollMs })
      const deadline = Date.now() + 60_000
      while ((await client.getPlasma(batcher.address)).qsrAmount < target) {
        if (Date.now() > deadline) throw new DevChainSetupError(`fusing plasma for batcher ${formatAddress(batcher.address)} did not take effect`)
        await new Promise((r) => setTimeout(r, pollMs))
      }
      log({ msg: 'plasma fused for the batcher', batcher: formatAddress(batcher.address), qsr: ((target - fused) / COIN).toString() })
    }
  }
  await Promise.all([bondStep(), fuseStep()])
  return { chain, created }
}
