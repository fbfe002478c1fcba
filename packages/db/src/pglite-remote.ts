/**
 * The embedded database on its own thread. PGlite runs PostgreSQL as WebAssembly, synchronously, on whichever thread
 * calls it: on the HTTP thread every query stops every other request (and `/api/health`) for its whole duration.
 * `RemotePglite` gives Drizzle's PGlite driver the part of PGlite's interface it uses — `query`, `exec`,
 * `transaction` — and forwards each call to a worker thread (pglite-worker.mjs) that owns the PGlite instance.
 *
 * Protocol (structured clone over the worker's port), each request answered once by `{ id, ok, result | error }`:
 *   query { text, params, rowMode, drizzleParsers, txId? }  → { rows, fields, affectedRows }
 *   exec  { text, txId? }                                   → results
 *   begin {}                                                → { txId }   (PGlite's transaction, holding its lock)
 *   end   { txId, commit }                                  → null       (COMMIT, or ROLLBACK)
 *   dump  {}                                                → ArrayBuffer (gzip tarball of the data directory)
 *   close {}                                                → null
 * Errors come back as plain data (message, code, constraint, detail…) and are rebuilt as Errors carrying the same
 * fields, so `isUniqueViolation` and the error handler see what they saw from PGlite on the main thread.
 */
import { Worker } from 'node:worker_threads';

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: Record<string, unknown> & { message: string; name?: string };
}

export interface PgliteResult<Row> {
  rows: Row[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, unknown>;
}

/** What Drizzle's PGlite session calls on a client or on a transaction. */
export interface PgliteLike {
  query<Row>(text: string, params?: unknown[], options?: QueryOptions): Promise<PgliteResult<Row>>;
  exec(text: string): Promise<PgliteResult<unknown>[]>;
}

function rebuildError(data: NonNullable<Reply['error']>): Error {
  const error = new Error(data.message);
  const { message: _message, stack: _stack, ...fields } = data;
  Object.assign(error, fields);
  return error;
}

export const workerScript = new URL('./pglite-worker.mjs', import.meta.url);

/**
 * Where PGlite runs: `worker` (default) — a worker thread owns it, so queries never stop the HTTP thread;
 * `inline` — on the calling thread, as PGlite runs by itself (the escape hatch: LIANXIN_PGLITE_ENGINE=inline).
 */
export type PgliteEngine = 'worker' | 'inline';

export function pgliteEngineFromEnv(env: NodeJS.ProcessEnv = process.env): PgliteEngine {
  const value = env.LIANXIN_PGLITE_ENGINE || 'worker';
  if (value !== 'worker' && value !== 'inline') throw new Error(`LIANXIN_PGLITE_ENGINE must be worker or inline, not ${value}`);
  return value;
}

export class RemotePglite implements PgliteLike {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  #closed = false;
  #exit: Promise<void>;
  /** when the thread last answered a statement successfully (ms since the epoch) */
  lastAnswerAt = 0;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: Reply) => {
      const waiting = this.#pending.get(reply.id);
      if (!waiting) return;
      this.#pending.delete(reply.id);
      if (reply.ok) this.lastAnswerAt = Date.now();
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(rebuildError(reply.error ?? { message: 'unknown database error' }));
    });
    this.#exit = new Promise((resolve) => worker.once('exit', () => resolve()));
    const failAll = (error: Error) => {
      for (const waiting of this.#pending.values()) waiting.reject(error);
      this.#pending.clear();
    };
    worker.on('error', failAll);
    worker.once('exit', (code) => {
      this.#closed = true;
      failAll(new Error(`the database thread stopped (exit code ${code})`));
    });
  }

  /**
   * Starts the thread and waits until PGlite has opened (or failed to open) the database. Without `loadDataDir`
   * the thread is started synchronously, before the returned promise: the server's entry calls this first and
   * loads its other modules while the thread opens the database.
   */
  static async create(options: { dataDir?: string | undefined; loadDataDir?: Blob | File | undefined; script?: URL | string }): Promise<RemotePglite> {
    const loadDataDir = options.loadDataDir ? await options.loadDataDir.arrayBuffer() : undefined;
    const worker = new Worker(options.script ?? workerScript, {
      workerData: { dataDir: options.dataDir, loadDataDir },
      ...(loadDataDir ? { transferList: [loadDataDir] } : {}),
      // the thread runs plain JavaScript: no TypeScript loader needed
      execArgv: [],
    });
    const remote = new RemotePglite(worker);
    await new Promise<void>((resolve, reject) => {
      remote.#pending.set(0, { resolve: () => resolve(), reject });
    });
    return remote;
  }

  #call<T>(message: Record<string, unknown>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('the database is closed'));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ ...message, id });
    });
  }

  #queryIn<Row>(txId: number | undefined, text: string, params: unknown[] = [], options: QueryOptions = {}) {
    return this.#call<PgliteResult<Row>>({
      op: 'query', text, params, rowMode: options.rowMode ?? 'object', drizzleParsers: Boolean(options.parsers), txId,
    });
  }

  query<Row>(text: string, params: unknown[] = [], options: QueryOptions = {}): Promise<PgliteResult<Row>> {
    return this.#queryIn<Row>(undefined, text, params, options);
  }

  exec(text: string): Promise<PgliteResult<unknown>[]> {
    return this.#call({ op: 'exec', text });
  }

  /** Like PGlite's: COMMIT when `callback` resolves, ROLLBACK when it throws (and the error goes on to the caller). */
  async transaction<T>(callback: (tx: PgliteLike) => Promise<T>): Promise<T> {
    const { txId } = await this.#call<{ txId: number }>({ op: 'begin' });
    const tx: PgliteLike = {
      query: (text, params, options) => this.#queryIn(txId, text, params, options),
      exec: (text) => this.#call({ op: 'exec', text, txId }),
    };
    let result: T;
    try {
      result = await callback(tx);
    } catch (error) {
      await this.#call({ op: 'end', txId, commit: false });
      throw error;
    }
    await this.#call({ op: 'end', txId, commit: true });
    return result;
  }

  /**
   * Whether the database answers, without joining the queue when it is busy: a statement answered within the last
   * `freshMs` says so already; otherwise (an idle database, so no queue) `select 1` asks.
   */
  async ping(freshMs = 2000): Promise<void> {
    if (this.#closed) throw new Error('the database is closed');
    if (Date.now() - this.lastAnswerAt < freshMs) return;
    await this.query('select 1');
  }

  async dumpDataDir(): Promise<Blob> {
    const buffer = await this.#call<ArrayBuffer>({ op: 'dump' });
    return new Blob([buffer], { type: 'application/x-gzip' });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#call({ op: 'close' });
    this.#closed = true;
    // the thread ends once its port closes; should anything keep it alive, it is stopped
    const timer = setTimeout(() => void this.#worker.terminate(), 2000);
    await this.#exit;
    clearTimeout(timer);
  }
}
