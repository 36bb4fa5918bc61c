/** A start-up message an operator can act on: where we tried to connect and what the server said. */
export const describeDatabaseError = (url: string, error: unknown): string => {
  let where = 'DATABASE_URL';
  try {
    const parsed = new URL(url);
    where = `${parsed.hostname}:${parsed.port || 5432}/${parsed.pathname.replace(/^\//, '')}`;
  } catch {
    // keep the generic name: the URL was validated at boot, so this is unlikely
  }
  const cause = error as { code?: string; message?: string; errors?: { message?: string }[] };
  const reason = cause.errors?.[0]?.message ?? cause.message ?? String(error);
  const hint =
    cause.code === 'ECONNREFUSED'
      ? 'nothing is listening there; start PostgreSQL or unset DATABASE_URL to use the embedded one'
      : cause.code === '28P01' || cause.code === '28000'
        ? 'the server refused the credentials'
        : cause.code === '3D000'
          ? 'the database does not exist'
          : 'check DATABASE_URL';
  return `cannot use PostgreSQL at ${where} (DATABASE_URL): ${reason} — ${hint}`;
};
