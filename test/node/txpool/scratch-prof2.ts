import { signTx, pragueCommon } from './fixtures.ts'
import { decodeTransaction } from '../../../node/txpool/decodeTransaction.ts'
import { prepareCommon } from '../../../node/txpool/validateTransaction.ts'
import { createTx } from '@ethereumjs/tx'
import { RLP } from '@ethereumjs/rlp'
import { keccak_256 } from '@noble/hashes/sha3.js'
const common = pragueCommon(); prepareCommon(common)
const raws: Uint8Array[] = []
for (let n = 0; n < 2000; n++) raws.push(signTx({ key: 0, nonce: BigInt(n) }))
const d = raws.map(decodeTransaction)
const N = 2000
let t = performance.now()
const msgs = d.map((x) => { const body = RLP.encode(x.fields); const typed = new Uint8Array(body.length + 1); typed[0] = 2; typed.set(body, 1); return keccak_256(typed) })
console.log('sighash', ((performance.now() - t) / N * 1000).toFixed(1), 'us')
t = performance.now()
d.forEach((x, i) => common.customCrypto.ecrecover!(msgs[i]!, x.v, RLP.decode(RLP.encode(x.r)) as Uint8Array, RLP.decode(RLP.encode(x.s)) as Uint8Array))
console.log('ecrecover', ((performance.now() - t) / N * 1000).toFixed(1), 'us')
t = performance.now()
d.forEach((x) => keccak_256(new Uint8Array(64)))
console.log('keccak64', ((performance.now() - t) / N * 1000).toFixed(1), 'us')
t = performance.now()
d.forEach((x) => { const u = createTx({ type: 2, to: x.to, value: x.value, data: x.data, gasLimit: x.gasLimit, chainId: 31337n, accessList: [] } as any, { common }); u.getIntrinsicGas(); u.getMinimumGasLimit() })
console.log('intrinsic via createTx', ((performance.now() - t) / N * 1000).toFixed(1), 'us')
t = performance.now()
d.forEach((x) => common.isActivatedEIP(3860))
console.log('isActivatedEIP', ((performance.now() - t) / N * 1000).toFixed(1), 'us')
t = performance.now()
d.forEach((x) => common.chainId())
console.log('chainId', ((performance.now() - t) / N * 1000).toFixed(1), 'us')
