/** `$name`: a letter or underscore, then letters, digits, underscores; never the start of a `$tag$` quote. */
const NAME = /\$([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_$])/g;

/**
 * A statement written with named parameters (`$flightNo`) instead of positions (`$7`): in a long
 * statement, the 11th value of the array is where a swapped pair hides. Each distinct name becomes
 * one `$n`, numbered in order of first appearance, so a name used twice is one parameter. A name
 * without a value, a value the statement never uses, or a positional `$n` mixed in throws, so a typo
 * fails the first time the statement runs. Spread the answer into `query`:
 * `manager.query(...named('… WHERE flight_no = $flightNo', { flightNo }))`.
 */
export const named = (sql: string, values: object): [sql: string, params: unknown[]] => {
  // Any object will do (a row interface has no index signature); its own keys are the names.
  const byName = values as Readonly<Record<string, unknown>>;
  if (/\$[0-9]/.test(sql)) throw new Error('a statement with named parameters takes no positional $n');
  const positions = new Map<string, number>();
  const text = sql.replace(NAME, (_match, name: string) => {
    if (!Object.hasOwn(byName, name)) throw new Error(`no value for the parameter $${name}`);
    const position = positions.get(name) ?? positions.size + 1;
    positions.set(name, position);
    return `$${position}`;
  });
  const unused = Object.keys(byName).filter((name) => !positions.has(name));
  if (unused.length > 0) throw new Error(`values the statement never uses: ${unused.join(', ')}`);
  return [text, [...positions.keys()].map((name) => byName[name])];
};
