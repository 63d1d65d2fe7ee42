import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { AnchorReader } from '../../../bridge/withdrawals/anchorReader.ts'
import type { WithdrawalContext } from '../../../bridge/withdrawals/context.ts'
import { expectedCommitment, momentumSeconds } from '../../../bridge/withdrawals/expectedCommitment.ts'

/** A context whose L2 head is `head` and whose NoM momentums are `secondsPerMomentum` apart. */
function context(head: bigint, options: Partial<WithdrawalContext> & { secondsPerMomentum?: number } = {}): WithdrawalContext {
  const spacing = BigInt(options.secondsPerMomentum ?? 10)
  const anchor = {
    chainId: 1n,
    async momentum(height: bigint) {
      return { height, hash: new Uint8Array(32), timestamp: 1_000_000n + height * spacing }
    },
  } as unknown as AnchorReader
  return {
    l2: { chain: { head: () => ({ block: { header: { number: head } } }) } } as unknown as WithdrawalContext['l2'],
    anchor,
    commitIntervalBlocks: 10n,
    ...options,
  }
}

const frontier = (height: bigint, spacing = 10n) => ({ height, timestamp: 1_000_000n + height * spacing })

describe('expectedCommitment', () => {
  it('the first multiple of the interval at or after the block, past the newest commitment', async () => {
    const ctx = context(100n, { momentumIntervalMs: 10_000 })
    assert.equal((await expectedCommitment(ctx, 31n, 30n, frontier(500n))).l2BlockNumber, 40n)
    assert.equal((await expectedCommitment(ctx, 40n, 30n, frontier(500n))).l2BlockNumber, 40n)
    assert.equal((await expectedCommitment(ctx, 41n, undefined, frontier(500n))).l2BlockNumber, 50n)
    // A commitment at a block that is not a multiple (another proposer): the next multiple after it.
    assert.equal((await expectedCommitment(ctx, 33n, 32n, frontier(500n))).l2BlockNumber, 40n)
  })

  it('ETA: blocks still to come at the block time plus the NoM latency; none from L2 in automine', async () => {
    const timed = context(95n, { blockTimeMs: 2000, momentumIntervalMs: 10_000, commitLatencyMomentums: 3n })
    assert.deepEqual(await expectedCommitment(timed, 94n, 90n, frontier(500n)), {
      interval: 10n, l2BlockNumber: 100n, newestCommittedBlock: 90n, blocksToGo: 5n, etaMomentums: 4n, etaSeconds: 40,
    })
    const automine = context(95n, { momentumIntervalMs: 10_000 })
    assert.deepEqual(await expectedCommitment(automine, 94n, 90n, frontier(500n)), {
      interval: 10n, l2BlockNumber: 100n, newestCommittedBlock: 90n, blocksToGo: 5n, etaMomentums: undefined, etaSeconds: undefined,
    })
    const reached = context(120n)
    assert.deepEqual(await expectedCommitment(reached, 94n, 90n, frontier(500n)), {
      interval: 10n, l2BlockNumber: 100n, newestCommittedBlock: 90n, blocksToGo: 0n, etaMomentums: 4n, etaSeconds: 40,
    })
  })

  it('momentum interval: configured, else measured from the last 100 momentums, unknown at genesis', async () => {
    assert.equal(await momentumSeconds({ momentumIntervalMs: 500 }, context(0n).anchor, frontier(10n)), 0.5)
    assert.equal(await momentumSeconds({}, context(0n, { secondsPerMomentum: 7 }).anchor, frontier(1000n, 7n)), 7)
    assert.equal(await momentumSeconds({}, context(0n).anchor, frontier(1n)), undefined)
    assert.equal(await momentumSeconds({}, context(0n).anchor, frontier(2n)), undefined)
  })

  it('a young chain is measured without the genesis momentum (its timestamp is the network’s birth)', async () => {
    const anchor = {
      async momentum(height: bigint) {
        return { height, hash: new Uint8Array(32), timestamp: height === 1n ? 1_000n : 5_000_000n + height * 10n }
      },
    } as unknown as AnchorReader
    assert.equal(await momentumSeconds({}, anchor, { height: 51n, timestamp: 5_000_000n + 510n }), 10)
  })
})
