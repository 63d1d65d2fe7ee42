import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { encodeAbiParameters, encodeEventTopics, hexToBytes, keccak256, pad, toHex, type Hex } from 'viem'
import { MESSAGE_PASSED_TOPIC, MESSAGE_PASSER, withdrawalsOfLogs } from '../../../bridge/withdrawals/messagePassed.ts'
import { L2ToNoMMessagePasser } from '../../../contracts/l2/artifacts.ts'
import type { LogEntry } from '../../../node/backend.ts'

const sender: Hex = '0x1111111111111111111111111111111111111111'
const target: Hex = '0x00b33fb11bfa6bd03b66bd0499b509cc01dc437a'
const nonce = (1n << 240n) | 7n

function hashOf(value: bigint, gasLimit: bigint, data: Hex): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'uint256' }, { type: 'address' }, { type: 'address' }, { type: 'uint256' }, { type: 'uint256' }, { type: 'bytes' }],
      [nonce, sender, target, value, gasLimit, data],
    ),
  )
}

function log(opts: { value?: bigint; gasLimit?: bigint; data?: Hex; hash?: Hex; address?: Uint8Array; logIndex?: number; topics?: Uint8Array[]; raw?: Uint8Array } = {}): LogEntry {
  const value = opts.value ?? 5n * 10n ** 18n
  const gasLimit = opts.gasLimit ?? 100_000n
  const data = opts.data ?? '0xdeadbeef'
  const topics = encodeEventTopics({ abi: L2ToNoMMessagePasser.abi, eventName: 'MessagePassed', args: { nonce, sender, target } }) as Hex[]
  const body = encodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }, { type: 'bytes' }, { type: 'bytes32' }], [value, gasLimit, data, opts.hash ?? hashOf(value, gasLimit, data)])
  return {
    address: opts.address ?? MESSAGE_PASSER,
    topics: opts.topics ?? topics.map((t) => hexToBytes(t)),
    data: opts.raw ?? hexToBytes(body),
    blockNumber: 3n,
    blockHash: new Uint8Array(32),
    blockTimestamp: 0n,
    transactionHash: new Uint8Array(32),
    transactionIndex: 1,
    logIndex: opts.logIndex ?? 0,
    removed: false,
  }
}

describe('withdrawalsOfLogs (MessagePassed of 0x4200…0016)', () => {
  it("the topic is viem's event selector for the artifact's MessagePassed", () => {
    const [topic] = encodeEventTopics({ abi: L2ToNoMMessagePasser.abi, eventName: 'MessagePassed' }) as Hex[]
    assert.equal(toHex(MESSAGE_PASSED_TOPIC), topic)
  })

  it('decodes every field, with the hash recomputed; other contracts and other events are ignored', () => {
    const other = log({ address: hexToBytes('0x4200000000000000000000000000000000000010') })
    const burnt = log({ topics: [hexToBytes(keccak256(new TextEncoder().encode('WithdrawerBalanceBurnt(uint256)'))), hexToBytes(pad('0x01'))], logIndex: 1 })
    const empty = log({ data: '0x', logIndex: 2, value: 0n, gasLimit: 0n })
    const [a, b, ...rest] = withdrawalsOfLogs([other, log({ logIndex: 4 }), burnt, empty])
    assert.equal(rest.length, 0)
    assert.deepEqual(
      { ...a!, sender: toHex(a!.sender), target: toHex(a!.target), data: toHex(a!.data), withdrawalHash: toHex(a!.withdrawalHash) },
      { nonce, sender, target, value: 5n * 10n ** 18n, gasLimit: 100_000n, data: '0xdeadbeef', withdrawalHash: hashOf(5n * 10n ** 18n, 100_000n, '0xdeadbeef'), logIndex: 4 },
    )
    assert.equal(b!.logIndex, 2)
    assert.equal(b!.data.length, 0)
    assert.equal(toHex(b!.withdrawalHash), hashOf(0n, 0n, '0x'))
  })

  it('refuses a log whose logged hash does not match its fields, and malformed data, naming the problem', () => {
    assert.throws(() => withdrawalsOfLogs([log({ hash: pad('0x12'), logIndex: 3 })]), {
      name: 'MessagePassedDecodeError',
      message: 'MessagePassed log 3: logged withdrawal hash does not match its fields',
    })
    const good = log()
    assert.throws(() => withdrawalsOfLogs([{ ...good, topics: good.topics.slice(0, 3) }]), { name: 'MessagePassedDecodeError', message: 'MessagePassed log 0 has 3 topics, want 4' })
    assert.throws(() => withdrawalsOfLogs([log({ raw: good.data.slice(0, 64) })]), { name: 'MessagePassedDecodeError', message: 'MessagePassed data has 64 bytes, word 2 is missing' })
    const longer = good.data.slice()
    longer[5 * 32 - 1] = 0x40 // data length 64 but only 32 bytes follow
    assert.throws(() => withdrawalsOfLogs([log({ raw: longer })]), { name: 'MessagePassedDecodeError', message: 'MessagePassed data of 64 bytes runs past the log data' })
    const unaligned = good.data.slice()
    unaligned[3 * 32 - 1] = 0x81
    assert.throws(() => withdrawalsOfLogs([log({ raw: unaligned })]), { name: 'MessagePassedDecodeError', message: 'MessagePassed data offset 129 is not word aligned' })
  })
})
