/**
 * Checks JSON against Intercom's own OpenAPI 2.16 description (shared/fixtures/intercom): the schemas' types,
 * enums, nullability and required keys, and the keys of the spec's example responses, which the simulator
 * must carry too (the schemas declare almost nothing required).
 */

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SPEC_PATH = resolve(ROOT, '../shared/fixtures/intercom/api.intercom.io.2.16.yaml');
export const haveSpec = existsSync(SPEC_PATH);

// The `yaml` package is not a dependency; js-yaml is installed with electron-builder, so the helper borrows it.
const require = createRequire(import.meta.url);
const jsYaml = require('js-yaml') as { load(text: string): unknown };

type Node = Record<string, unknown>;

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function at(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) {
    if (!isNode(node)) return undefined;
    node = node[key];
  }
  return node;
}

export interface OpenApi {
  /** Problems of `value` against components.schemas[name]; empty when it conforms. */
  validate(name: string, value: unknown): string[];
  /** The first example of an operation's response (e.g. ('/conversations/{conversation_id}', 'get', '200')). */
  example(path: string, method: string, status?: string): Node;
}

export function loadOpenApi(): OpenApi {
  const spec = jsYaml.load(readFileSync(SPEC_PATH, 'utf8'));
  const schemas = at(spec, ['components', 'schemas']);
  if (!isNode(schemas)) throw new Error('the spec has no components.schemas');

  /** A node with its $ref followed; siblings of the $ref (nullable, description) stay on top. */
  const deref = (node: Node): Node => {
    const ref = node['$ref'];
    if (typeof ref !== 'string') return node;
    const target = schemas[ref.replace('#/components/schemas/', '')];
    if (!isNode(target)) throw new Error(`unresolved ${ref}`);
    const siblings = Object.fromEntries(Object.entries(node).filter(([key]) => key !== '$ref'));
    return { ...deref(target), ...siblings, nullable: target['nullable'] === true || siblings['nullable'] === true };
  };

  const check = (raw: Node, value: unknown, path: string, errors: string[]): void => {
    const node = deref(raw);
    if (value === null) {
      const enumValues = node['enum'];
      if (node['nullable'] !== true && !(Array.isArray(enumValues) && enumValues.includes(null))) errors.push(`${path}: null, but the spec does not allow null`);
      return;
    }
    for (const sub of (node['allOf'] as Node[] | undefined) ?? []) check(sub, value, path, errors);
    for (const key of ['oneOf', 'anyOf'] as const) {
      const options = node[key] as Node[] | undefined;
      if (!options) continue;
      const outcomes = options.map((option) => {
        const found: string[] = [];
        check(option, value, path, found);
        return found;
      });
      if (!outcomes.some((found) => found.length === 0)) errors.push(`${path}: matches none of ${key} (${outcomes.map((f) => f[0]).join(' | ')})`);
    }
    const enumValues = node['enum'];
    if (Array.isArray(enumValues) && !enumValues.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} is not one of ${enumValues.join(', ')}`);
    const type = node['type'] ?? (node['properties'] ? 'object' : undefined);
    switch (type) {
      case 'object': {
        if (!isNode(value)) {
          errors.push(`${path}: expected an object, got ${JSON.stringify(value)}`);
          return;
        }
        const properties = (node['properties'] as Record<string, Node> | undefined) ?? {};
        for (const key of (node['required'] as string[] | undefined) ?? []) if (!(key in value)) errors.push(`${path}.${key}: required, missing`);
        const extra = node['additionalProperties'];
        for (const [key, v] of Object.entries(value)) {
          const prop = properties[key];
          if (prop) check(prop, v, `${path}.${key}`, errors);
          else if (isNode(extra)) check(extra, v, `${path}.${key}`, errors);
        }
        return;
      }
      case 'array':
        if (!Array.isArray(value)) errors.push(`${path}: expected an array`);
        else if (isNode(node['items'])) value.forEach((item, i) => check(node['items'] as Node, item, `${path}[${i}]`, errors));
        return;
      case 'string':
        if (typeof value !== 'string') errors.push(`${path}: expected a string, got ${JSON.stringify(value)}`);
        return;
      case 'integer':
        if (!Number.isInteger(value)) errors.push(`${path}: expected an integer, got ${JSON.stringify(value)}`);
        return;
      case 'number':
        if (typeof value !== 'number') errors.push(`${path}: expected a number, got ${JSON.stringify(value)}`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') errors.push(`${path}: expected a boolean, got ${JSON.stringify(value)}`);
        return;
      default:
    }
  };

  return {
    validate(name, value) {
      const schema = schemas[name];
      if (!isNode(schema)) throw new Error(`no schema ${name}`);
      const errors: string[] = [];
      check(schema, value, name, errors);
      return errors;
    },
    example(path, method, status = '200') {
      const examples = at(spec, ['paths', path, method, 'responses', status, 'content', 'application/json', 'examples']);
      const first = isNode(examples) ? Object.values(examples)[0] : undefined;
      const value = isNode(first) ? first['value'] : undefined;
      if (!isNode(value)) throw new Error(`no example for ${method.toUpperCase()} ${path} ${status}`);
      return value;
    },
  };
}

/** Keys of the example that the served object lacks. */
export function missingKeys(served: unknown, example: unknown): string[] {
  if (!isNode(served) || !isNode(example)) return ['(not an object)'];
  return Object.keys(example).filter((key) => !(key in served));
}
