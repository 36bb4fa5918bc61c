import { z } from 'zod';
import type { ApiResponseSchemaHost } from '@nestjs/swagger';

type SchemaObject = ApiResponseSchemaHost['schema'];

/**
 * The shared zod schema is the single definition of a shape; OpenAPI documents are derived from
 * it rather than written again as DTO classes.
 */
export const openApiSchema = (schema: z.ZodType, io: 'input' | 'output' = 'output'): SchemaObject => {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json as SchemaObject;
};
