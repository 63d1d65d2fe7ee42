/**
 * A NoM devnet with the anchor (test/contracts/anchor/devnetDriver.ts), the L2 chain registered on it
 * (proposer bonded, guardians 4–8, quorum 3), ZNN and QSR escrowed by deposits, and a real L2 node
 * whose deposit source hands those anchor deposits to the sequencer (depositTransaction of each
 * anchor record, in index order), serving the bridge's nomx_* methods. Commitments are proposed by
 * the test itself (`propose`), with the output root the node computes.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateChainABI, DepositABI, PostBondABI, ProposeCommitmentABI } from '../../../contracts/anchor/abi.ts'
import { depositTransaction, isZnn, type AnchorDeposit, type TokenMetadata } from '../../../bridge/deposits/depositTransaction.ts'
import { createBridgeRPCMethods } from '../../../bridge/rpc/createBridgeRPCMethods.ts'
import { QSR_ZTS, ZNN_ZTS } from '../../../nom/constants.ts'
import { fromHex, sha3, toHex } from '../../../nom/hash.ts'
import { createNoMClient, type NoMClient } from '../../../nom/rpc/client.ts'
import { parseAddress } from '../../../nom/address.ts'
import { formatTokenStandard, parseTokenStandard } from '../../../nom/tokenStandard.ts'
import type { DepositBatch, DepositRequest, DepositSource, OriginMomentum } from '../../../node/deposits/depositSource.ts'
import type { DepositTx } from '../../../node/deposits/depositTx.ts'
import { createConfig, DEV_GENESIS_PATH } from '../../../node/config.ts'
import { deriveDevAccounts } from '../../../node/genesis/deriveDevAccounts.ts'
import { silentLogger } from '../../../node/log.ts'
import { createNode, type Node } from '../../../node/node.ts'
import { outputAtBlock } from '../../../node/rpc/outputRoot.ts'
import { createDevnetDriver, type DevnetDriver } from '../../contracts/anchor/devnetDriver.ts'
import { DEV_MNEMONIC } from '../../helpers/node.ts'

export const CHAIN_ID = 73404n
export const ZNN = 100_000_000n
export const CHALLENGE_WINDOW = 12n
export const PROPOSER_BOND = 1000n * ZNN
export const FLAG_BOND = 100n * ZNN
export const COMMIT_INTERVAL = 4n

export interface BridgeSetup {
  driver: DevnetDriver
  client: NoMClient
  node: Node
  l2Accounts: { address: `0x${string}`; privateKey: `0x${string}` }[]
  /** Proposes the next commitment for L2 block `l2BlockNumber` with the node's output root (or `outputRoot`). */
  propose(l2BlockNumber: bigint, outputRoot?: Uint8Array): Promise<bigint>
  /** The output root of commitment `index` on the anchor (Flag and ResolveFlag name it). */
  committedRoot(index: bigint): Promise<Uint8Array>
  stop(): Promise<void>
}

const hex0x = (b: Uint8Array) => `0x${toHex(b)}` as `0x${string}`

function depositFromJSON(j: { index: number; sender: string; l2Recipient: string; tokenStandard: string; amount: string; momentumHeight: number; momentumHash: string }): AnchorDeposit {
  return {
    index: BigInt(j.index),
    sender: parseAddress(j.sender),
    l2Recipient: fromHex(j.l2Recipient.slice(2)),
    tokenStandard: parseTokenStandard(j.tokenStandard),
    amount: BigInt(j.amount),
    momentumHeight: BigInt(j.momentumHeight),
    momentumHash: fromHex(j.momentumHash),
  }
}

/** The anchor's deposits as a DepositSource: origin = the newest deposit's momentum (fixed at start). */
async function anchorDepositSource(client: NoMClient): Promise<DepositSource> {
  const page = (await client.call('embedded.anchor.getDeposits', [Number(CHAIN_ID), 0, 100])) as { list: Parameters<typeof depositFromJSON>[0][] }
  const deposits = page.list.map(depositFromJSON)
  const newest = deposits.at(-1)!
  const m = (await client.getMomentumsByHeight(newest.momentumHeight, 1)).list[0]!
  const origin: OriginMomentum = { height: m.height, hash: m.hash, timestamp: m.timestamp }
  const txs: DepositTx[] = []
  for (const d of deposits) {
    let meta: TokenMetadata | undefined
    if (!isZnn(d.tokenStandard)) {
      const t = (await client.call('embedded.token.getByZts', [formatTokenStandard(d.tokenStandard)])) as TokenMetadata
      meta = { name: t.name, symbol: t.symbol, decimals: t.decimals }
    }
    txs.push(depositTransaction(d, meta))
  }
  return {
    async next(request: DepositRequest): Promise<DepositBatch> {
      const last = request.lastDepositSourceHash
      const from = last === undefined ? 0 : txs.findIndex((t) => Buffer.compare(t.sourceHash, last) === 0) + 1
      return { origin, deposits: txs.slice(from) }
    },
  }
}

export async function startBridgeSetup(options: { challengeWindow?: bigint } = {}): Promise<BridgeSetup> {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-bridge-'))
  const driver = await createDevnetDriver({ dataDir: join(dir, 'nom'), administratorDelay: 10n, momentumIntervalMs: 100 })
  const client = createNoMClient({ url: driver.devnet.httpUrl })
  const { admin, proposer, user, guardians } = driver.actors
  const l2Accounts = deriveDevAccounts(DEV_MNEMONIC, 10).map((a) => ({ address: hex0x(a.address), privateKey: hex0x(a.privateKey) }))
  const must = async (p: Promise<{ ok: boolean; error?: string }>, what: string) => {
    const r = await p
    if (!r.ok) throw new Error(`${what} failed: ${JSON.stringify(r)}`)
  }
  await must(
    driver.call(
      admin,
      CreateChainABI.encode({
        chainId: CHAIN_ID,
        proposer: proposer.address,
        challengeWindow: options.challengeWindow ?? CHALLENGE_WINDOW,
        sequencingWindow: 1000n,
        depositConfirmations: 2n,
        guardians: guardians.map((g) => g.address),
        quorum: 3n,
        proposerBond: PROPOSER_BOND,
        flagBond: FLAG_BOND,
        unhaltCooldown: 10n,
      }),
    ),
    'CreateChain',
  )
  await must(driver.call(proposer, PostBondABI.encode({ chainId: CHAIN_ID }), PROPOSER_BOND), 'PostBond')
  const recipient = fromHex(l2Accounts[0]!.address.slice(2))
  await must(driver.call(user, DepositABI.encode({ chainId: CHAIN_ID, l2Recipient: recipient }), 50n * ZNN, ZNN_ZTS), 'ZNN deposit')
  await must(driver.call(user, DepositABI.encode({ chainId: CHAIN_ID, l2Recipient: recipient }), 20n * ZNN, QSR_ZTS), 'QSR deposit')

  const source = await anchorDepositSource(client)
  const config = createConfig({ dataDir: join(dir, 'l2'), genesis: DEV_GENESIS_PATH, blockTimeMs: 0, rpc: { host: '127.0.0.1', port: 0 } })
  const node = await createNode(config, {
    accounts: l2Accounts.map((a) => fromHex(a.address.slice(2))),
    log: silentLogger,
    deposits: { source },
    rpcMethods: createBridgeRPCMethods({ client, chainId: CHAIN_ID, commitIntervalBlocks: COMMIT_INTERVAL, momentumIntervalMs: 100 }),
  })
  await node.start()

  let nextIndex = 1n
  return {
    driver,
    client,
    node,
    l2Accounts,
    async committedRoot(index) {
      const c = (await client.call('embedded.anchor.getCommitment', [Number(CHAIN_ID), Number(index)])) as { outputRoot: string } | null
      if (c === null) throw new Error(`no commitment ${index}`)
      return fromHex(c.outputRoot)
    },
    async propose(l2BlockNumber, outputRoot) {
      const sealed = await node.backend.chain.getBlockByNumber(l2BlockNumber)
      if (sealed === undefined || sealed.origin === undefined) throw new Error(`no block ${l2BlockNumber} with an origin`)
      const root = outputRoot ?? (await outputAtBlock(node.backend, sealed)).outputRoot
      const chain = (await client.call('embedded.anchor.getChain', [Number(CHAIN_ID)])) as { nextCommitmentIndex: number; depositCount: number }
      nextIndex = BigInt(chain.nextCommitmentIndex)
      await must(
        driver.call(
          proposer,
          ProposeCommitmentABI.encode({
            chainId: CHAIN_ID,
            index: nextIndex,
            l2BlockNumber,
            outputRoot: root,
            originMomentumHeight: sealed.origin.height,
            originMomentumHash: sealed.origin.hash,
            lastDepositIndex: BigInt(chain.depositCount),
            framesHash: sha3(Uint8Array.of(Number(nextIndex))),
          }),
        ),
        `ProposeCommitment ${nextIndex}`,
      )
      return nextIndex
    },
    async stop() {
      await node.stop()
      await client.close()
      await driver.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
