// Writes the TypeScript types of the API contract (src/shared/api/contract.generated.ts) from the
// OpenAPI document the routes generate: for every path and method, its path parameters, query,
// JSON body and the body of each response status. `npm run openapi` writes it beside
// docs/openapi.json and test/api/openapi-drift.test.ts fails when the committed file differs.
//
// The document uses a small part of JSON Schema (zod's output: type, nullable, enum, properties,
// required, additionalProperties, items, anyOf, oneOf, allOf, $ref to components), so a generator
// of our own writes it without a dependency; anything outside that part becomes `unknown`, never a
// wrong type.
import { API_PREFIX } from '../src/shared/api/api-client.js';

interface JsonSchema {
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  description?: string;
}

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

export interface OpenApiDocument {
  components?: { schemas?: Record<string, JsonSchema> };
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function propertyName(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

function comment(text: string | undefined, indent: string): string {
  if (!text) return '';
  return `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')} */\n`;
}

function typeOf(schema: JsonSchema | undefined, indent: string): string {
  if (!schema) return 'unknown';
  const base = nonNullTypeOf(schema, indent);
  return schema.nullable && base !== 'unknown' ? `${base} | null` : base;
}

function union(members: string[]): string {
  const distinct = [...new Set(members)];
  return distinct.length === 1
    ? (distinct[0] ?? 'never')
    : distinct.map((m) => `(${m})`).join(' | ');
}

function nonNullTypeOf(schema: JsonSchema, indent: string): string {
  if (schema.$ref) {
    const name = /^#\/components\/schemas\/([A-Za-z0-9_]+)$/.exec(schema.$ref)?.[1];
    return name ? `${name}Body` : 'unknown';
  }
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (schema.anyOf) return union(schema.anyOf.map((member) => typeOf(member, indent)));
  if (schema.oneOf) return union(schema.oneOf.map((member) => typeOf(member, indent)));
  if (schema.allOf) return schema.allOf.map((member) => `(${typeOf(member, indent)})`).join(' & ');
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return `Array<${typeOf(schema.items, indent)}>`;
    case 'object':
      return objectTypeOf(schema, indent);
    case undefined:
    default:
      return 'unknown';
  }
}

function objectTypeOf(schema: JsonSchema, indent: string): string {
  const inner = `${indent}  `;
  const required = new Set(schema.required ?? []);
  const members = Object.entries(schema.properties ?? {}).map(
    ([name, property]) =>
      `${comment(property.description, inner)}${inner}${propertyName(name)}${required.has(name) ? '' : '?'}: ${typeOf(property, inner)};\n`,
  );
  const extra = schema.additionalProperties;
  if (extra !== false && extra !== undefined) {
    const valueType = extra === true ? 'unknown' : typeOf(extra, inner);
    if (members.length === 0) return `Record<string, ${valueType}>`;
    members.push(`${inner}[name: string]: unknown;\n`);
  }
  return members.length === 0 ? 'Record<string, never>' : `{\n${members.join('')}${indent}}`;
}

/** A query or path parameter: text on the wire, so a number may also be given as text. */
function parameterTypeOf(schema: JsonSchema | undefined, indent: string): string {
  const type = typeOf(schema, indent);
  if (schema?.type === 'number' || schema?.type === 'integer') return `${type} | string`;
  if (schema?.enum?.includes('true') && schema.enum.includes('false')) return `${type} | boolean`;
  return type;
}

function parametersOf(parameters: Parameter[], place: 'path' | 'query', indent: string): string {
  const inner = `${indent}  `;
  const members = parameters
    .filter((parameter) => parameter.in === place)
    .map((parameter) => {
      const optional = place === 'query' && !parameter.required;
      const type = parameterTypeOf(parameter.schema, inner);
      return `${comment(parameter.description ?? parameter.schema?.description, inner)}${inner}${propertyName(parameter.name)}${optional ? '?' : ''}: ${optional ? `${type} | null` : type};\n`;
    });
  return `{\n${members.join('')}${indent}}`;
}

function operationType(operation: Operation, indent: string): string {
  const inner = `${indent}  `;
  const parameters = operation.parameters ?? [];
  const hasPath = parameters.some((parameter) => parameter.in === 'path');
  const hasQuery = parameters.some((parameter) => parameter.in === 'query');
  const queryRequired = parameters.some(
    (parameter) => parameter.in === 'query' && parameter.required,
  );
  const body = operation.requestBody?.content?.['application/json'];
  const member = `${inner}  `;
  const lines: string[] = [];
  if (hasPath) lines.push(`${member}path: ${parametersOf(parameters, 'path', member)};\n`);
  if (hasQuery)
    lines.push(
      `${member}query${queryRequired ? '' : '?'}: ${parametersOf(parameters, 'query', member)};\n`,
    );
  if (body)
    lines.push(
      `${member}body${operation.requestBody?.required ? '' : '?'}: ${typeOf(body.schema, member)};\n`,
    );
  const request = lines.length === 0 ? 'Record<string, never>' : `{\n${lines.join('')}${inner}}`;
  const responses = Object.entries(operation.responses ?? {}).map(([status, response]) => {
    const content = response.content?.['application/json'];
    return `${inner}  ${status}: ${content ? typeOf(content.schema, `${inner}  `) : 'unknown'};\n`;
  });
  return (
    `{\n${inner}request: ${request};\n` +
    `${inner}responses: {\n${responses.join('')}${inner}};\n${indent}}`
  );
}

/** The source text of src/shared/api/contract.generated.ts for an OpenAPI document. */
export function apiContractTypes(document: OpenApiDocument): string {
  const out: string[] = [
    '// Generated from docs/openapi.json by scripts/api-contract-types.ts (`npm run openapi`).\n',
    '// Do not edit: change the route schemas and regenerate. test/api/openapi-drift.test.ts fails\n',
    '// when this file and the routes differ.\n',
    '\n',
  ];
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    out.push(`export type ${name}Body = ${typeOf(schema, '')};\n\n`);
  }
  out.push(
    '/** Every path of the API (without its /api/v1 prefix), by method: request and responses. */\n',
  );
  out.push('export interface ApiContract {\n');
  for (const [prefixed, operations] of Object.entries(document.paths)) {
    if (!prefixed.startsWith(API_PREFIX)) continue;
    const path = prefixed.slice(API_PREFIX.length);
    out.push(`  ${JSON.stringify(path)}: {\n`);
    for (const method of METHODS) {
      const operation = operations[method];
      if (operation) out.push(`    ${method}: ${operationType(operation, '    ')};\n`);
    }
    out.push('  };\n');
  }
  out.push('}\n');
  return out.join('');
}
