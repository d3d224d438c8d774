import type { OpenAPIObject } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { z } from 'zod';
import { ERROR_BODY_SCHEMA } from './describe-endpoints.js';
import { ErrorBodySchema, FieldProblemSchema } from './error-body.contract.js';

type JsonSchema = Record<string, unknown>;

/**
 * The last pass over the document SwaggerModule made: nestjs-zod's clean-up (named contract
 * schemas under components.schemas), the error body every error response refers to, and
 * noise left out: the long patterns zod writes beside a `format` (the format says it) and the
 * ±2^53 bounds it gives every integer.
 */
export function finishOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  const cleaned = cleanupOpenApiDoc(document);
  const errorBody = jsonSchemaOf(ErrorBodySchema);
  const schemas = (cleaned.components ??= {}).schemas ?? {};
  schemas[ERROR_BODY_SCHEMA] = errorBody;
  // The web client names one field's problem by this name (apps/web/src/api/types.ts).
  schemas[FIELD_PROBLEM_SCHEMA] = jsonSchemaOf(FieldProblemSchema);
  cleaned.components.schemas = Object.fromEntries(
    Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)),
  );
  tidy(cleaned);
  return cleaned;
}

/** The name of one field's problem (an error body's `details` item) in the document. */
export const FIELD_PROBLEM_SCHEMA = 'FieldProblem';

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function tidy(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(tidy);
  } else if (node && typeof node === 'object') {
    const schema = node as JsonSchema;
    if (typeof schema.format === 'string' && typeof schema.pattern === 'string')
      delete schema.pattern;
    if (schema.type === 'integer') {
      if (schema.minimum === Number.MIN_SAFE_INTEGER) delete schema.minimum;
      if (schema.maximum === Number.MAX_SAFE_INTEGER) delete schema.maximum;
    }
    Object.values(schema).forEach(tidy);
  }
}
