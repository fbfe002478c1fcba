// The embedded database's own thread: owns one PGlite instance and answers the main thread's messages
// (see pglite-remote.ts for the protocol). Plain JavaScript so that it loads as it is in every runtime that starts
// it: `npm start`'s bundle, tsx, vitest's forks.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

if (!parentPort) throw new Error('pglite-worker.mjs runs as a worker thread');
const port = parentPort;

// Drizzle's PGlite driver keeps dates, timestamps, intervals and numeric arrays as the server's text; the same
// parsers here, asked for by the main thread (functions do not cross threads).
const keepText = (value) => value;
const drizzleParsers = Object.fromEntries(
  [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182].map((oid) => [oid, keepText]),
);

/** A PGlite error as plain data: message, name and every primitive field (code, constraint, detail…). */
function plainError(error) {
  const out = { name: error?.name ?? 'Error', message: String(error?.message ?? error) };
  if (error && typeof error === 'object') {
    for (const [key, value] of Object.entries(error)) {
      if (['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
    }
  }
  return out;
}

let db;
try {
  const { dataDir, loadDataDir } = workerData ?? {};
  db = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir: new Blob([loadDataDir]) } : {}),
    extensions: { ltree, pg_trgm },
  });
} catch (error) {
  port.postMessage({ id: 0, ok: false, error: plainError(error) });
  process.exit(1);
}

/** open transactions: id → { tx, finish } */
const transactions = new Map();
let nextTransaction = 1;

function target(txId) {
  if (txId === undefined) return db;
  const open = transactions.get(txId);
  if (!open) throw new Error(`transaction ${txId} is not open`);
  return open.tx;
}

async function handle(message) {
  switch (message.op) {
    case 'query': {
      const options = { rowMode: message.rowMode ?? 'object', ...(message.drizzleParsers ? { parsers: drizzleParsers } : {}) };
      const result = await target(message.txId).query(message.text, message.params ?? [], options);
      return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
    }
    case 'exec': {
      const results = await target(message.txId).exec(message.text);
      return results.map((r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows }));
    }
    case 'begin': {
      // PGlite's own transaction: it holds PGlite's lock, so statements outside it wait as they do on the main thread
      const txId = nextTransaction++;
      return await new Promise((began, failed) => {
        const settled = db
          .transaction(
            (tx) =>
              new Promise((commit, rollback) => {
                transactions.set(txId, { tx, finish: { commit, rollback }, settled: null });
                began({ txId });
              }),
          )
          .finally(() => transactions.delete(txId));
        settled.catch(failed); // BEGIN itself failed (before `began`), else ignored here and reported by `end`
        pendingEnds.set(txId, settled);
      });
    }
    case 'end': {
      const open = transactions.get(message.txId);
      const settled = pendingEnds.get(message.txId);
      pendingEnds.delete(message.txId);
      if (!open || !settled) throw new Error(`transaction ${message.txId} is not open`);
      if (message.commit) open.finish.commit();
      else open.finish.rollback(new Error('rollback'));
      try {
        await settled;
      } catch (error) {
        if (message.commit) throw error; // COMMIT failed: the caller learns why
      }
      return null;
    }
    case 'dump': {
      const blob = await db.dumpDataDir('gzip');
      return await blob.arrayBuffer();
    }
    case 'close': {
      await db.close();
      return null;
    }
    default:
      throw new Error(`unknown operation ${message.op}`);
  }
}

/** txId → the promise of PGlite's transaction() call */
const pendingEnds = new Map();

port.on('message', (message) => {
  handle(message).then(
    (result) => {
      port.postMessage({ id: message.id, ok: true, result }, result instanceof ArrayBuffer ? [result] : []);
      if (message.op === 'close') port.close();
    },
    (error) => port.postMessage({ id: message.id, ok: false, error: plainError(error) }),
  );
});
port.postMessage({ id: 0, ok: true, result: 'ready' });
