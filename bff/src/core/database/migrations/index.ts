import { Catalog1764230400000 } from './1764230400000-catalog.js';

/**
 * Every migration, in order. Listed explicitly rather than globbed so that the compiled ESM
 * build, the test runner and the CLI all run exactly the same history.
 */
export const MIGRATIONS = [Catalog1764230400000];
