// Content digests: computing sha256 digests and verifying bytes or a stream against an expected digest and
// size, so nothing unverified is ever kept (DESIGN §1.7).
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { InvalidArgumentError, UnavailableError } from '../errors/index.js';

/** The content did not match its digest or size; the data must be discarded (retrying may help). */
export class DigestMismatchError extends UnavailableError {
  constructor(
    readonly expected: string,
    readonly actual: string,
    what = 'content',
  ) {
    super(`digest mismatch for ${what}: expected ${expected}, got ${actual}`);
  }
}

export function sha256Digest(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The hex part of a sha256 digest, refusing anything else (digests become file names). */
export function sha256Hex(digest: string): string {
  const m = /^sha256:([a-f0-9]{64})$/.exec(digest);
  if (!m) throw new InvalidArgumentError(`unsupported or invalid digest "${digest}" (only sha256 is supported)`);
  return m[1]!;
}

/**
 * A pass-through stream that hashes what flows through it and fails at the end (or as soon as the size is
 * exceeded) when the content is not what was expected. Pipe a download through it before storing it.
 */
export class DigestVerifier extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;

  constructor(
    readonly expected: string,
    readonly expectedSize?: number,
    private readonly what?: string,
  ) {
    super();
    sha256Hex(expected);
  }

  get size(): number {
    return this.bytes;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.expectedSize !== undefined && this.bytes > this.expectedSize) {
      done(new DigestMismatchError(`${this.expected} (${this.expectedSize} bytes)`, `more than ${this.expectedSize} bytes`, this.what));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    const actual = `sha256:${this.hash.digest('hex')}`;
    if (this.expectedSize !== undefined && this.bytes !== this.expectedSize) {
      done(new DigestMismatchError(`${this.expected} (${this.expectedSize} bytes)`, `${actual} (${this.bytes} bytes)`, this.what));
    } else if (actual !== this.expected) {
      done(new DigestMismatchError(this.expected, actual, this.what));
    } else {
      done();
    }
  }
}
