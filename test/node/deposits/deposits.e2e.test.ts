/**
 * Deposits end to end on a real node: a test DepositSource feeds momentums and deposits, blocks are
 * sealed by hand, and everything is read back over JSON-RPC with viem (op-stack formatters).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMPT } from '@ethereumjs/mpt'
import { RLP } from '@ethereumjs/rlp'
import { bigIntToUnpaddedBytes, bytesToHex, concatBytes, generateAddress, hexToBytes } from '@ethereumjs/util'
import { createPublicClient, createWalletClient, defineChain, encodeFunctionData, http, keccak256, parseAbi, serializeTransaction as serializeSigned, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { chainConfig, serializeTransaction } from 'viem/op-stack'
import { createConfig } from '../../../node/config.ts'
import type { DepositBatch, DepositRequest, DepositSource, OriginMomentum, SequencerDeposits } from '../../../node/deposits/depositSource.ts'
import { originInfoSourceHash, userDepositSourceHash, type DepositTx } from '../../../node/deposits/depositTx.ts'
import { logsBloom } from '../../../node/chain/receiptCodec.ts'
import { silentLogger } from '../../../node/log.ts'
import { createNode, type Node } from '../../../node/node.ts'

const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' as const
const USER = privateKeyToAccount(KEY)
const NOM_INFO = '0x4200000000000000000000000000000000000015'
const REVERTER = '0x00000000000000000000000000000000000000ee'
const RECIPIENT = '0x00000000000000000000000000000000000000f1'
/** NoM depositors (20 raw NoM address bytes as L2 `from`). */
const ZNN_SENDER = hexToBytes('0x0022aa000000000000000000000000000000000a')
const OTHER_SENDER = hexToBytes('0x0022bb000000000000000000000000000000000b')
const NOM_UNIT = 10n ** 10n
/** Init code deploying a 13-byte runtime that emits LOG1(topic 0x2a, data = 32-byte 0x2a). */
const LOGGER_INIT = hexToBytes('0x600d600c600039600d6000f3602a600052602a60206000a100')
/** Stand-in for NoMInfo: stores calldata words 1..4 in slots 0..3, then LOG1(topic 1). */
const NOM_INFO_CODE = '0x600435600055602435600155604435600255606435600355600160006000a100'
const ABI = parseAbi(['function setOrigin(uint64 height, bytes32 hash, uint64 timestamp, uint64 sequenceNumber)'])
const CHAIN_ID = 73404

const chain = defineChain({
  ...chainConfig,
  id: CHAIN_ID,
  name: 'nomx-test',
  nativeCurrency: { name: 'ZNN', symbol: 'ZNN', decimals: 18 },
  rpcUrls: { default: { http: ['http://127.0.0.1'] } },
})

const originCalldata: SequencerDeposits['originCalldata'] = (o) =>
  hexToBytes(encodeFunctionData({ abi: ABI, functionName: 'setOrigin', args: [o.height, bytesToHex(o.hash) as Hex, o.timestamp, o.sequenceNumber] }))

interface Momentum extends OriginMomentum {
  deposits: DepositTx[]
}

function momentum(height: bigint): Momentum {
  return { height, hash: hexToBytes(keccak256(bigIntToUnpaddedBytes(height + 1000n))), timestamp: 0x69000000n + height * 10n, deposits: [] }
}

/** Confirmed momentums up to `confirmed`; answers with the newest as origin and the deposits after the chain's cursor. */
function testSource(momentums: Momentum[]): DepositSource & { confirmed: bigint; requests: DepositRequest[] } {
  const src = {
    confirmed: -1n,
    requests: [] as DepositRequest[],
    async next(request: DepositRequest): Promise<DepositBatch | undefined> {
      src.requests.push(request)
      const visible = momentums.filter((m) => m.height <= src.confirmed)
      const origin = visible.at(-1)
      if (origin === undefined) return undefined
      const all = visible.flatMap((m) => m.deposits)
      const last = request.lastDepositSourceHash
      const from = last === undefined ? 0 : all.findIndex((d) => Buffer.compare(d.sourceHash, last) === 0) + 1
      return { origin: { height: origin.height, hash: origin.hash, timestamp: origin.timestamp }, deposits: all.slice(from) }
    },
  }
  return src
}

async function startNode(dataDir: string, genesisPath: string, source: DepositSource): Promise<Node> {
  const config = createConfig({ dataDir, genesis: genesisPath, blockTimeMs: 3_600_000, rpc: { host: '127.0.0.1', port: 0 } })
  const node = await createNode(config, { log: silentLogger, deposits: { source, originCalldata } })
  await node.start()
  return node
}

function depositBytes(d: DepositTx): Hex {
  return serializeTransaction({
    type: 'deposit',
    sourceHash: bytesToHex(d.sourceHash) as Hex,
    from: bytesToHex(d.from) as Hex,
    ...(d.to === null ? {} : { to: bytesToHex(d.to) as Hex }),
    mint: d.mint,
    value: d.value,
    gas: d.gas,
    isSystemTx: d.isSystemTx,
    data: bytesToHex(d.data) as Hex,
  })
}

test('deposits through JSON-RPC: system deposit first, mint + value, reverted call, create, failed deposit; roots; restart does not re-mint', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'nomx-deposits-'))
  const genesisPath = `${dataDir}.genesis.json`
  await writeFile(
    genesisPath,
    JSON.stringify({
      config: { chainId: CHAIN_ID, hardfork: 'prague', blockTimeMs: 1000, baseFeeFloor: '0x5f5e100', feeVault: '0x4200000000000000000000000000000000000011' },
      timestamp: '0x69000000',
      gasLimit: '0x1c9c380',
      baseFeePerGas: '0x3b9aca00',
      alloc: {
        [USER.address.toLowerCase()]: { balance: '0x21e19e0c9bab2400000' },
        [NOM_INFO]: { balance: '0x0', code: NOM_INFO_CODE },
        [REVERTER]: { balance: '0x0', code: '0x60006000fd' },
      },
    }),
  )
  const m = [momentum(100n), momentum(101n), momentum(102n)]
  const znn = (amount: bigint) => amount * 10n ** 8n * NOM_UNIT
  const d0: DepositTx = { sourceHash: userDepositSourceHash(m[1]!.hash, 0n), from: ZNN_SENDER, to: hexToBytes(RECIPIENT), mint: znn(10n), value: znn(10n), gas: 21_000n, isSystemTx: false, data: new Uint8Array() }
  const d1: DepositTx = { sourceHash: userDepositSourceHash(m[1]!.hash, 1n), from: OTHER_SENDER, to: hexToBytes(REVERTER), mint: znn(2n), value: znn(1n), gas: 60_000n, isSystemTx: false, data: hexToBytes('0x1234') }
  const d2: DepositTx = { sourceHash: userDepositSourceHash(m[1]!.hash, 2n), from: OTHER_SENDER, to: null, mint: 0n, value: 0n, gas: 200_000n, isSystemTx: false, data: LOGGER_INIT }
  const d3: DepositTx = { sourceHash: userDepositSourceHash(m[2]!.hash, 3n), from: OTHER_SENDER, to: hexToBytes(RECIPIENT), mint: 1n, value: znn(1000n), gas: 30_000n, isSystemTx: false, data: new Uint8Array() }
  m[1]!.deposits.push(d0, d1, d2)
  m[2]!.deposits.push(d3)

  let source = testSource(m)
  let node = await startNode(dataDir, genesisPath, source)
  try {
    let client = createPublicClient({ chain, transport: http(node.rpcUrl) })

    // no momentum confirmed yet: no block (it could have no origin), the head stays at genesis
    await assert.rejects(node.sealBlock(), { name: 'OriginUnavailableError', message: 'no origin momentum for block 1: the deposit source knows none yet' })
    assert.equal(await client.getBlockNumber(), 0n)
    assert.equal(await client.getBlock({ blockNumber: 1n }).catch((error: Error) => error.name), 'BlockNotFoundError')

    // origin 100, no user deposits: block 1 holds only the system deposit
    source.confirmed = 100n
    let sealed = await node.sealBlock()
    assert.equal(sealed.block.header.number, 1n)
    assert.deepEqual(sealed.origin, { height: 100n, hash: m[0]!.hash, timestamp: m[0]!.timestamp, sequenceNumber: 0n })
    const b1 = await client.getBlock({ blockNumber: 1n, includeTransactions: true })
    assert.equal(b1.transactions.length, 1)
    const sys = b1.transactions[0]!
    assert.equal(sys.type, 'deposit')
    assert.equal(sys.from, '0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001')
    assert.equal(sys.to, NOM_INFO)
    assert.equal(sys.sourceHash, bytesToHex(originInfoSourceHash(m[0]!.hash, 0n)))
    assert.equal(sys.gas, 1_000_000n)
    assert.equal(sys.nonce, 0)
    assert.equal(sys.input, bytesToHex(originCalldata({ ...m[0]!, sequenceNumber: 0n })))
    const storage = async (slot: bigint) => client.getStorageAt({ address: NOM_INFO, slot: `0x${slot.toString(16)}` })
    assert.equal(BigInt((await storage(0n))!), 100n)
    assert.equal(await storage(1n), bytesToHex(m[0]!.hash))
    assert.equal(BigInt((await storage(2n))!), m[0]!.timestamp)
    assert.equal(BigInt((await storage(3n))!), 0n)

    // raw JSON: OP's deposit fields (zero v/r/s, gasPrice 0, mint, sourceHash, no isSystemTx when false)
    const raw = (await (await fetch(node.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getTransactionByHash', params: [sys.hash] }),
    })).json()) as { result: Record<string, unknown> }
    assert.deepEqual(raw.result, {
      blockHash: b1.hash,
      blockNumber: '0x1',
      blockTimestamp: `0x${b1.timestamp.toString(16)}`,
      from: '0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001',
      gas: '0xf4240',
      gasPrice: '0x0',
      hash: sys.hash,
      input: sys.input,
      nonce: '0x0',
      to: NOM_INFO,
      transactionIndex: '0x0',
      value: '0x0',
      type: '0x7e',
      v: '0x0',
      r: '0x0',
      s: '0x0',
      sourceHash: sys.sourceHash,
      mint: '0x0',
      depositReceiptVersion: '0x1',
    })

    // the same origin again: sequence number 1
    sealed = await node.sealBlock()
    assert.equal(sealed.origin?.sequenceNumber, 1n)
    assert.equal(BigInt((await storage(3n))!), 1n)

    // origin 101 with three user deposits and a pool tx from a dev account
    source.confirmed = 101n
    const wallet = createWalletClient({ chain, transport: http(node.rpcUrl), account: USER })
    const poolHash = await wallet.sendTransaction({ to: RECIPIENT, value: 5n, gas: 21_000n })
    sealed = await node.sealBlock()
    const number = sealed.block.header.number
    assert.equal(number, 3n)
    const block = await client.getBlock({ blockNumber: number, includeTransactions: true })
    assert.deepEqual(block.transactions.map((t) => t.type), ['deposit', 'deposit', 'deposit', 'deposit', 'eip1559'])
    assert.equal(block.transactions[4]!.hash, poolHash)
    assert.equal(block.transactions[4]!.transactionIndex, 4)
    const hashes = [keccak256(depositBytes(d0)), keccak256(depositBytes(d1)), keccak256(depositBytes(d2))]
    assert.deepEqual(block.transactions.slice(1, 4).map((t) => t.hash), hashes)
    assert.equal(await client.getBlockTransactionCount({ blockNumber: number }), 5)
    assert.equal((await client.getTransaction({ blockNumber: number, index: 1 })).hash, hashes[0])
    assert.equal((await client.getTransaction({ blockHash: block.hash, index: 3 })).hash, hashes[2])

    const receipts = await Promise.all(block.transactions.map((t) => client.getTransactionReceipt({ hash: t.hash })))
    assert.deepEqual(receipts.map((r) => r.status), ['success', 'success', 'reverted', 'success', 'success'])
    // viem's op-stack receipt formatter leaves the 0x7e type as is (as against an OP node)
    assert.deepEqual(receipts.map((r) => r.type), ['0x7e', '0x7e', '0x7e', '0x7e', 'eip1559'])
    const created = bytesToHex(generateAddress(OTHER_SENDER, bigIntToUnpaddedBytes(1n)))
    assert.equal(receipts[3]!.contractAddress, created)
    assert.equal(receipts[1]!.effectiveGasPrice, 0n)
    assert.equal(receipts[1]!.gasUsed, 21_000n)
    assert.deepEqual(receipts.slice(0, 4).map((r) => (r as unknown as { depositNonce: bigint }).depositNonce), [2n, 0n, 0n, 1n])

    // balances: the ZNN deposit (10 ZNN at 10^10 wei per NoM unit) reached the recipient in full;
    // the reverted call kept its mint with the sender; the create deployed code
    assert.equal(await client.getBalance({ address: RECIPIENT }), znn(10n) + 5n)
    assert.equal(await client.getBalance({ address: bytesToHex(ZNN_SENDER) as Hex }), 0n)
    assert.equal(await client.getBalance({ address: bytesToHex(OTHER_SENDER) as Hex }), znn(2n))
    assert.equal(await client.getBalance({ address: REVERTER }), 0n)
    assert.equal(await client.getTransactionCount({ address: bytesToHex(OTHER_SENDER) as Hex }), 2)
    assert.equal(await client.getCode({ address: created as Hex }), '0x602a600052602a60206000a100')

    // the stored block and receipts give the header's roots
    const txTrie = await createMPT()
    const receiptTrie = await createMPT()
    const blockReceipts = await client.request({ method: 'eth_getBlockReceipts', params: [`0x${number.toString(16)}`] }) as unknown as Record<string, string & unknown[]>[]
    for (let i = 0; i < block.transactions.length; i++) {
      const t = block.transactions[i]!
      const bytes = t.type === 'deposit'
        ? depositBytes({ sourceHash: hexToBytes(t.sourceHash), from: hexToBytes(t.from), to: t.to ? hexToBytes(t.to) : null, mint: t.mint ?? 0n, value: t.value, gas: t.gas, isSystemTx: t.isSystemTx ?? false, data: hexToBytes(t.input) })
        : serializeSigned({ type: 'eip1559', chainId: CHAIN_ID, nonce: t.nonce, to: t.to!, value: t.value, gas: t.gas, maxFeePerGas: t.maxFeePerGas!, maxPriorityFeePerGas: t.maxPriorityFeePerGas!, data: t.input, accessList: [] }, { r: t.r, s: t.s, yParity: t.yParity! })
      assert.equal(keccak256(bytes), t.hash)
      await txTrie.put(RLP.encode(i), hexToBytes(bytes))
      const r = blockReceipts[i]! as unknown as { status: Hex; cumulativeGasUsed: Hex; logs: { address: Hex; topics: Hex[]; data: Hex }[]; depositNonce?: Hex; depositReceiptVersion?: Hex; type: Hex }
      const logs = r.logs.map((l) => ({ address: hexToBytes(l.address), topics: l.topics.map((x) => hexToBytes(x)), data: hexToBytes(l.data) }))
      const fields: unknown[] = [r.status === '0x1' ? Uint8Array.of(1) : new Uint8Array(), bigIntToUnpaddedBytes(BigInt(r.cumulativeGasUsed)), logsBloom(logs), logs.map((l) => [l.address, l.topics, l.data])]
      if (r.type === '0x7e') fields.push(bigIntToUnpaddedBytes(BigInt(r.depositNonce!)), bigIntToUnpaddedBytes(BigInt(r.depositReceiptVersion!)))
      await receiptTrie.put(RLP.encode(i), concatBytes(Uint8Array.of(Number(r.type)), RLP.encode(fields as never)))
    }
    assert.equal(block.transactionsRoot, bytesToHex(txTrie.root()))
    assert.equal(block.receiptsRoot, bytesToHex(receiptTrie.root()))

    // logs of deposits: the NoMInfo stand-in logs once per system deposit, at tx index 0
    const logs = await client.getLogs({ address: NOM_INFO, fromBlock: 0n, toBlock: number })
    assert.deepEqual(logs.map((l) => [l.blockNumber, l.transactionIndex, l.logIndex]), [[1n, 0, 0], [2n, 0, 0], [3n, 0, 0]])
    assert.equal(logs[2]!.transactionHash, block.transactions[0]!.hash)

    // fee history: deposit gas counts in gasUsedRatio, deposits (no fee) are not in the tip percentiles
    const history = await client.getFeeHistory({ blockCount: 3, blockNumber: number, rewardPercentiles: [0, 50, 100] })
    assert.equal(history.gasUsedRatio.length, 3)
    assert.ok(history.gasUsedRatio.every((r) => r > 0))
    const tip = block.transactions[4]!.maxPriorityFeePerGas!
    assert.deepEqual(history.reward, [[0n, 0n, 0n], [0n, 0n, 0n], [tip, tip, tip]])

    // a failed deposit (value above the balance after the mint): minted, failed receipt, all gas used
    source.confirmed = 102n
    sealed = await node.sealBlock()
    const failed = await client.getTransactionReceipt({ hash: keccak256(depositBytes(d3)) })
    assert.equal(failed.status, 'reverted')
    assert.equal(failed.gasUsed, 30_000n)
    assert.equal(failed.transactionIndex, 1)
    assert.equal(await client.getBalance({ address: bytesToHex(OTHER_SENDER) as Hex }), znn(2n) + 1n)
    assert.equal(await client.getTransactionCount({ address: bytesToHex(OTHER_SENDER) as Hex }), 3)
    assert.equal(await client.getBalance({ address: RECIPIENT }), znn(10n) + 5n)

    // eth_sendRawTransaction refuses a deposit
    await assert.rejects(client.request({ method: 'eth_sendRawTransaction', params: [depositBytes(d0)] }), (error: Error) => {
      assert.match(error.message, /transaction type not supported/)
      return true
    })

    // restart with a fresh source: it is asked from the stored cursor, nothing is minted twice
    const headBefore = sealed.block.header.number
    await node.stop()
    source = testSource(m)
    source.confirmed = 102n
    node = await startNode(dataDir, genesisPath, source)
    client = createPublicClient({ chain, transport: http(node.rpcUrl) })
    sealed = await node.sealBlock()
    assert.equal(sealed.block.header.number, headBefore + 1n)
    assert.equal(bytesToHex(source.requests[0]!.lastDepositSourceHash!), bytesToHex(d3.sourceHash))
    assert.deepEqual(source.requests[0]!.parentOrigin, { height: 102n, hash: m[2]!.hash, timestamp: m[2]!.timestamp })
    assert.equal(sealed.deposits?.length, 1)
    assert.equal(sealed.origin?.sequenceNumber, 1n)
    assert.equal(await client.getBalance({ address: RECIPIENT }), znn(10n) + 5n)
    assert.equal(await client.getBalance({ address: bytesToHex(OTHER_SENDER) as Hex }), znn(2n) + 1n)

    // a source that offers included deposits again: skipped, not re-minted
    const replay: DepositSource = { next: async () => ({ origin: m[2]!, deposits: [d0, d1, d2, d3] }) }
    await node.stop()
    node = await startNode(dataDir, genesisPath, replay)
    client = createPublicClient({ chain, transport: http(node.rpcUrl) })
    sealed = await node.sealBlock()
    assert.equal(sealed.deposits?.length, 1)
    assert.equal(bytesToHex(sealed.lastDepositSourceHash!), bytesToHex(d3.sourceHash))
    assert.equal(await client.getBalance({ address: RECIPIENT }), znn(10n) + 5n)

    // an origin going backwards is refused, and nothing is sealed
    await node.stop()
    node = await startNode(dataDir, genesisPath, { next: async () => ({ origin: m[0]!, deposits: [] }) })
    const head = node.chain.head().block.header.number
    await assert.rejects(node.sealBlock(), { name: 'DepositSourceError', message: "origin momentum 100 is behind the parent's origin 102" })
    assert.equal(node.chain.head().block.header.number, head)
  } finally {
    await node.stop()
    await rm(dataDir, { recursive: true, force: true })
    await rm(genesisPath, { force: true })
  }
})
