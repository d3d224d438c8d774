import { z } from 'zod';
import { QUESTION_TYPES } from './application-form.js';

/**
 * A question of a lab's application form: the one declaration of its shape. The applications
 * contract validates and documents it with this schema, the web client's type is generated
 * from that document, and the form's rules (`formDefinitionProblems`, `answerProblems`) read
 * its type. Kept apart from `application-form.ts`, which the web client imports, so the client
 * does not load zod.
 */
export const FormQuestion = z.strictObject({
  id: z
    .string({ error: (issue) => (issue.code === 'invalid_type' ? 'must be text' : undefined) })
    .max(40)
    .meta({
      example: 'motivation',
      description: 'Stable id the answers are keyed by: lower-case letters, digits, _ or -.',
    }),
  type: z.enum(QUESTION_TYPES),
  label: z.string().min(1).max(500).meta({ example: 'Why do you want to join this Ideas Lab?' }),
  helpText: z
    .string()
    .max(2000)
    .optional()
    .meta({ example: 'Tell us what you would bring to a team.' }),
  required: z.boolean(),
  wordLimit: z
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .meta({ example: 300, description: 'long_text only: the most words an answer may have.' }),
  options: z
    .array(z.string().max(200))
    .max(50)
    .optional()
    .meta({ description: 'single_choice and multiple_choice only: the choices, in order.' }),
  requireYes: z
    .boolean()
    .optional()
    .meta({ description: 'yes_no only: a consent that must be answered yes.' }),
});
export type FormQuestion = z.output<typeof FormQuestion>;
