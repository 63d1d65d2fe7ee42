/**
 * Realistic L2 transactions for codec tests and the size measurement: signed EIP-1559 ZNN
 * transfers and ERC-20 `transfer` calls from many senders with running nonces, as a busy block
 * would hold them. Deterministic (keys derived from a counter) so sizes are reproducible.
 */
import { createFeeMarket1559Tx, createLegacyTx } from '@ethereumjs/tx'
import { bigIntToBytes, concatBytes, hexToBytes, setLengthLeft } from '@ethereumjs/util'
import { createChainCommon } from '../../../node/execution/chainCommon.ts'
import { keccak256 } from '../../../node/keccak256.ts'

const CHAIN_ID = 31_337n
const TRANSFER_SELECTOR = hexToBytes('0xa9059cbb')

function keyOf(i: number): Uint8Array {
  return keccak256(new TextEncoder().encode(`nomx batch fixture key ${i}`))
}

function addressOf(i: number): Uint8Array {
  return keccak256(new TextEncoder().encode(`nomx batch fixture address ${i}`)).slice(12)
}

/** `count` signed txs: senders cycle over `senders` keys; kind picks transfer or ERC-20 call. */
export function realisticTxs(count: number, kind: 'transfer' | 'erc20' | 'legacy', senders = 40): Uint8Array[] {
  const common = createChainCommon({ chainId: CHAIN_ID })
  const token = addressOf(100_000)
  const out: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    const sender = i % senders
    const nonce = BigInt(Math.floor(i / senders))
    const recipient = addressOf(1000 + ((i * 7919) % 5000))
    const amount = 10n ** 15n * BigInt(1 + ((i * 104_729) % 100_000))
    const maxPriorityFeePerGas = 1_000_000n + BigInt(i % 3) * 500_000n
    const maxFeePerGas = 2_000_000_000n + BigInt(i % 5) * 1_000_000n
    if (kind === 'legacy') {
      out.push(createLegacyTx({ nonce, gasPrice: maxFeePerGas, gasLimit: 21_000n, to: recipient, value: amount }, { common }).sign(keyOf(sender)).serialize())
      continue
    }
    const fields =
      kind === 'transfer'
        ? { to: recipient, value: amount, gasLimit: 21_000n, data: new Uint8Array() }
        : {
            to: token,
            value: 0n,
            gasLimit: 65_000n,
            data: concatBytes(TRANSFER_SELECTOR, setLengthLeft(recipient, 32), setLengthLeft(bigIntToBytes(amount), 32)),
          }
    const tx = createFeeMarket1559Tx({ chainId: CHAIN_ID, nonce, maxPriorityFeePerGas, maxFeePerGas, ...fields }, { common })
    out.push(tx.sign(keyOf(sender)).serialize())
  }
  return out
}
