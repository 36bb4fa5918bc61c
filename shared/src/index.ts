export * from './errors/error-codes.js';
export * from './errors/error-envelope.js';
export * from './money/money.js';
export * from './contracts/health.contract.js';
export * from './contracts/catalog.contract.js';
