/**
 * The bridge's nomx_* methods on a real L2 node, against a real devnet anchor: ZNN and QSR
 * withdrawals go initiated → provable (a commitment the test proposes with the node's output root) →
 * proven (nomx_getWithdrawalProof's arguments accepted by ProveWithdrawal) → finalizable →
 * finalized (NoM balances exact); flagged after a Flag; initiated again after a fraud verdict.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createPublicClient, createWalletClient, defineChain, encodeFunctionData, http, parseEther, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { FinalizeWithdrawalABI, FlagABI, HaltABI, PostBondABI, UnhaltABI, ProveWithdrawalABI, ResolveFlagABI, type ProveWithdrawalArgs } from '../../../contracts/anchor/abi.ts'
import { withdrawalStorageSlot } from '../../../contracts/anchor/withdrawalHash.ts'
import { L2_TO_NOM_MESSAGE_PASSER_ADDRESS, L2_TOKEN_BRIDGE_ADDRESS } from '../../../contracts/l2/addresses.ts'
import { L2ToNoMMessagePasser, L2TokenBridge, BridgedToken } from '../../../contracts/l2/artifacts.ts'
import { bridgedTokenAddress } from '../../../contracts/l2/bridgedTokenAddress.ts'
import { formatAddress } from '../../../nom/address.ts'
import { QSR_ZTS, ZNN_ZTS } from '../../../nom/constants.ts'
import { fromHex, toHex } from '../../../nom/hash.ts'
import { CHAIN_ID, CHALLENGE_WINDOW, FLAG_BOND, PROPOSER_BOND, ZNN, startBridgeSetup, type BridgeSetup } from '../withdrawals/bridgeSetup.ts'
import { proveArgsOf } from '../../../bridge/cli/prove.ts'

interface Reply {
  result?: any
  error?: { code: number; message: string }
}

const hex = (b: Uint8Array) => `0x${toHex(b)}` as Hex
const bytes = (h: string) => fromHex(h.slice(2))

describe('nomx_getWithdrawalStatus / nomx_getWithdrawalProof / nomx_syncStatus (devnet anchor + L2 node)', () => {
  let s: BridgeSetup
  let url: string
  let wallet: ReturnType<typeof createWalletClient>
  let publicClient: ReturnType<typeof createPublicClient>
  let znnTx: Hex
  let qsrTx: Hex
  let znnHash: Hex
  let qsrHash: Hex

  const rpc = async (method: string, params: unknown[]): Promise<Reply> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
    return (await response.json()) as Reply
  }
  /** The node's head number (viem's getBlockNumber caches it for a polling interval). */
  const headNumber = () => s.node.backend.chain.head().block.header.number
  const ok = async (method: string, params: unknown[]): Promise<any> => {
    const r = await rpc(method, params)
    assert.equal(r.error, undefined, `${method}: ${JSON.stringify(r.error)}`)
    return r.result
  }
  const send = async (to: Hex, data: Hex, value = 0n): Promise<Hex> => {
    const hash = await wallet.sendTransaction({ account: wallet.account!, chain: wallet.chain, to, data, value, gas: 300_000n })
    await publicClient.waitForTransactionReceipt({ hash })
    return hash
  }
  /** ProveWithdrawal arguments rebuilt from the JSON by the client's own code (nomx bridge prove). */
  const argsOf = (p: any): ProveWithdrawalArgs => proveArgsOf(p)

  before(async () => {
    s = await startBridgeSetup()
    url = s.node.rpcUrl
    const chain = defineChain({ id: Number(CHAIN_ID), name: 'nomx', nativeCurrency: { name: 'ZNN', symbol: 'ZNN', decimals: 18 }, rpcUrls: { default: { http: [url] } } })
    wallet = createWalletClient({ chain, transport: http(url, { retryCount: 0 }), account: privateKeyToAccount(s.l2Accounts[0]!.privateKey) })
    publicClient = createPublicClient({ chain, transport: http(url, { retryCount: 0 }), pollingInterval: 50 })
    await s.node.sealBlock() // block 1: the two anchor deposits (50 ZNN, 20 QSR to L2 account 0)
  })
  after(async () => s?.stop())

  it('errors say what to do next: unknown tx, bad params; a reverted tx and a tx without withdrawal are "failed"', async () => {
    const unknown = `0x${'ab'.repeat(32)}`
    assert.deepEqual((await rpc('nomx_getWithdrawalStatus', [unknown])).error, {
      code: -32001,
      message: `transaction ${unknown} not found on this L2 chain: check the hash and that this RPC serves the chain you sent it to`,
    })
    assert.deepEqual((await rpc('nomx_getWithdrawalProof', [unknown])).error?.code, -32001)
    assert.deepEqual((await rpc('nomx_getWithdrawalStatus', ['0x12'])).error, { code: -32602, message: 'invalid argument 0: hex string has length 2, want 64 for common.Hash' })
    assert.deepEqual((await rpc('nomx_syncStatus', [1])).error, { code: -32602, message: 'too many arguments, want at most 0' })

    const plain = await send(s.l2Accounts[1]!.address, '0x', 1n)
    const plainStatus = await ok('nomx_getWithdrawalStatus', [plain])
    assert.equal(plainStatus.status, 'failed')
    assert.equal(plainStatus.transactionStatus, 'success')
    assert.equal(plainStatus.reason, `transaction ${plain} initiated no withdrawal (no MessagePassed event of 0x4200…0016 in its receipt)`)
    assert.deepEqual(plainStatus.withdrawals, [])
    assert.deepEqual((await rpc('nomx_getWithdrawalProof', [plain])).error, {
      code: -32000,
      message: `transaction ${plain} initiated no withdrawal (no MessagePassed event of 0x4200…0016): withdraw with initiateWithdrawal or the token bridge's withdraw`,
    })

    // A target whose type byte is 0x02 is not a NoM address: the message passer reverts.
    const bad = encodeFunctionData({ abi: L2ToNoMMessagePasser.abi, functionName: 'initiateWithdrawal', args: ['0x0200000000000000000000000000000000000001', 0n, '0x'] })
    const reverted = await send(L2_TO_NOM_MESSAGE_PASSER_ADDRESS, bad, 10n ** 18n)
    const revertedStatus = await ok('nomx_getWithdrawalStatus', [reverted])
    assert.equal(revertedStatus.status, 'failed')
    assert.equal(revertedStatus.transactionStatus, 'reverted')
    assert.equal(revertedStatus.reason, `transaction ${reverted} reverted: it initiated no withdrawal`)
    assert.deepEqual((await rpc('nomx_getWithdrawalProof', [reverted])).error, { code: -32000, message: `transaction ${reverted} reverted: it initiated no withdrawal, there is nothing to prove` })
  })

  it('ZNN and QSR withdrawals are "initiated" with the expected commitment; the proof is refused until one covers them', async () => {
    const { user, other } = s.driver.actors
    const initiate = encodeFunctionData({ abi: L2ToNoMMessagePasser.abi, functionName: 'initiateWithdrawal', args: [hex(user.address), 100_000n, '0x'] })
    znnTx = await send(L2_TO_NOM_MESSAGE_PASSER_ADDRESS, initiate, parseEther('3'))
    const qsrToken = hex(bridgedTokenAddress(QSR_ZTS))
    const holder = s.l2Accounts[0]!.address
    assert.equal(await publicClient.readContract({ address: qsrToken, abi: BridgedToken.abi, functionName: 'balanceOf', args: [holder] }), 20n * ZNN)
    const withdraw = encodeFunctionData({ abi: L2TokenBridge.abi, functionName: 'withdraw', args: [hex(QSR_ZTS), 5n * ZNN, hex(other.address)] })
    qsrTx = await send(L2_TOKEN_BRIDGE_ADDRESS, withdraw)
    assert.equal(await publicClient.readContract({ address: qsrToken, abi: BridgedToken.abi, functionName: 'balanceOf', args: [holder] }), 15n * ZNN)

    const head = headNumber()
    assert.equal(head, 5n) // deposits, plain transfer, reverted, ZNN withdrawal, QSR withdrawal
    const status = await ok('nomx_getWithdrawalStatus', [znnTx])
    assert.equal(status.status, 'initiated')
    assert.equal(status.blockNumber, '0x4')
    assert.equal(status.withdrawals.length, 1)
    const w = status.withdrawals[0]
    znnHash = w.withdrawalHash
    assert.equal(w.status, 'initiated')
    assert.equal(w.sender, holder)
    assert.equal(w.target, hex(user.address))
    assert.equal(w.targetAddress, formatAddress(user.address))
    assert.equal(w.value, `0x${parseEther('3').toString(16)}`)
    assert.equal(w.gasLimit, '0x186a0')
    assert.equal(w.nonce, `0x${((1n << 240n) | 0n).toString(16)}`)
    assert.deepEqual(w.payout, { target: formatAddress(user.address), tokenStandard: 'zts1znnxxxxxxxxxxxxx9z4ulx', amount: `0x${(3n * ZNN).toString(16)}` })
    // Interval 4, no commitment yet: block 4 is the first covering; it exists, so only the NoM latency is left.
    assert.deepEqual(w.expectedCommitment, { interval: '0x4', l2BlockNumber: '0x4', newestCommittedBlock: null, blocksToGo: '0x0', etaMomentums: 4, etaSeconds: 1 })
    assert.equal(w.next, 'wait for a commitment covering L2 block 4: the next one is expected at L2 block 4 (every 4 blocks)')

    const qsr = (await ok('nomx_getWithdrawalStatus', [qsrTx])).withdrawals[0]
    qsrHash = qsr.withdrawalHash
    assert.equal(qsr.sender, L2_TOKEN_BRIDGE_ADDRESS)
    assert.deepEqual(qsr.payout, { target: formatAddress(other.address), tokenStandard: 'zts1qsrxxxxxxxxxxxxxmrhjll', amount: `0x${(5n * ZNN).toString(16)}` })
    // Block 5 is past 4: the covering commitment is expected at block 8, three blocks away (automine: no ETA).
    assert.deepEqual(qsr.expectedCommitment, { interval: '0x4', l2BlockNumber: '0x8', newestCommittedBlock: null, blocksToGo: '0x3', etaMomentums: null, etaSeconds: null })

    assert.deepEqual((await rpc('nomx_getWithdrawalProof', [znnTx])).error, {
      code: -32001,
      message: `withdrawal ${znnHash} in L2 block 4 is not yet covered by a commitment: the next commitment is expected at L2 block 4 (every 4 blocks; no commitment exists yet); ask nomx_getWithdrawalStatus for the ETA`,
    })
    assert.deepEqual((await rpc('nomx_getWithdrawalProof', [znnTx, '0x1'])).error, {
      code: -32000,
      message: `transaction ${znnTx} initiated 1 withdrawal(s): index 1 is out of range (0…0)`,
    })
  })

  it('a commitment covering them makes them "provable"; the proof args are accepted by ProveWithdrawal; then "proven"', async () => {
    const { user } = s.driver.actors
    await s.node.sealBlock()
    await s.node.sealBlock()
    await s.node.sealBlock() // head 8
    assert.equal(await s.propose(8n), 1n)

    const status = await ok('nomx_getWithdrawalStatus', [znnTx])
    assert.equal(status.status, 'provable')
    const c = status.withdrawals[0].commitment
    assert.equal(c.index, '0x1')
    assert.equal(c.l2BlockNumber, '0x8')
    assert.equal(c.status, 'inWindow')
    assert.equal(c.outputRoot, (await ok('nomx_outputAtBlock', ['0x8'])).outputRoot)

    for (const [tx, hash] of [[znnTx, znnHash], [qsrTx, qsrHash]] as const) {
      const proof = await ok('nomx_getWithdrawalProof', [tx])
      assert.equal(proof.chainId, `0x${CHAIN_ID.toString(16)}`)
      assert.equal(proof.commitmentIndex, '0x1')
      assert.equal(proof.withdrawalHash, hash)
      assert.equal(proof.latestBlockhash, (await publicClient.getBlock({ blockNumber: 8n })).hash)
      // The storage proof is exactly eth_getProof's for sentMessages[hash] at the committed block.
      const slot = hex(withdrawalStorageSlot(bytes(hash)))
      const ethProof = await publicClient.getProof({ address: L2_TO_NOM_MESSAGE_PASSER_ADDRESS, storageKeys: [slot], blockNumber: 8n })
      assert.deepEqual(proof.storageProof, ethProof.storageProof[0]!.proof)
      assert.equal(proof.messagePasserStorageRoot, ethProof.storageHash)
      const args = argsOf(proof)
      assert.equal(proof.anchorCallData, hex(ProveWithdrawalABI.encode(args)))
      assert.deepEqual(await s.driver.call(user, ProveWithdrawalABI.encode(args)), { ok: true })
    }

    const proven = (await ok('nomx_getWithdrawalStatus', [znnTx])).withdrawals[0]
    assert.equal(proven.status, 'proven')
    const commitment = (await s.driver.rpc('getCommitment', [Number(CHAIN_ID), 1])) as { proposedAt: number; finalizableAt: number }
    assert.equal(BigInt(proven.finalizableAt), BigInt(commitment.proposedAt) + CHALLENGE_WINDOW + 1n)
    assert.equal(proven.proofs.length, 1)
    assert.equal(proven.proofs[0].prover, formatAddress(user.address))
    assert.equal(proven.proofs[0].valid, true)
    assert.match(proven.next, /^wait for the challenge window: finalizable at momentum \d+ \(now \d+, \d+ to go\)$/)
  })

  it('after the window: "finalizable", FinalizeWithdrawal pays exactly, then "finalized" and the proof is refused', async () => {
    const { user, other } = s.driver.actors
    const fin = (hash: Hex) => FinalizeWithdrawalABI.encode({ chainId: CHAIN_ID, withdrawalHash: bytes(hash), prover: user.address })
    const early = (await ok('nomx_getWithdrawalStatus', [znnTx])).withdrawals[0]
    if (early.status === 'proven') assert.deepEqual(await s.driver.call(other, fin(znnHash)), { ok: false, stage: 'execute', error: 'challenge window has not passed' })
    await s.driver.waitForHeight(BigInt(early.finalizableAt))
    const ready = await ok('nomx_getWithdrawalStatus', [znnTx])
    assert.equal(ready.status, 'finalizable')
    assert.equal(ready.withdrawals[0].next, `finalize it: FinalizeWithdrawal(chainId, withdrawalHash, prover) with the prover of a valid proof (e.g. ${formatAddress(user.address)})`)

    const znnBefore = await s.driver.balance(user, ZNN_ZTS)
    const qsrBefore = await s.driver.balance(other, QSR_ZTS)
    assert.deepEqual(await s.driver.call(other, fin(znnHash)), { ok: true })
    assert.deepEqual(await s.driver.call(other, fin(qsrHash)), { ok: true })
    assert.equal((await s.driver.balance(user, ZNN_ZTS)) - znnBefore, 3n * ZNN)
    assert.equal((await s.driver.balance(other, QSR_ZTS)) - qsrBefore, 5n * ZNN)

    const done = await ok('nomx_getWithdrawalStatus', [qsrTx])
    assert.equal(done.status, 'finalized')
    assert.equal(done.withdrawals[0].finalizedBy, formatAddress(other.address))
    assert.match(done.withdrawals[0].next, /^done: paid on NoM at momentum \d+$/)
    const refused = await rpc('nomx_getWithdrawalProof', [znnTx])
    assert.equal(refused.error?.code, -32000)
    assert.match(refused.error!.message, new RegExp(`^withdrawal ${znnHash} is already finalized \\(paid on NoM at momentum \\d+\\): nothing to prove$`))
  })

  it('nomx_syncStatus: latest block with its origin, the NoM frontier and the newest commitment', async () => {
    const sync = await ok('nomx_syncStatus', [])
    const head = await publicClient.getBlock()
    assert.equal(sync.latest.number, `0x${head.number.toString(16)}`)
    assert.equal(sync.latest.hash, head.hash)
    assert.ok(sync.latest.origin !== null)
    // No head tracker runs in this test: safe and finalized are genesis.
    assert.equal(sync.safe.number, '0x0')
    assert.equal(sync.finalized.number, '0x0')
    assert.equal(sync.safe.origin, null)
    assert.equal(sync.chainRegistered, true)
    assert.equal(sync.commitmentCount, '0x1')
    assert.equal(sync.commitment.index, '0x1')
    assert.equal(sync.commitment.status, 'final')
    assert.ok(BigInt(sync.nomFrontier.height) >= BigInt(sync.commitment.finalizableAt))
  })

  it('a flagged commitment: "flagged" and the proof refused with advice; after a fraud verdict "initiated" again; re-committed: "proven"', async () => {
    const { user, flagger, guardians } = s.driver.actors
    const initiate = encodeFunctionData({ abi: L2ToNoMMessagePasser.abi, functionName: 'initiateWithdrawal', args: [hex(user.address), 0n, '0x'] })
    const tx = await send(L2_TO_NOM_MESSAGE_PASSER_ADDRESS, initiate, parseEther('1'))
    while (headNumber() < 12n) await s.node.sealBlock()
    assert.equal(await s.propose(12n), 2n)
    assert.equal((await ok('nomx_getWithdrawalStatus', [tx])).status, 'provable')
    assert.deepEqual(await s.driver.call(user, ProveWithdrawalABI.encode(argsOf(await ok('nomx_getWithdrawalProof', [tx])))), { ok: true })
    assert.equal((await ok('nomx_getWithdrawalStatus', [tx])).status, 'proven')
    const root2 = await s.committedRoot(2n)
    assert.deepEqual(await s.driver.call(flagger, FlagABI.encode({ chainId: CHAIN_ID, index: 2n, outputRoot: root2 }), FLAG_BOND), { ok: true })

    // Proven against the flagged commitment: the proof is frozen, the status says why.
    const flagged = await ok('nomx_getWithdrawalStatus', [tx])
    assert.equal(flagged.status, 'flagged')
    const advice = "commitment 2 (L2 block 12) has an open flag: wait for the guardians' verdict; if it is fraud the commitment is deleted and the withdrawal must be proven again against a new one"
    assert.equal(flagged.withdrawals[0].next, advice)
    assert.deepEqual(flagged.withdrawals[0].proofs.map((p: any) => [p.commitmentIndex, p.valid, p.frozen]), [['0x2', true, true]])
    const hash = flagged.withdrawals[0].withdrawalHash
    assert.deepEqual((await rpc('nomx_getWithdrawalProof', [tx])).error, { code: -32000, message: `withdrawal ${hash} cannot be proven now: ${advice}` })

    // Fraud: commitment 2 is deleted, the proof is stale, the withdrawal waits for a new covering commitment.
    for (const g of guardians.slice(0, 3)) assert.deepEqual(await s.driver.call(g, ResolveFlagABI.encode({ chainId: CHAIN_ID, index: 2n, outputRoot: root2, fraud: true })), { ok: true })
    const again = (await ok('nomx_getWithdrawalStatus', [tx])).withdrawals[0]
    assert.equal(again.status, 'initiated')
    assert.deepEqual(again.proofs.map((p: any) => [p.commitmentIndex, p.valid]), [['0x2', false]])
    assert.equal(again.expectedCommitment.newestCommittedBlock, '0x8')
    assert.equal(again.expectedCommitment.l2BlockNumber, '0xc')

    // The proposer (bonded again: fraud took its bond) commits block 12 again, reusing index 2 with the same
    // output root: the anchor counts the earlier proof again (SPEC.md §3.11 step 6), so it is "proven" at once.
    assert.deepEqual(await s.driver.call(s.driver.actors.proposer, PostBondABI.encode({ chainId: CHAIN_ID }), PROPOSER_BOND), { ok: true })
    assert.equal(await s.propose(12n), 2n)
    const reproven = (await ok('nomx_getWithdrawalStatus', [tx])).withdrawals[0]
    assert.equal(reproven.status, 'proven')
    assert.deepEqual(reproven.proofs.map((p: any) => [p.commitmentIndex, p.valid, p.frozen]), [['0x2', true, false]])
    const recommitted = (await s.driver.rpc('getCommitment', [Number(CHAIN_ID), 2])) as { finalizableAt: number }
    assert.equal(reproven.finalizableAt, `0x${recommitted.finalizableAt.toString(16)}`)
    const again2 = await s.driver.call(user, ProveWithdrawalABI.encode(argsOf(await ok('nomx_getWithdrawalProof', [tx]))))
    assert.deepEqual(again2, { ok: false, stage: 'execute', error: 'withdrawal already proven by this prover' })
  })

  it('a halted chain, then its unhalt cooldown, are reported in withdrawalsBlocked and in the next step', async () => {
    const { admin } = s.driver.actors
    assert.equal((await ok('nomx_getWithdrawalStatus', [znnTx])).withdrawalsBlocked, null)
    const initiate = encodeFunctionData({ abi: L2ToNoMMessagePasser.abi, functionName: 'initiateWithdrawal', args: [hex(admin.address), 0n, '0x'] })
    const tx = await send(L2_TO_NOM_MESSAGE_PASSER_ADDRESS, initiate, parseEther('1'))
    while (headNumber() < 16n) await s.node.sealBlock()
    assert.equal(await s.propose(16n), 3n)
    assert.deepEqual(await s.driver.call(admin, HaltABI.encode({ chainId: CHAIN_ID })), { ok: true })
    const halted = await ok('nomx_getWithdrawalStatus', [tx])
    const reason = 'the chain is halted on the anchor: withdrawals cannot be proven or finalized until it is unhalted (administrator or guardian quorum)'
    assert.equal(halted.withdrawalsBlocked, reason)
    assert.equal(halted.withdrawals[0].status, 'provable')
    assert.ok(halted.withdrawals[0].next.startsWith(`${reason}; then prove it against commitment 3 (L2 block 16)`), halted.withdrawals[0].next)
    assert.deepEqual(await s.driver.call(admin, UnhaltABI.encode({ chainId: CHAIN_ID })), { ok: true })
    const security = (await s.driver.rpc('getSecurityInfo', [Number(CHAIN_ID)])) as { unhaltedAt: number; unhaltCooldown: number }
    const cooling = await ok('nomx_getWithdrawalStatus', [tx])
    assert.equal(
      cooling.withdrawalsBlocked,
      `the chain was unhalted at momentum ${security.unhaltedAt}: withdrawals can be proven and finalized again from momentum ${security.unhaltedAt + security.unhaltCooldown + 1}`,
    )
    await s.driver.waitForHeight(BigInt(security.unhaltedAt + security.unhaltCooldown + 1))
    assert.equal((await ok('nomx_getWithdrawalStatus', [tx])).withdrawalsBlocked, null)
  })
})
