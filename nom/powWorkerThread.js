// Worker thread body for nom/powWorker.ts. Plain JavaScript (node:crypto only) so it loads in a
// worker without a TypeScript loader. Input (workerData): { data: Uint8Array(32) powData,
// threshold: bigint, start: Uint8Array(8) }. Posts { nonce: Uint8Array(8) } when found.
import { parentPort, workerData } from 'node:worker_threads'
import { hash } from 'node:crypto'

const { data, threshold, start } = workerData
const thHi = Number(threshold >> 32n)
const thLo = Number(threshold & 0xffffffffn)
const input = Buffer.alloc(40)
input.set(start.subarray(0, 8), 0)
input.set(data, 8)
for (;;) {
  const x = hash('sha3-256', input, 'buffer')
  const hi = x.readUInt32LE(4)
  if (hi > thHi || (hi === thHi && x.readUInt32LE(0) >= thLo)) {
    parentPort.postMessage({ nonce: new Uint8Array(input.subarray(0, 8)) })
    break
  }
  for (let k = 0; k < 8; k++) {
    input[k] = (input[k] + 1) & 0xff
    if (input[k] !== 0) break
  }
}
