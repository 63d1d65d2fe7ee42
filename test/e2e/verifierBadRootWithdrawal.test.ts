/**
 * Issue 6, e2e: the bonded proposer commits an output root of a forged L2 state that holds a
 * withdrawal nobody made on L2 (the real attack: a root with a known preimage), and proves the
 * withdrawal against it. The verifier logs the evidence (the real root of that block) and flags it;
 * while flagged the withdrawal cannot be finalized; the guardians resolve it as fraud and it can
 * never be finalized afterwards, not even past the challenge window.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { bytesToHex } from '@ethereumjs/util'
import type { Hex } from 'viem'
import { FinalizeWithdrawalABI, ProposeCommitmentABI, ProveWithdrawalABI } from '../../contracts/anchor/abi.ts'
import { ZNN_ZTS } from '../../nom/constants.ts'
import { concatBytes, fromHex, toHex, u64be } from '../../nom/hash.ts'
import { keccak256 } from '../../node/keccak256.ts'
import type { LogEvent } from '../../node/log.ts'
import { callAnchor } from '../../contracts/anchor/rpc/anchorCall.ts'
import { depositOnAnchor, jsonRpc } from '../helpers/stack.ts'
import { buildL2Fixture, proofNodes } from '../contracts/anchor/l2Fixture.ts'
import { nomBalance, startSequencedChain, startVerifierInstance, until, type VerifierInstance } from '../bridge/verifier/fixtures.ts'

const ZNN = 100_000_000n

test('a withdrawal proven against a forged root is refused while flagged and forever after the fraud verdict', async () => {
  // The batcher posts frames but never proposes (the test is the proposer).
  const chain = await startSequencedChain({ params: { challengeWindow: 60n, sequencingWindow: 60n }, blockTimeMs: 300, commitIntervalBlocks: 1_000_000n })
  const verifiers: VerifierInstance[] = []
  try {
    const { client, chainId, roles } = chain.anchor
    const anchor = chain.anchor.anchor
    const id = chainId.toString()
    const chainRecord = await anchor('getChain', [id])
    const proposerBond = BigInt(chainRecord.proposerBond)
    const logs: LogEvent[] = []
    verifiers.push(await startVerifierInstance(client, chainId, { flaggerKey: roles.flagger, guardianKey: roles.guardians[0]!, log: (e) => logs.push(e) }))
    const v1 = verifiers[0]!

    // 5 ZNN deposited to the chain, so the anchor's escrow could pay the forged 1 ZNN withdrawal.
    const deposit = await depositOnAnchor(client, chainId, roles.user, ZNN_ZTS, 5n * ZNN, '0x00000000000000000000000000000000000e0e01')
    const receipt = await until('the deposit on L2', 20_000, () => jsonRpc<Record<string, string> | null>(chain.node.rpcUrl, 'eth_getTransactionReceipt', [deposit.l2TxHash]).then((r) => r ?? undefined))
    const n = BigInt(receipt.blockNumber as Hex) + 1n
    await until(`block ${n} on the anchor`, 20_000, () => (chain.batcher.status().lastPostedBlock >= n ? true : undefined))

    // The forged state: the message passer holds a withdrawal of 1 ZNN to the user's NoM address.
    const forged = { nonce: 1n << 240n, sender: fromHex('00000000000000000000000000000000000bad01'), target: roles.user.address, value: ZNN * 10n ** 10n, gasLimit: 100_000n, data: new Uint8Array() }
    const fixture = await buildL2Fixture([forged], 0)
    const sealed = (await chain.node.chain.getBlockByNumber(n))!
    const frameCount = BigInt((await anchor('getChain', [id])).frameCount)
    const lastFrame = await anchor('getFrame', [id, frameCount.toString()])
    const proposal = await callAnchor(
      client,
      roles.proposer,
      ProposeCommitmentABI.encode({
        chainId,
        index: 1n,
        l2BlockNumber: n,
        outputRoot: fixture.outputRoot,
        originMomentumHeight: sealed.origin!.height,
        originMomentumHash: sealed.origin!.hash,
        lastDepositIndex: 1n,
        framesHash: keccak256(concatBytes(u64be(frameCount), fromHex(lastFrame.dataHash))),
      }),
      { pollMs: 30 },
    )
    assert.equal(proposal.ok, true, proposal.ok ? '' : proposal.error)
    const prove = await callAnchor(
      client,
      roles.user,
      ProveWithdrawalABI.encode({
        chainId,
        commitmentIndex: 1n,
        ...forged,
        version: new Uint8Array(32),
        stateRoot: fixture.stateRoot,
        messagePasserStorageRoot: fixture.messagePasserStorageRoot,
        latestBlockhash: fixture.latestBlockhash,
        storageProof: proofNodes(fixture.getProof.storageProof[0]!),
      }),
      { pollMs: 30 },
    )
    assert.equal(prove.ok, true, prove.ok ? '' : prove.error)

    // The verifier's evidence: the root it computed for block n is the sequencer's real one.
    const evidence = await until('the evidence', 20_000, () => logs.find((e) => e.msg === 'commitment does not match the derived chain'))
    assert.equal(evidence.index, 1)
    assert.equal(evidence.committed, bytesToHex(fixture.outputRoot))
    const real = await jsonRpc<{ outputRoot: string }>(chain.node.rpcUrl, 'nomx_outputAtBlock', [`0x${n.toString(16)}`])
    assert.equal(evidence.expected, real.outputRoot)
    await until('the flag', 20_000, () => (v1.verifier.status().flagged.includes(1n) ? true : undefined))

    const finalize = () => callAnchor(client, roles.user, FinalizeWithdrawalABI.encode({ chainId, withdrawalHash: fixture.withdrawalHash, prover: roles.user.address }), { pollMs: 30 })
    assert.deepEqual(await finalize().then((o) => (o.ok ? 'finalized' : o.error)), 'commitment is flagged')

    const flaggerBefore = await nomBalance(client, roles.flagger, ZNN_ZTS)
    verifiers.push(await startVerifierInstance(client, chainId, { guardianKey: roles.guardians[1]! }))
    verifiers.push(await startVerifierInstance(client, chainId, { guardianKey: roles.guardians[2]! }))
    await until('the fraud verdict', 30_000, async () => ((await anchor('getCommitment', [id, '1'])) === null ? true : undefined))
    assert.deepEqual(await finalize().then((o) => (o.ok ? 'finalized' : o.error)), 'proven commitment no longer exists')
    const proposedAt = BigInt(evidence.proposedAt as number)
    await until('the challenge window to pass', 30_000, async () => ((await client.getFrontierMomentum()).height > proposedAt + 60n + 1n ? true : undefined), 100)
    assert.deepEqual(await finalize().then((o) => (o.ok ? 'finalized' : o.error)), 'proven commitment no longer exists')
    const withdrawal = await anchor('getWithdrawal', [id, toHex(fixture.withdrawalHash)])
    assert.equal(withdrawal.status, 'proven')
    assert.equal(withdrawal.finalizableAt, null)
    assert.deepEqual(withdrawal.proofs.map((p: { valid: boolean }) => p.valid), [false])
    // the flagger's bond came back with the proposer's (the flag bond was paid before flaggerBefore)
    await until('the flagger payout', 20_000, async () => ((await nomBalance(client, roles.flagger, ZNN_ZTS)) >= flaggerBefore + BigInt(chainRecord.flagBond) + proposerBond ? true : undefined), 200)
  } finally {
    for (const v of verifiers) await v.stop()
    await chain.stop()
  }
})
