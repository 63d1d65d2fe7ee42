import { test } from 'node:test'
import assert from 'node:assert/strict'
import { adviceFor } from '../../../bridge/cli/advice.ts'
import { AnchorErrors } from '../../../contracts/anchor/errors.ts'

const ctx = { chainId: 7n, withdrawalRef: '--tx 0xab', finalizableWhen: 'at momentum 50, now 40: about 5 s' }

test('anchor failure texts map to the next step', () => {
  assert.equal(adviceFor(AnchorErrors.windowNotPassed, ctx), 'Finalizable at momentum 50, now 40: about 5 s; run nomx bridge finalize --tx 0xab again then.')
  assert.equal(adviceFor(AnchorErrors.notProven, ctx), 'Prove it first: nomx bridge prove --tx 0xab.')
  assert.equal(adviceFor(AnchorErrors.chainNotFound, ctx), "No chain 7 on this anchor: check --chain-id (default: the L2's eth_chainId) and --nom-rpc.")
  assert.equal(adviceFor(`${AnchorErrors.invalidStorageProof}: missing node ab`, ctx), 'The proof does not fit the anchor\'s commitment: fetch a fresh one with nomx bridge prove --tx 0xab, from an L2 RPC of this chain (--l2-rpc).')
  assert.equal(adviceFor(AnchorErrors.halted, ctx), 'Withdrawals of chain 7 are halted by its guardians or administrator (deposits still work); try again after the unhalt.')
  assert.equal(adviceFor(AnchorErrors.provenCommitmentGone, ctx), 'The commitment you proved against was deleted (fraud verdict): prove again with nomx bridge prove --tx 0xab.')
})

test('every withdrawal-side failure of the anchor has advice; unknown texts get none', () => {
  const withdrawalTexts = [
    AnchorErrors.chainNotFound,
    AnchorErrors.halted,
    AnchorErrors.unhaltCooldown,
    AnchorErrors.commitmentNotFound,
    AnchorErrors.unsupportedOutputVersion,
    AnchorErrors.outputRootMismatch,
    AnchorErrors.alreadyFinalized,
    AnchorErrors.alreadyProven,
    AnchorErrors.invalidStorageProof,
    AnchorErrors.notInMessagePasser,
    AnchorErrors.invalidTarget,
    AnchorErrors.malformedTokenWithdrawal,
    AnchorErrors.notProven,
    AnchorErrors.notProvenByProver,
    AnchorErrors.provenCommitmentGone,
    AnchorErrors.commitmentFlagged,
    AnchorErrors.windowNotPassed,
    AnchorErrors.releaseExceedsDeposits,
  ]
  for (const text of withdrawalTexts) assert.notEqual(adviceFor(text, ctx), '', text)
  assert.equal(adviceFor('something new', ctx), '')
})
