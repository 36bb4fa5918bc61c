import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'node:worker_threads';

type Reply = { id: number; poster?: Uint8Array; error?: string };

/**
 * Composes invite posters off the event loop: one worker thread (compose-poster.worker.js), started
 * on first use and unref'd so it never holds the process open. A worker that dies fails what it had
 * in hand; the next poster starts a new one (the job that asked is retried by pg-boss).
 */
@Injectable()
export class PosterComposer implements OnModuleDestroy {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (png: Buffer) => void; reject: (error: Error) => void }>();

  compose(codeImage: Buffer): Promise<Buffer> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, code: codeImage });
    });
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(new URL('./compose-poster.worker.js', import.meta.url));
    worker.unref();
    worker.on('message', ({ id, poster, error }: Reply) => {
      const waiting = this.pending.get(id);
      if (!waiting) return;
      this.pending.delete(id);
      if (poster) waiting.resolve(Buffer.from(poster.buffer, poster.byteOffset, poster.byteLength));
      else waiting.reject(new Error(`poster composition failed: ${error ?? 'no image'}`));
    });
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, waiting] of this.pending) {
        this.pending.delete(id);
        waiting.reject(error);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`poster worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}
