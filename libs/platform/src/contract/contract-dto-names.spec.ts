import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isContractDto } from './contract-validation.pipe.js';

/**
 * A request DTO is named after the schema it carries (`CreateIdeaTheme` → `CreateIdeaThemeDto`),
 * so the name a developer reads in a controller is the one the OpenAPI document, the generated
 * web client and an automation user read. Every lib's contract is read from disk (not
 * imported by name), so platform gains no dependency on the feature libs.
 */
const LIBS = fileURLToPath(new URL('../../../', import.meta.url));

function contractFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return contractFiles(path);
    return entry.name.endsWith('.contract.ts') ? [path] : [];
  });
}

describe('contract DTO names', () => {
  it('name every request DTO after the id of the schema it carries', async () => {
    const mismatches: string[] = [];
    let dtos = 0;
    for (const lib of readdirSync(LIBS)) {
      for (const file of contractFiles(join(LIBS, lib, 'src'))) {
        const contract = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
        for (const [exported, value] of Object.entries(contract)) {
          if (!isContractDto(value)) continue;
          dtos += 1;
          const id = value.schema.meta()?.id;
          if (exported !== `${id}Dto`) mismatches.push(`${lib}: ${exported} carries '${id}'`);
        }
      }
    }
    expect(dtos).toBeGreaterThan(50);
    expect(mismatches).toEqual([]);
  });
});
