import fc, { type Arbitrary } from 'fast-check';

/** The part of JSON Schema (as @nestjs/swagger writes zod's output into /api/docs-json) the fuzzing reads. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  default?: unknown;
  example?: unknown;
}

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object';

const MAX_DEPTH = 4;

/** Strings that have broken parsers, logs and SQL elsewhere: control characters, bidi overrides, astral planes, quotes. */
const NASTY = [
  '',
  ' ',
  '\u0000',
  '\u202e\u202dabc',
  '💥🧨',
  '𠀀𪚥',
  "' OR '1'='1' --",
  '"; DROP TABLE orders; --',
  '../../etc/passwd',
  '%00%2F',
  '\ud800',
  '\\',
  '{{7*7}}',
  '<script>alert(1)</script>',
  'ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ',
  'NaN',
  '-0',
  '1e309',
];

/** A long string: past every maxLength, some past the body limit once encoded. */
export const hugeString = (): Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom('a', '张', '😀', '\u0301'), fc.integer({ min: 1_000, max: 70_000 }))
    .map(([unit, length]) => unit.repeat(length));

/** Any JSON-ish text: printable, full unicode graphemes, raw UTF-16 (lone surrogates), or a known troublemaker. */
export const anyText = (maxLength = 40): Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength, unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.string({ maxLength, unit: 'binary' }) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 1, arbitrary: hugeString() },
  );

/** Text that can go into a URL once percent-encoded (no lone surrogates). */
export const urlText = (maxLength = 40): Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength, unit: 'grapheme' }) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY.filter((text) => text !== '\ud800' && text !== '')) },
    { weight: 1, arbitrary: fc.integer({ min: 200, max: 3_000 }).map((length) => '9'.repeat(length)) },
  );

const typesOf = (schema: JsonSchema): JsonType[] | undefined => {
  if (schema.enum)
    return [
      ...new Set(
        schema.enum.map((value) =>
          value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as JsonType),
        ),
      ),
    ];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const all = branches.map(typesOf);
    return all.some((types) => types === undefined) ? undefined : [...new Set(all.flat() as JsonType[])];
  }
  if (schema.allOf?.length) return typesOf(schema.allOf[0]!);
  if (schema.type === undefined) return undefined;
  const types = [schema.type].flat() as JsonType[];
  if (schema.nullable) types.push('null');
  if (types.includes('integer')) types.push('number');
  return types;
};

const regexOf = (pattern: string): RegExp | undefined => {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    try {
      return new RegExp(pattern);
    } catch {
      return undefined;
    }
  }
};

const lowerBound = (schema: JsonSchema): number | undefined => {
  if (typeof schema.exclusiveMinimum === 'number')
    return schema.exclusiveMinimum + (schema.type === 'integer' ? 1 : Number.EPSILON);
  if (schema.minimum === undefined) return undefined;
  return schema.exclusiveMinimum === true
    ? schema.minimum + (schema.type === 'integer' ? 1 : Number.EPSILON)
    : schema.minimum;
};

const upperBound = (schema: JsonSchema): number | undefined => {
  if (typeof schema.exclusiveMaximum === 'number')
    return schema.exclusiveMaximum - (schema.type === 'integer' ? 1 : Number.EPSILON);
  if (schema.maximum === undefined) return undefined;
  return schema.exclusiveMaximum === true
    ? schema.maximum - (schema.type === 'integer' ? 1 : Number.EPSILON)
    : schema.maximum;
};

/** A value the schema probably accepts (the scaffolding around one broken field). */
export const validOf = (schema: JsonSchema, depth = 0): Arbitrary<unknown> => {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) return fc.oneof(...branches.map((branch) => validOf(branch, depth + 1)));
  if (schema.allOf?.length) return validOf(schema.allOf[0]!, depth + 1);
  const type = [schema.type].flat()[0];
  switch (type) {
    case 'string': {
      if (schema.format === 'uuid') return fc.uuid({ version: 4 });
      if (schema.format === 'date-time')
        return fc
          .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString());
      if (schema.format === 'date')
        return fc
          .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      const regex = schema.pattern ? regexOf(schema.pattern) : undefined;
      if (regex) {
        try {
          return fc
            .stringMatching(regex)
            .filter((text) => text.length <= (schema.maxLength ?? Infinity) && text.length >= (schema.minLength ?? 0));
        } catch {
          // a construct fast-check cannot generate from: fall through
        }
      }
      return fc.string({
        minLength: schema.minLength ?? 0,
        maxLength: Math.max(schema.minLength ?? 0, Math.min(schema.maxLength ?? 20, 20)),
        unit: 'grapheme',
      });
    }
    case 'integer':
      return fc.integer({
        min: Math.max(Math.ceil(lowerBound(schema) ?? -1e6), -1e9),
        max: Math.min(Math.floor(upperBound(schema) ?? 1e6), 1e9),
      });
    case 'number':
      return fc.double({
        min: lowerBound(schema) ?? -1e6,
        max: upperBound(schema) ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      if (depth > MAX_DEPTH) return fc.constant([]);
      return fc.array(validOf(schema.items ?? {}, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case 'object': {
      if (depth > MAX_DEPTH) return fc.constant({});
      const properties = schema.properties ?? {};
      const required = (schema.required ?? []).filter((key) => key in properties);
      return fc.record(
        Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, validOf(value, depth + 1)])),
        { requiredKeys: required },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
};

/** A JSON value of a type the schema does not allow, when there is one. */
const wrongTypeOf = (schema: JsonSchema): Arbitrary<unknown> | undefined => {
  const allowed = typesOf(schema);
  if (!allowed) return undefined;
  const candidates: [JsonType, Arbitrary<unknown>][] = [
    ['string', anyText()],
    [
      'number',
      fc.oneof(
        fc.constantFrom(0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 1, Number.MIN_VALUE),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
      ),
    ],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 })],
    ['object', fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })],
  ];
  const wrong = candidates.filter(
    ([type]) => !allowed.includes(type) && !(type === 'number' && allowed.includes('integer')),
  );
  return wrong.length ? fc.oneof(...wrong.map(([, arbitrary]) => arbitrary)) : undefined;
};

/** Ways to break a value of this schema's own type (bounds, length, pattern, enum, shape). */
const brokenOf = (schema: JsonSchema, depth: number): Arbitrary<unknown>[] => {
  const broken: Arbitrary<unknown>[] = [];
  if (schema.enum?.length) {
    broken.push(anyText().filter((text) => !schema.enum!.includes(text)));
    return broken;
  }
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) {
    // An object of the first shape with a key it requires removed (the shapes are told apart by their keys).
    const objects = branches.filter((branch) => [branch.type].flat().includes('object') && branch.required?.length);
    if (objects.length) broken.push(...objects.flatMap((branch) => brokenOf(branch, depth + 1).slice(0, 1)));
    return broken;
  }
  const type = [schema.type].flat()[0];
  if (type === 'string') {
    if (schema.maxLength !== undefined)
      broken.push(fc.oneof(hugeString(), fc.constant('x'.repeat(schema.maxLength + 1))));
    if ((schema.minLength ?? 0) > 0) broken.push(fc.constant(''));
    const regex = schema.pattern ? regexOf(schema.pattern) : undefined;
    if (regex) broken.push(anyText().filter((text) => !regex.test(text)));
    if (schema.format === 'uuid')
      broken.push(
        fc.oneof(
          fc.constantFrom('00000000-0000-0000-0000-00000000000g', 'not-a-uuid'),
          fc.uuid().map((id) => `${id}x`),
        ),
      );
    if (schema.format === 'date' || schema.format === 'date-time')
      broken.push(
        fc.constantFrom('2026-02-30', '2026-13-01', '20261201', '2026-12-01T25:00:00Z', 'yesterday', '9999999-01-01'),
      );
  }
  if (type === 'integer' || type === 'number') {
    const low = lowerBound(schema);
    const high = upperBound(schema);
    if (low !== undefined && low > -Number.MAX_SAFE_INTEGER) broken.push(fc.constant(Math.ceil(low) - 1));
    if (high !== undefined && high < Number.MAX_SAFE_INTEGER) broken.push(fc.constant(Math.floor(high) + 1));
    if (type === 'integer') broken.push(fc.constantFrom(0.5, 1.000001, 1e21 + 0.5));
    broken.push(fc.integer({ min: 0, max: 1000 }).map(String));
  }
  if (type === 'array') {
    if (schema.maxItems !== undefined && schema.maxItems < 500) {
      broken.push(
        fc.constant(null).chain(() =>
          fc.array(validOf(schema.items ?? {}, depth + 1), {
            minLength: schema.maxItems! + 1,
            maxLength: schema.maxItems! + 1,
          }),
        ),
      );
    }
    if ((schema.minItems ?? 0) > 0) broken.push(fc.constant([]));
    if (schema.items && depth <= MAX_DEPTH) {
      const item = invalidOf(schema.items, depth + 1);
      if (item)
        broken.push(
          fc
            .tuple(fc.array(validOf(schema.items, depth + 1), { maxLength: 2 }), item)
            .map(([items, bad]) => [...items, bad]),
        );
    }
  }
  if (type === 'object' && depth <= MAX_DEPTH) {
    const properties = schema.properties ?? {};
    const required = (schema.required ?? []).filter((key) => key in properties);
    const valid = validOf(schema, depth) as Arbitrary<Record<string, unknown>>;
    const extras = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }), {
      maxKeys: 3,
    });
    if (required.length) {
      broken.push(
        fc.tuple(valid, fc.constantFrom(...required), extras).map(([value, key, extra]) => {
          const copy: Record<string, unknown> = { ...extra, ...value };
          delete copy[key];
          return copy;
        }),
      );
    }
    for (const [key, propertySchema] of Object.entries(properties)) {
      const bad = invalidOf(propertySchema, depth + 1);
      if (bad)
        broken.push(
          fc.tuple(valid, bad, extras).map(([value, badValue, extra]) => ({ ...extra, ...value, [key]: badValue })),
        );
    }
    if (schema.additionalProperties === false) {
      broken.push(
        fc
          .tuple(
            valid,
            fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !(key in properties)),
            fc.jsonValue({ maxDepth: 1 }),
          )
          .map(([value, key, extra]) => ({
            ...value,
            [key]: extra,
          })),
      );
    }
  }
  return broken;
};

/** A value the schema refuses: a wrong type, or one field (at any depth) broken; undefined when the schema accepts anything. */
export const invalidOf = (schema: JsonSchema, depth = 0): Arbitrary<unknown> | undefined => {
  const options = [wrongTypeOf(schema), ...brokenOf(schema, depth)].filter(
    (arbitrary): arbitrary is Arbitrary<unknown> => arbitrary !== undefined,
  );
  return options.length ? fc.oneof(...options) : undefined;
};
