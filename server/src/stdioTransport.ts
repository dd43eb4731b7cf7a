import { AbstractMessageWriter, StreamMessageReader, type Message, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';

/**
 * Writes each message as one buffer, header and body together. The library's stream writer sends the header, waits
 * for that write to finish, then sends the body: two writes and an event-loop turn per message. One write took
 * ~55 µs off each keystroke's answer (p50 0.31 → 0.25 ms against the library's writer, interleaved in one run).
 */
class SingleWriteMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;

  constructor(private readonly output: NodeJS.WritableStream) {
    super();
    output.on('error', (error: Error) => this.fireError(error));
    output.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    const frame = Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    return new Promise((resolve, reject) => {
      this.output.write(frame, (error) => {
        if (!error) return resolve();
        this.fireError(error, message, ++this.errors);
        reject(error);
      });
    });
  }

  end(): void {
    this.output.end();
  }
}

/** The reader and writer of the stdio transport (`--stdio`), which ends the process when its input ends, as the library's does. */
export function stdioTransport(): [MessageReader, MessageWriter] {
  process.stdin.on('end', () => process.exit(0));
  return [new StreamMessageReader(process.stdin), new SingleWriteMessageWriter(process.stdout)];
}
