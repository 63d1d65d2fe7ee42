import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTx } from '@ethereumjs/tx'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import { decodeFunctionResult, encodeDeployData, encodeFunctionData } from 'viem'
import { compileToken } from '../../fixtures/contracts/compile.ts'
import { startTestNode, type TestNode } from '../../helpers/node.ts'
import { createChainCommon } from '../../../node/execution/chainCommon.ts'
import { revertMessage } from '../../../node/execution/createExecutor.ts'

const token = compileToken()
const common = createChainCommon({ chainId: 73404n })
let t: TestNode
let tokenAddress: Uint8Array
let owner: Uint8Array

before(async () => {
  t = await startTestNode({ blockTimeMs: 60_000 })
  owner = hexToBytes(t.accounts[0]!.address)
  const deploy = createTx(
    { type: 2, nonce: 0n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n, gasLimit: 2_000_000n, data: encodeDeployData({ abi: token.abi, bytecode: token.bytecode, args: [1000n] }) },
    { common },
  ).sign(hexToBytes(t.accounts[0]!.privateKey))
  await t.node.backend.txpool.add(deploy.serialize())
  await t.node.sealBlock()
  const receipts = await t.node.backend.chain.getReceipts(t.node.backend.chain.head().hash)
  assert.equal(receipts?.[0]?.status, 1)
  tokenAddress = receipts?.[0]?.contractAddress as Uint8Array
})

after(() => t.stop())

const head = () => t.node.backend.chain.head().block.header
const data = (functionName: string, args: unknown[]) => hexToBytes(encodeFunctionData({ abi: token.abi, functionName, args } as never))

test('call returns the return data at a block', async () => {
  const out = await t.node.backend.executor.call({ to: tokenAddress, data: data('balanceOf', [t.accounts[0]!.address]) }, head())
  assert.equal(decodeFunctionResult({ abi: token.abi, functionName: 'balanceOf', data: bytesToHex(out) } as never), 1000n)
  const genesis = (await t.node.backend.chain.getBlockByNumber(0n))!.block.header
  assert.equal((await t.node.backend.executor.call({ to: tokenAddress, data: data('balanceOf', [t.accounts[0]!.address]) }, genesis)).length, 0)
})

test('revert with Error(string) → execution reverted: <reason>, data = revert bytes', async () => {
  const request = { from: owner, to: tokenAddress, data: data('transfer', ['0x0000000000000000000000000000000000000000', 1n]) }
  await assert.rejects(t.node.backend.executor.call(request, head()), (error: Error & { data?: unknown }) => {
    assert.equal(error.name, 'ExecutionRevertedError')
    assert.equal(error.message, 'execution reverted: transfer to the zero address')
    assert.equal(typeof error.data, 'string')
    assert.ok((error.data as string).startsWith('0x08c379a0'))
    assert.equal(revertMessage(hexToBytes(error.data as `0x${string}`)), error.message)
    return true
  })
})

test('revert with a custom error → execution reverted, data = the custom error', async () => {
  const request = { from: hexToBytes(t.accounts[1]!.address), to: tokenAddress, data: data('transfer', [t.accounts[2]!.address, 5n]) }
  await assert.rejects(t.node.backend.executor.call(request, head()), (error: Error & { data?: unknown }) => {
    assert.equal(error.name, 'ExecutionRevertedError')
    assert.equal(error.message, 'execution reverted')
    // InsufficientBalance(uint256 available = 0, uint256 required = 5)
    assert.equal(error.data, `${(error.data as string).slice(0, 10)}${'0'.repeat(64)}${'0'.repeat(63)}5`)
    return true
  })
})

test('out of gas and insufficient funds are ExecutionErrors with geth texts', async () => {
  await assert.rejects(
    t.node.backend.executor.call({ from: owner, to: tokenAddress, gas: 30_000n, data: data('transfer', [t.accounts[2]!.address, 5n]) }, head()),
    { name: 'ExecutionError', message: 'out of gas' },
  )
  await assert.rejects(
    t.node.backend.executor.call({ from: hexToBytes('0x00000000000000000000000000000000000000ff'), to: owner, value: 1n, gasPrice: 10n ** 9n }, head()),
    { name: 'ExecutionError', message: 'insufficient funds for gas * price + value' },
  )
})

test('estimateGas returns the smallest gas that succeeds', async () => {
  const request = { from: owner, to: tokenAddress, data: data('transfer', [t.accounts[2]!.address, 5n]) }
  const estimate = await t.node.backend.executor.estimateGas(request, head())
  await t.node.backend.executor.call({ ...request, gas: estimate }, head())
  await assert.rejects(t.node.backend.executor.call({ ...request, gas: estimate - 1n }, head()), { name: 'ExecutionError' })
  assert.equal(await t.node.backend.executor.estimateGas({ from: owner, to: hexToBytes(t.accounts[3]!.address), value: 1n }, head()), 21_000n)
  await assert.rejects(
    t.node.backend.executor.estimateGas({ from: owner, to: tokenAddress, data: data('transfer', ['0x0000000000000000000000000000000000000000', 1n]) }, head()),
    { name: 'ExecutionRevertedError', message: 'execution reverted: transfer to the zero address' },
  )
})

test('state overrides: balance, code and stateDiff apply to the call only', async () => {
  const stranger = hexToBytes(t.accounts[5]!.address)
  // balanceOf mapping is slot 0: key = keccak(pad(address) ++ pad(0))
  const { keccak_256 } = await import('@noble/hashes/sha3.js')
  const slot = keccak_256(hexToBytes(`0x${'00'.repeat(12)}${t.accounts[5]!.address.slice(2)}${'00'.repeat(32)}`))
  const overrides = new Map([[bytesToHex(tokenAddress), { stateDiff: new Map([[bytesToHex(slot), hexToBytes(`0x${'00'.repeat(31)}07`)]]) }]])
  const out = await t.node.backend.executor.call({ to: tokenAddress, data: data('balanceOf', [bytesToHex(stranger)]) }, head(), overrides)
  assert.equal(BigInt(bytesToHex(out)), 7n)
  const plain = await t.node.backend.executor.call({ to: tokenAddress, data: data('balanceOf', [bytesToHex(stranger)]) }, head())
  assert.equal(BigInt(bytesToHex(plain)), 0n)
  await assert.rejects(
    t.node.backend.executor.call({ to: tokenAddress }, head(), new Map([[bytesToHex(tokenAddress), { state: new Map(), stateDiff: new Map() }]])),
    { name: 'InvalidParamsError', message: `account ${bytesToHex(tokenAddress)} has both 'state' and 'stateDiff'` },
  )
})

test('createAccessList lists the touched slots (as geth: the recipient for its slots only)', async () => {
  const { keccak_256 } = await import('@noble/hashes/sha3.js')
  const balanceSlot = (address: string) => bytesToHex(keccak_256(hexToBytes(`0x${'00'.repeat(12)}${address.slice(2)}${'00'.repeat(32)}`)))
  const request = { from: owner, to: tokenAddress, data: data('transfer', [t.accounts[2]!.address, 5n]) }
  const result = await t.node.backend.executor.createAccessList(request, head())
  assert.equal(result.error, undefined)
  assert.equal(result.accessList.length, 1)
  assert.equal(bytesToHex(result.accessList[0]!.address), bytesToHex(tokenAddress))
  assert.deepEqual(result.accessList[0]!.storageKeys.map(bytesToHex).sort(), [balanceSlot(t.accounts[0]!.address), balanceSlot(t.accounts[2]!.address)].sort())
  const plain = await t.node.backend.executor.estimateGas(request, head())
  assert.ok(result.gasUsed > 21_000n && result.gasUsed < plain + 5_000n)
  const viaProxy = await t.node.backend.executor.createAccessList({ from: owner, to: hexToBytes(t.accounts[4]!.address), value: 1n }, head())
  assert.deepEqual(viaProxy.accessList, [])
  assert.equal(viaProxy.gasUsed, 21_000n)
})
