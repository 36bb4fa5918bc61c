// The `worker` role as its own entry point: `node dist/src/worker.js` = `BFF_ROLE=worker node dist/src/main.js`.
process.env.BFF_ROLE = 'worker';
await import('./main.js');
