import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnchorReader, readCommitmentHead, type AnchorChainInfo, type AnchorClient, type AnchorCommitment } from '../../../bridge/withdrawals/anchorReader.ts'
import { formatAddress } from '../../../nom/address.ts'
import { QSR_ZTS } from '../../../nom/constants.ts'
import { toHex } from '../../../nom/hash.ts'

const proposer = 'z1qzenlvgmlf4aqwmxh5zfndgfesqacsm66lu2zr'

function client(answers: Record<string, unknown>, calls: unknown[][] = []): AnchorClient {
  return {
    async call(method: string, params: unknown[] = []) {
      calls.push([method, ...params])
      if (!(method in answers)) throw new Error(`unexpected ${method}`)
      return answers[method]
    },
  } as AnchorClient
}

const commitmentJSON = {
  chainId: 9, index: 3, l2BlockNumber: 120, outputRoot: 'aa'.repeat(32), originMomentumHeight: 77, originMomentumHash: 'bb'.repeat(32), lastDepositIndex: 2,
  framesHash: 'cc'.repeat(32), proposer, proposedAt: 80, sendHash: 'dd'.repeat(32), resolverType: 0, finalizableAt: 101, status: 'frozen', flag: null,
}

describe('createAnchorReader', () => {
  it('reads commitments and withdrawals into bigint/bytes, with the chain id and hash as the read API wants them', async () => {
    const calls: unknown[][] = []
    const withdrawalJSON = {
      chainId: 9, withdrawalHash: 'ee'.repeat(32), target: proposer, tokenStandard: 'zts1qsrxxxxxxxxxxxxxmrhjll', amount: '500000000', status: 'proven', finalizableAt: null,
      finalizedAt: null, finalizedBy: null, proofs: [{ prover: proposer, commitmentIndex: 3, outputRoot: 'aa'.repeat(32), provenAt: 85, valid: true, frozen: true, finalizableAt: 101 }],
    }
    const r = createAnchorReader(client({ 'embedded.anchor.getCommitment': commitmentJSON, 'embedded.anchor.getWithdrawal': withdrawalJSON }, calls), 9n)
    const c = await r.commitment(3n)
    const { index, l2BlockNumber, originMomentumHeight, lastDepositIndex, proposedAt, finalizableAt, status } = c!
    assert.deepEqual({ index, l2BlockNumber, originMomentumHeight, lastDepositIndex, proposedAt, finalizableAt, status, outputRoot: toHex(c!.outputRoot), originMomentumHash: toHex(c!.originMomentumHash), proposer: formatAddress(c!.proposer) }, {
      index: 3n, l2BlockNumber: 120n, outputRoot: 'aa'.repeat(32), originMomentumHeight: 77n, originMomentumHash: 'bb'.repeat(32), lastDepositIndex: 2n,
      proposer, proposedAt: 80n, finalizableAt: 101n, status: 'frozen',
    })
    const w = await r.withdrawal(new Uint8Array(32).fill(0xee))
    assert.equal(w?.amount, 500_000_000n)
    assert.equal(toHex(w!.tokenStandard), toHex(QSR_ZTS))
    assert.equal(w?.finalizableAt, undefined)
    assert.deepEqual(w?.proofs.map((p) => [p.commitmentIndex, p.valid, p.frozen, p.finalizableAt]), [[3n, true, true, 101n]])
    assert.deepEqual(calls, [['embedded.anchor.getCommitment', '9', '3'], ['embedded.anchor.getWithdrawal', '9', 'ee'.repeat(32)]])
  })

  it('null answers are undefined; another shape fails naming the field', async () => {
    const r = createAnchorReader(client({ 'embedded.anchor.getCommitment': null, 'embedded.anchor.getChain': null }), 9n)
    assert.equal(await r.commitment(1n), undefined)
    assert.equal(await r.chain(), undefined)
    const bad = createAnchorReader(client({ 'embedded.anchor.getCommitment': { ...commitmentJSON, status: 'pending' } }), 9n)
    await assert.rejects(bad.commitment(1n), { name: 'InvalidJSONError', message: 'embedded.anchor.getCommitment(1).status: expected one of inWindow, final, flagged, frozen, got "pending"' })
    const { l2BlockNumber: _dropped, ...withoutBlock } = commitmentJSON
    const missing = createAnchorReader(client({ 'embedded.anchor.getCommitment': withoutBlock }), 9n)
    await assert.rejects(missing.commitment(1n), { name: 'InvalidJSONError', message: 'embedded.anchor.getCommitment(1).l2BlockNumber: missing' })
  })

  it('readCommitmentHead: the record and its newest commitment agree; a verdict between the reads means reading both again', async () => {
    const calls: string[] = []
    // getChain counts 5, then 3 (a verdict deleted 4 and 5 after the first getChain answer).
    const counts = [5n, 3n]
    const anchor = {
      chainId: 7n,
      async chain() {
        calls.push('chain')
        return { commitmentCount: counts.shift()! } as AnchorChainInfo
      },
      async commitment(index: bigint) {
        calls.push(`commitment ${index}`)
        return index <= 3n ? ({ index } as AnchorCommitment) : undefined
      },
    }
    const head = await readCommitmentHead(anchor)
    assert.deepEqual([head.chain?.commitmentCount, head.newest?.index], [3n, 3n])
    assert.deepEqual(calls, ['chain', 'commitment 5', 'chain', 'commitment 3'])

    calls.length = 0
    counts.push(0n)
    assert.deepEqual(await readCommitmentHead(anchor), { chain: { commitmentCount: 0n }, newest: undefined })
    assert.deepEqual(calls, ['chain'])

    counts.push(4n, 4n, 4n)
    await assert.rejects(readCommitmentHead(anchor), {
      name: 'CommitmentsChangedError',
      message: 'the anchor deleted commitments of chain 7 between the reads of each of 3 attempts (fraud verdicts): retry',
    })
  })
})
