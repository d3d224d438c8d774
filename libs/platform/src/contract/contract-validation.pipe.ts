import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { PlatformError, type FieldProblem } from '../errors/app-error.js';
import { checkContract } from './contract-problems.js';

/** What createZodDto (nestjs-zod) makes: a class carrying its schema. */
export interface ContractDto<S extends z.ZodType = z.ZodType> {
  new (): z.output<S>;
  readonly isZodDto: true;
  readonly schema: S;
}

export function isContractDto(value: unknown): value is ContractDto {
  return (
    typeof value === 'function' &&
    (value as { isZodDto?: unknown }).isZodDto === true &&
    'schema' in value
  );
}

/** The 400 every refused request gets, listing each field's problem by dotted path. */
export function requestValidationFailed(problems: FieldProblem[]): PlatformError {
  const fields = [...new Set(problems.map((p) => p.field || 'body'))];
  return new PlatformError(
    'VALIDATION_FAILED',
    fields.length === 1
      ? `The request has a problem with ${fields[0]}.`
      : `The request has problems with ${fields.length} fields: ${fields.join(', ')}.`,
    problems,
  );
}

/** Parse a request part against its contract schema, or throw 400 VALIDATION_FAILED. */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const checked = checkContract(schema, value ?? {});
  if (!checked.ok) throw requestValidationFailed(checked.problems);
  return checked.value;
}

/**
 * The global pipe: a body, query or parameter typed with a contract DTO is parsed by its zod
 * schema (strict objects: unknown fields are refused). Every body and query is typed so
 * (describeEndpoints refuses a route whose body or query is not); path ids have their own
 * pipes (e.g. uuidParam).
 */
export class ContractValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'custom' && isContractDto(metadata.metatype))
      return parseRequest(metadata.metatype.schema, value);
    return value;
  }
}
