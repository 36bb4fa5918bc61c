import { resolve } from 'node:path';

/**
 * `npm run pricing:import -- data/x.csv` from the repository root runs the script inside `bff/`
 * (npm workspaces change directory). npm keeps the directory the user typed in as `INIT_CWD`,
 * so paths are resolved from there, as the user meant them.
 */
export const resolveCliPath = (path: string): string => resolve(process.env.INIT_CWD ?? process.cwd(), path);
