/**
 * Errors of the batch codec. A verifier reading frames off NoM meets bytes anyone may have posted,
 * so every way they can be malformed is one of these, with a message naming what is wrong.
 */

/** The bytes are not a frame (bridge/README.md §2). */
export class FrameDecodeError extends Error {
  override readonly name = 'FrameDecodeError'
}

/** A complete channel's bytes do not decode to consecutive batch blocks. */
export class ChannelDecodeError extends Error {
  override readonly name = 'ChannelDecodeError'
}

/** Blocks or a channel cannot be encoded (no origin, not consecutive, too many frames). */
export class BatchEncodeError extends Error {
  override readonly name = 'BatchEncodeError'
}
