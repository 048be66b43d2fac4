/** Netstring framing ("<len>:<bytes>,") as used by baresip's ctrl_tcp module. */
export function encodeNetstring(payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length}:`), body, Buffer.from(',')]);
}

/** Longest payload accepted (baresip's longest answers, `help` and call lists, are a few KB). */
export const MAX_NETSTRING_BYTES = 1024 * 1024;

export class NetstringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetstringError';
  }
}

/**
 * Incremental decoder: feed TCP chunks, get whole payloads back. A length that is not plain
 * decimal digits, over MAX_NETSTRING_BYTES, or a missing trailing comma throws NetstringError:
 * the stream cannot be resynchronised, so the caller drops the connection.
 */
export class NetstringDecoder {
  #buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): string[] {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    const out: string[] = [];
    for (;;) {
      const colon = this.#buffer.indexOf(0x3a);
      if (colon < 0) {
        const sofar = this.#buffer.toString('latin1');
        if (!/^[0-9]*$/.test(sofar) || sofar.length > String(MAX_NETSTRING_BYTES).length) {
          throw new NetstringError('bad length prefix');
        }
        break;
      }
      const prefix = this.#buffer.subarray(0, colon).toString('latin1');
      if (!/^(0|[1-9][0-9]*)$/.test(prefix) || Number(prefix) > MAX_NETSTRING_BYTES) {
        throw new NetstringError('bad length prefix');
      }
      const end = colon + 1 + Number(prefix);
      if (this.#buffer.length < end + 1) break;
      if (this.#buffer[end] !== 0x2c) throw new NetstringError('missing trailing comma');
      out.push(this.#buffer.subarray(colon + 1, end).toString('utf8'));
      this.#buffer = this.#buffer.subarray(end + 1);
    }
    return out;
  }
}
