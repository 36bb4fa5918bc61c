import type { FlightDelayTerms } from '@xiaoan/shared';
import type { Medium } from './medium.js';

let routeSeq = 0;

/** A route of the test's own (IATA-like codes no seeded flight uses), so that stops never meet another test's. */
export const ownRoute = (): { origin: string; destination: string } => {
  routeSeq += 1;
  const letter = (n: number) => String.fromCharCode(65 + (n % 26));
  return {
    origin: `Q${letter(routeSeq)}${letter(process.pid)}`,
    destination: `Z${letter(routeSeq)}${letter(process.pid)}`,
  };
};

/** The latest FD120 version and its terms, as the quote asks the guard about them. */
export const fd120Version = async (medium: Medium): Promise<{ versionId: string; terms: FlightDelayTerms }> => {
  const { rows } = await medium.db.query<{ id: string; terms: FlightDelayTerms }>(
    `SELECT v.id, v.terms FROM product_versions v JOIN products p ON p.id = v.product_id
      WHERE p.code = 'FD120' ORDER BY v.version DESC LIMIT 1`,
  );
  return { versionId: rows[0]!.id, terms: rows[0]!.terms };
};
