import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ANCHOR_ABI, ChangeAdministratorABI, DepositABI, findMethod, ProveWithdrawalABI } from '../../../contracts/anchor/abi.ts'
import { ChainCodec } from '../../../contracts/anchor/records.ts'
import { EmbeddedContractError } from '../../../nom/devnet/embedded/types.ts'
import { concatBytes, fromHex, sha3, toHex } from '../../../nom/hash.ts'

const SELECTORS: Record<string, string> = {
  'CreateChain(uint64,address,uint64,uint64,uint64,address[],uint32,uint256,uint256,uint64)': 'f6782d0c',
  'Deposit(uint64,bytes20)': 'a6b00e14',
  'DepositCall(uint64,bytes20,uint256,uint64,bytes)': 'f19db926',
  'SubmitFrame(uint64,bytes)': '7b025448',
  'ProposeCommitment(uint64,uint64,uint64,hash,uint64,hash,uint64,hash)': '46b5bf22',
  'PostBond(uint64)': '03905ade',
  'WithdrawBond(uint64)': '4ee73bfa',
  'Flag(uint64,uint64,hash)': '3beb5a4f',
  'ResolveFlag(uint64,uint64,hash,bool)': '63b84312',
  'ProveWithdrawal(uint64,uint64,uint256,bytes20,bytes20,uint256,uint256,bytes,hash,hash,hash,hash,bytes[])': '4b0f1bcf',
  'FinalizeWithdrawal(uint64,hash,address)': '5455831e',
  'Halt(uint64)': '0b3f408d',
  'Unhalt(uint64)': 'abb17ced',
  'ChangeAdministrator(address)': '4f6bef7c',
  'NominateGuardians(uint64,address[],uint32)': '7c6d3de3',
  'SetChainParams(uint64,uint64,uint64,uint64,uint256,uint256,uint64)': 'cb04124a',
  'ChangeProposer(uint64,address)': 'd9ad7fbf',
}

test('selectors are SHA3-256 of the signatures (the table in SPEC.md)', () => {
  assert.deepEqual(Object.fromEntries(ANCHOR_ABI.map((m) => [m.signature, toHex(m.selector)])), SELECTORS)
  for (const [sig, sel] of Object.entries(SELECTORS)) assert.equal(toHex(sha3(new TextEncoder().encode(sig)).subarray(0, 4)), sel)
  // Same text as the NoM bridge's ChangeAdministrator(address) (reference §9): 4f6bef7c.
  assert.equal(toHex(ChangeAdministratorABI.selector), '4f6bef7c')
})

test('Deposit carries the L2 recipient as bytes20: 20 raw bytes, right-padded', () => {
  const data = DepositABI.encode({ chainId: 7n, l2Recipient: fromHex('f39fd6e51aad88f6f4ce6ab8827279cfffb92266') })
  assert.equal(toHex(data), 'a6b00e14' + '00'.repeat(31) + '07' + 'f39fd6e51aad88f6f4ce6ab8827279cfffb92266' + '00'.repeat(12))
  assert.deepEqual(DepositABI.decode(data), { chainId: 7n, l2Recipient: fromHex('f39fd6e51aad88f6f4ce6ab8827279cfffb92266') })
})

test('decoding is strict: trailing bytes, short data, dirty padding fail with go-zenon’s unpack text', () => {
  const data = DepositABI.encode({ chainId: 7n, l2Recipient: new Uint8Array(20).fill(1) })
  const unpack = (d: Uint8Array) => assert.throws(() => DepositABI.decode(d), (e: unknown) => e instanceof EmbeddedContractError && e.message === 'invalid unpack method data')
  unpack(concatBytes(data, new Uint8Array(32)))
  unpack(data.subarray(0, data.length - 1))
  const dirty = Uint8Array.from(data)
  dirty[dirty.length - 1] = 1
  unpack(dirty)
  const wrongSelector = Uint8Array.from(data)
  wrongSelector[0] = wrongSelector[0]! ^ 0xff
  unpack(wrongSelector)
})

test('findMethod dispatches by selector', () => {
  const data = ProveWithdrawalABI.encode({
    chainId: 1n, commitmentIndex: 2n, nonce: 3n, sender: new Uint8Array(20), target: new Uint8Array(20), value: 4n, gasLimit: 5n, data: Uint8Array.of(1, 2),
    version: new Uint8Array(32), stateRoot: new Uint8Array(32).fill(1), messagePasserStorageRoot: new Uint8Array(32).fill(2), latestBlockhash: new Uint8Array(32).fill(3),
    storageProof: [Uint8Array.of(0xc0), new Uint8Array(40).fill(9)],
  })
  assert.equal(findMethod(data)?.name, 'ProveWithdrawal')
  assert.deepEqual(ProveWithdrawalABI.decode(data).storageProof, [Uint8Array.of(0xc0), new Uint8Array(40).fill(9)])
  assert.equal(findMethod(Uint8Array.of(1, 2, 3, 4)), undefined)
  assert.equal(findMethod(Uint8Array.of(1)), undefined)
})

test('stored records round-trip through their ABI layouts', () => {
  const chain = {
    chainId: 9n, proposer: new Uint8Array(20), challengeWindow: 1n, sequencingWindow: 2n, depositConfirmations: 1n,
    guardians: [new Uint8Array(20).fill(0), Uint8Array.of(0, ...new Array(19).fill(7))], quorum: 2n, proposerBond: 10n ** 30n, flagBond: 1n,
    unhaltCooldown: 3n, halted: true, haltedAt: 4n, unhaltedAt: 5n, depositCount: 6n, frameCount: 7n, nextCommitmentIndex: 8n, forfeitedFlagBonds: 9n, createdAt: 10n,
  }
  assert.deepEqual(ChainCodec.decode(ChainCodec.encode(chain)), chain)
})
