/**
 * A sequencer node seals blocks with transfers, an ERC-20 deployment and calls, a withdrawal and
 * deposits (one too big to share a block with the next); a replica fed the inputs a verifier would
 * derive from those blocks rebuilds the same chain: block hashes, state roots, output roots, and the
 * same JSON-RPC answers. eth_sendRawTransaction is refused by the replica.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { rm } from 'node:fs/promises'
import { bytesToHex, generateAddress, hexToBytes } from '@ethereumjs/util'
import { encodeDeployData, encodeFunctionData, parseAbi } from 'viem'
import { L2_TO_NOM_MESSAGE_PASSER_ADDRESS } from '../../../contracts/l2/addresses.ts'
import { silentLogger } from '../../../node/log.ts'
import { createNode, type Node } from '../../../node/node.ts'
import { createReplica, type Replica } from '../../../node/replay/createReplica.ts'
import { outputAtBlock } from '../../../node/rpc/outputRoot.ts'
import { loadToken } from '../../fixtures/contracts/compile.ts'
import { request } from '../rpc/client.ts'
import { accounts, inputsFromChain, mintDeposit, momentumAt, momentumSource, signTx, testConfig, type Momentum } from './replayFixture.ts'

const RECIPIENT = hexToBytes('0x00000000000000000000000000000000000000b1')
const NEWCOMER = hexToBytes('0x00000000000000000000000000000000000000c2')
const ERC20 = parseAbi(['function transfer(address to, uint256 value) returns (bool)', 'function balanceOf(address) view returns (uint256)'])
const PASSER = parseAbi(['function initiateWithdrawal(address target, uint256 gasLimit, bytes data) payable'])
const ETHER = 10n ** 18n

test('a replica fed the sequencer blocks\' inputs reaches the same hashes, state and output roots, and answers JSON-RPC the same', async () => {
  const momentums: Momentum[] = [momentumAt(100n), momentumAt(101n), momentumAt(102n), momentumAt(103n)]
  momentums[1]!.deposits.push(mintDeposit(momentums[1]!, 1n, NEWCOMER, 5n * ETHER))
  // 40M + 30M gas: the second does not fit in the same 60M block after the origin-info deposit.
  momentums[2]!.deposits.push(mintDeposit(momentums[2]!, 2n, RECIPIENT, ETHER, 40_000_000n), mintDeposit(momentums[2]!, 3n, NEWCOMER, ETHER, 30_000_000n))
  momentums[3]!.deposits.push(mintDeposit(momentums[3]!, 4n, RECIPIENT, 3n * ETHER))

  const source = momentumSource(momentums)
  const seqConfig = await testConfig()
  const node: Node = await createNode(seqConfig, { log: silentLogger, deposits: { source } })
  let replica: Replica | undefined
  const replicaConfig = await testConfig()
  try {
    await node.start()
    const add = (raw: Uint8Array) => node.backend.txpool.add(raw)
    const token = loadToken()
    const tokenAddress = generateAddress(accounts[0]!.address, new Uint8Array())

    // block 1: origin 100, a transfer and the token deployment
    await add(signTx(1, { nonce: 0n, to: RECIPIENT, value: ETHER }))
    await add(signTx(0, { nonce: 0n, data: hexToBytes(encodeDeployData({ abi: token.abi, bytecode: token.bytecode, args: [10n ** 24n] })), gasLimit: 1_500_000n }))
    await node.sealBlock()
    // block 2: origin 101 with a deposit to a new account, ERC-20 transfers
    source.confirmed = 101n
    for (let i = 0; i < 3; i++) {
      await add(signTx(0, { nonce: BigInt(i + 1), to: tokenAddress, data: hexToBytes(encodeFunctionData({ abi: ERC20, functionName: 'transfer', args: [bytesToHex(accounts[2 + i]!.address), 1000n * BigInt(i + 1)] })), gasLimit: 100_000n }))
    }
    await node.sealBlock()
    // block 3: origin 102, the 40M deposit only (the 30M one waits), a withdrawal and a transfer
    source.confirmed = 102n
    await add(signTx(2, { nonce: 0n, to: hexToBytes(L2_TO_NOM_MESSAGE_PASSER_ADDRESS), value: 10n ** 10n * 7n, gasLimit: 200_000n, data: hexToBytes(encodeFunctionData({ abi: PASSER, functionName: 'initiateWithdrawal', args: ['0x0022aa000000000000000000000000000000000a', 0n, '0x'] })) }))
    await add(signTx(3, { nonce: 0n, to: NEWCOMER, value: 2n * ETHER }))
    await node.sealBlock()
    // block 4: same origin (sequence number 1), the 30M deposit; the newcomer spends its minted ZNN
    await node.sealBlock()
    await add(signTx(4, { nonce: 0n, to: tokenAddress, data: hexToBytes(encodeFunctionData({ abi: ERC20, functionName: 'transfer', args: [bytesToHex(RECIPIENT), 1n] })), gasLimit: 100_000n }))
    // block 5: origin 103 with its deposit; an ERC-20 transfer from a receiver
    source.confirmed = 103n
    const last = await node.sealBlock()
    assert.equal(last.block.header.number, 5n)
    const seqBlock3 = await node.chain.getBlockByNumber(3n)
    assert.equal(seqBlock3?.deposits?.length, 2, 'block 3: origin-info + the 40M deposit')
    assert.equal((await node.chain.getBlockByNumber(4n))?.deposits?.length, 2, 'block 4: origin-info + the 30M deposit')

    const inputs = await inputsFromChain(node.chain, momentums)
    assert.equal(inputs[2]!.deposits.length, 2, 'block 3 is offered both deposits and must take only the first')

    replica = await createReplica(replicaConfig, { log: silentLogger })
    for (const input of inputs) {
      const result = await replica.applyBlock(input)
      assert.ok(result.valid, `block ${input.number}: ${result.valid ? '' : result.reason}`)
      const expected = await node.chain.getBlockByNumber(input.number)
      assert.ok(expected !== undefined)
      assert.equal(bytesToHex(result.sealed.hash), bytesToHex(expected.hash), `block ${input.number} hash`)
      assert.equal(bytesToHex(result.sealed.block.header.stateRoot), bytesToHex(expected.block.header.stateRoot))
      assert.equal(bytesToHex(result.outputRoot), bytesToHex((await outputAtBlock(node.backend, expected)).outputRoot))
      assert.deepEqual(result.sealed.origin, expected.origin)
      assert.deepEqual(result.sealed.lastDepositSourceHash, expected.lastDepositSourceHash)
      assert.equal(result.receipts.length, (expected.deposits?.length ?? 0) + expected.block.transactions.length)
    }
    assert.equal(bytesToHex(replica.head().hash), bytesToHex(last.hash))
    assert.equal(bytesToHex((await replica.outputRootAt(5n))!), bytesToHex((await outputAtBlock(node.backend, last)).outputRoot))
    assert.equal(await replica.outputRootAt(6n), undefined)
    const progress = replica.progress()
    assert.equal(progress.head, 5n)
    assert.equal(progress.blocks, 5)
    assert.equal(progress.txs, 5 + 4 + 8) // 5 origin-info deposits, 4 user deposits, 8 txs
    assert.ok(progress.blocksPerSecond > 0 && progress.txPerSecond > 0)

    await replica.start()
    const seqUrl = node.rpcUrl
    const repUrl = replica.rpcUrl
    const same = async (method: string, params: unknown[]) => {
      const [a, b] = await Promise.all([request(seqUrl, method, params), request(repUrl, method, params)])
      assert.equal(a.error, undefined, `${method} ${JSON.stringify(params)}: ${JSON.stringify(a.error)}`)
      assert.deepEqual(b, a, `${method} ${JSON.stringify(params)}`)
      return a.result
    }
    assert.equal(await same('eth_blockNumber', []), '0x5')
    for (const who of [...accounts.slice(0, 5).map((a) => a.address), RECIPIENT, NEWCOMER, hexToBytes('0x4200000000000000000000000000000000000011')]) {
      for (const at of ['latest', '0x2', '0x3']) await same('eth_getBalance', [bytesToHex(who), at])
    }
    for (let n = 0; n <= 5; n++) {
      const block = (await same('eth_getBlockByNumber', [`0x${n.toString(16)}`, true])) as { transactions: { hash: string }[] }
      for (const tx of block.transactions) await same('eth_getTransactionReceipt', [tx.hash])
    }
    await same('eth_call', [{ to: bytesToHex(tokenAddress), data: encodeFunctionData({ abi: ERC20, functionName: 'balanceOf', args: [bytesToHex(RECIPIENT)] }) }, 'latest'])
    await same('eth_getStorageAt', [L2_TO_NOM_MESSAGE_PASSER_ADDRESS, '0x1', 'latest'])
    await same('nomx_outputAtBlock', ['0x3'])
    await same('eth_getLogs', [{ fromBlock: '0x0', toBlock: 'latest' }])

    const refused = await request(repUrl, 'eth_sendRawTransaction', [bytesToHex(signTx(1, { nonce: 1n, to: RECIPIENT, value: 1n }))])
    assert.deepEqual(refused.error, { code: -32004, message: 'this node is a read-only replica: send transactions to the sequencer' })
    assert.deepEqual((await request(repUrl, 'txpool_status', [])).result, { pending: '0x0', queued: '0x0' })
    // pending nonce = head nonce on a replica
    assert.equal((await request(repUrl, 'eth_getTransactionCount', [bytesToHex(accounts[0]!.address), 'pending'])).result, '0x4')
  } finally {
    await replica?.stop()
    await node.stop()
    await rm(seqConfig.dataDir, { recursive: true, force: true })
    await rm(replicaConfig.dataDir, { recursive: true, force: true })
  }
})
