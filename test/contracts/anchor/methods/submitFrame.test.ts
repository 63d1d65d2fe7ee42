import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createAnchorContract } from '../../../../contracts/anchor/contract.ts'
import { SubmitFrameABI } from '../../../../contracts/anchor/abi.ts'
import { ANCHOR_ADDRESS } from '../../../../contracts/anchor/address.ts'
import { MAX_FRAME_BYTES } from '../../../../contracts/anchor/constants.ts'
import { emptyAccountBlock } from '../../../../nom/accountBlock.ts'
import { EmbeddedContractError } from '../../../../nom/devnet/embedded/types.ts'

const contract = createAnchorContract({ administrator: new Uint8Array(20) })
const method = contract.methods.find((m) => m.signature === SubmitFrameABI.signature)!

test('SubmitFrame costs plasma like plain data: 21,000 + 68 per byte of the block data', () => {
  assert.equal(method.plasma, 21_000n)
  for (const n of [1, 100, MAX_FRAME_BYTES]) {
    const data = SubmitFrameABI.encode({ chainId: 1n, data: new Uint8Array(n) })
    assert.equal(method.plasmaFor?.(data), 21_000n + 68n * BigInt(data.length))
  }
  assert.equal(method.plasmaFor?.(SubmitFrameABI.encode({ chainId: 1n, data: new Uint8Array(MAX_FRAME_BYTES) })), 21_000n + 68n * 16_356n)
})

test('a frame above the limit is refused at publish time', () => {
  const send = emptyAccountBlock({ blockType: 2, toAddress: ANCHOR_ADDRESS, data: SubmitFrameABI.encode({ chainId: 1n, data: new Uint8Array(MAX_FRAME_BYTES + 1) }) })
  assert.throws(() => method.validateSend(send), (e: unknown) => e instanceof EmbeddedContractError && e.message === 'frame data too large')
  method.validateSend({ ...send, data: SubmitFrameABI.encode({ chainId: 1n, data: new Uint8Array(MAX_FRAME_BYTES) }) })
})

test('every method but SubmitFrame and DepositCall has a fixed plasma cost (go-zenon embedded constants)', () => {
  const costs = Object.fromEntries(contract.methods.map((m) => [m.signature.slice(0, m.signature.indexOf('(')), [m.plasma, m.plasmaFor !== undefined]]))
  assert.deepEqual(costs, {
    CreateChain: [52_500n, false], Deposit: [52_500n, false], DepositCall: [52_500n, true], SubmitFrame: [21_000n, true], ProposeCommitment: [52_500n, false],
    PostBond: [52_500n, false], WithdrawBond: [73_500n, false], Flag: [52_500n, false], ResolveFlag: [73_500n, false],
    ProveWithdrawal: [94_500n, false], FinalizeWithdrawal: [73_500n, false], Halt: [52_500n, false], Unhalt: [52_500n, false],
    ChangeAdministrator: [52_500n, false], NominateGuardians: [52_500n, false], SetChainParams: [52_500n, false], ChangeProposer: [52_500n, false],
  })
  assert.equal(contract.name, 'anchor')
})
