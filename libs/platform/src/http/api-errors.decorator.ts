import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'dates.applicationsCloseAt' }) field: string;
  @ApiProperty({ example: 'dates.applicationsCloseAt must be an ISO 8601 date-time' })
  message: string;
}

export class ErrorBodyDto {
  @ApiProperty({ example: 409 }) statusCode: number;
  @ApiProperty({
    example: 'LAB_VERSION_CONFLICT',
    description: 'Stable, machine-readable error code.',
  })
  code: string;
  @ApiProperty({ description: 'What went wrong, for a person.' }) message: string;
  @ApiPropertyOptional({
    type: [FieldProblemDto],
    description: 'Field problems (validation) or structured facts.',
  })
  details?: FieldProblemDto[];
  @ApiProperty({
    description: 'Quote it when reporting a problem; also in the x-request-id header.',
  })
  requestId: string;
}

/**
 * Document the error responses of a route: `@ApiErrors(400, 'VALIDATION_FAILED', 409, 'LAB_VERSION_CONFLICT')`.
 * Several codes for one status are written `'A | B'`.
 */
export function ApiErrors(...pairs: (number | string)[]): MethodDecorator & ClassDecorator {
  const decorators: (MethodDecorator & ClassDecorator)[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const status = Number(pairs[i]);
    const codes = String(pairs[i + 1]);
    decorators.push(
      ApiResponse({ status, type: ErrorBodyDto, description: `Error code(s): ${codes}` }),
    );
  }
  return applyDecorators(...decorators);
}
