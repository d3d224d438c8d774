// Counts the OpenAPI decorator lines in the controllers, the way docs/architecture.md measures
// them: every line of an `@Api…(…)` or `@Endpoint(…)` decorator in a `*.controller.ts`, from its
// `@` to its closing parenthesis (route, role and parameter decorators are not counted).
//   node scripts/decorator-lines.mjs          totals and the count per decorator
//   node scripts/decorator-lines.mjs --files  the same per controller file
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const SKIP = new Set(['node_modules', 'dist', '.git', '.data', 'generated']);
const DECORATOR = /^\s*@(Api\w*|Endpoint)\(/;

function controllers(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...controllers(path));
    else if (entry.name.endsWith('.controller.ts')) found.push(path);
  }
  return found;
}

/** How many lines the call opened at `start` spans, up to its closing parenthesis. */
function callLines(text, start) {
  let depth = 0;
  let lines = 1;
  let quote = null;
  for (let i = start; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\n') lines += 1;
    if (quote) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = (end === -1 ? text.length : end) - 1;
    } else if (c === '(') depth += 1;
    else if (c === ')' && --depth === 0) return lines;
  }
  throw new Error('unbalanced parentheses');
}

export function countDecoratorLines(text) {
  const byDecorator = {};
  let decoratorLines = 0;
  const lines = text.split('\n');
  let offset = 0;
  for (let n = 0; n < lines.length; n += 1) {
    const match = DECORATOR.exec(lines[n]);
    if (match) {
      const span = callLines(text, offset + lines[n].indexOf('@'));
      byDecorator[match[1]] = (byDecorator[match[1]] ?? 0) + span;
      decoratorLines += span;
      n += span - 1;
      for (let k = n - span + 1; k <= n; k += 1) offset += lines[k].length + 1;
      continue;
    }
    offset += lines[n].length + 1;
  }
  const total = text.endsWith('\n') ? lines.length - 1 : lines.length;
  return { decoratorLines, controllerLines: total, byDecorator };
}

const isMain = process.argv[1] && new URL(import.meta.url).pathname === process.argv[1];
if (isMain) {
  const files = [...controllers(join(root, 'libs')), ...controllers(join(root, 'apps'))].sort();
  const sum = { decoratorLines: 0, controllerLines: 0, byDecorator: {} };
  for (const file of files) {
    const count = countDecoratorLines(readFileSync(file, 'utf8'));
    sum.decoratorLines += count.decoratorLines;
    sum.controllerLines += count.controllerLines;
    for (const [name, n] of Object.entries(count.byDecorator))
      sum.byDecorator[name] = (sum.byDecorator[name] ?? 0) + n;
    if (process.argv.includes('--files'))
      console.log(
        `${String(count.decoratorLines).padStart(5)} / ${String(count.controllerLines).padStart(5)}  ${relative(root, file)}`,
      );
  }
  const kinds = Object.entries(sum.byDecorator)
    .sort(([, a], [, b]) => b - a)
    .map(([name, n]) => `@${name} ${n}`)
    .join(', ');
  console.log(
    `${sum.decoratorLines} decorator lines of ${sum.controllerLines} controller lines in ${files.length} controllers (${kinds})`,
  );
}
