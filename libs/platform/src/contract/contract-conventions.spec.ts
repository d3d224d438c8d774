import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isContractDto } from './contract-validation.pipe.js';

/**
 * Conventions every lib's contract keeps. The contracts are read from disk (not imported by
 * name), so platform gains no dependency on the feature libs.
 */
const LIBS = fileURLToPath(new URL('../../../', import.meta.url));

function contractFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return contractFiles(path);
    return entry.name.endsWith('.contract.ts') ? [path] : [];
  });
}

/** Every export of every lib's contract, with the lib it comes from. */
async function contractExports(): Promise<{ lib: string; exported: string; value: unknown }[]> {
  const all: { lib: string; exported: string; value: unknown }[] = [];
  for (const lib of readdirSync(LIBS))
    for (const file of contractFiles(join(LIBS, lib, 'src'))) {
      const contract = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      for (const [exported, value] of Object.entries(contract)) all.push({ lib, exported, value });
    }
  return all;
}

/**
 * A request DTO is named after the schema it carries (`CreateIdeaTheme` → `CreateIdeaThemeDto`),
 * so the name a developer reads in a controller is the one the OpenAPI document, the generated
 * web client and an automation user read.
 */
describe('contract DTO names', () => {
  it('name every request DTO after the id of the schema it carries', async () => {
    const mismatches: string[] = [];
    let dtos = 0;
    for (const { lib, exported, value } of await contractExports()) {
      if (!isContractDto(value)) continue;
      dtos += 1;
      const id = value.schema.meta()?.id;
      if (exported !== `${id}Dto`) mismatches.push(`${lib}: ${exported} carries '${id}'`);
    }
    expect(dtos).toBeGreaterThan(50);
    expect(mismatches).toEqual([]);
  });
});

/**
 * An empty required text reads "Required." beside its field in every form: the contract layer
 * words it once (`describeIssue`: "is required"). A schema that gives its own message for an
 * empty string (`.min(1, 'must not be empty')`) goes past that wording, and its form shows
 * another sentence.
 */
interface ZodNode {
  _zod: { def: Record<string, unknown> & { type: string; checks?: ZodNode[] } };
}

const isZod = (value: unknown): value is ZodNode =>
  typeof value === 'object' && value !== null && '_zod' in value;

/** The paths of text fields, under `schema`, whose empty-string check carries its own message. */
function ownEmptyWordings(schema: ZodNode, path: string, seen: Set<ZodNode>): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const { def } = schema._zod;
  const found: string[] = [];
  // A string field's own check; an empty entry of a list (taxonomy names) is worded apart.
  for (const check of def.type === 'string' && !path.endsWith('.element')
    ? (def.checks ?? [])
    : []) {
    const checkDef = check._zod.def as { check?: string; minimum?: number; error?: unknown };
    if (checkDef.check === 'min_length' && checkDef.minimum === 1 && checkDef.error)
      found.push(path);
  }
  for (const [key, value] of Object.entries(def)) {
    if (key === 'checks') continue;
    const children = isZod(value)
      ? [[key, value] as const]
      : Array.isArray(value)
        ? value.filter(isZod).map((child, i) => [`${key}[${i}]`, child] as const)
        : value && typeof value === 'object'
          ? Object.entries(value).filter((entry): entry is [string, ZodNode] => isZod(entry[1]))
          : [];
    for (const [name, child] of children)
      found.push(...ownEmptyWordings(child, `${path}.${name}`, seen));
  }
  return found;
}

describe('contract wording of empty required texts', () => {
  it('leaves every empty required text to the one wording ("is required")', async () => {
    const ownWordings: string[] = [];
    let schemas = 0;
    for (const { lib, exported, value } of await contractExports()) {
      if (!isZod(value)) continue;
      schemas += 1;
      ownWordings.push(...ownEmptyWordings(value, `${lib}: ${exported}`, new Set()));
    }
    expect(schemas).toBeGreaterThan(100);
    expect(ownWordings).toEqual([]);
  });
});
