import { AppError } from '../../platform/errors.js';
import {
  JsonStreamError,
  selectJsonValues,
  type JsonPath,
  type JsonSelection,
} from '../../platform/json/json-stream.js';

/** The one state format Plumbline reads: version 4, written by Terraform 0.12 and later. */
export const SUPPORTED_STATE_VERSION = 4;

/** The tag (AWS, Azure) or label (Google) naming the asset a resource is, by its key. */
export const ASSET_TAG = 'plumbline';

/** One managed resource instance of a state, reduced to what matching needs. */
export interface TerraformResource {
  /** Its address as Terraform writes it: `module.db.aws_db_instance.orders`, `aws_instance.web["a"]`. */
  address: string;
  type: string;
  /** The asset key in its `plumbline` tag or label, unless that attribute is marked sensitive. */
  assetTag: string | null;
}

export interface TerraformState {
  terraformVersion: string;
  serial: number;
  lineage: string;
  resources: TerraformResource[];
  dataSourcesSkipped: number;
}

/**
 * What is read of the document: the header fields; of each resource its mode, type, name and
 * module; of each instance its key, whether it is deposed, its sensitive paths, and from its
 * attributes only `tags.plumbline` / `labels.plumbline`. Every other attribute is stepped over
 * unread, so no attribute value (sensitive or not) is ever held, let alone stored.
 */
function select(path: JsonPath): JsonSelection {
  const [top, , field, , instanceField, attribute, tagKey] = path;
  if (path.length === 1) {
    if (top === 'resources') return 'descend';
    return ['version', 'terraform_version', 'serial', 'lineage'].includes(top as string)
      ? 'take'
      : 'skip';
  }
  if (top !== 'resources') return 'skip';
  if (path.length === 2) return 'descend';
  if (path.length === 3) {
    if (field === 'instances') return 'descend';
    return ['mode', 'type', 'name', 'module'].includes(field as string) ? 'take' : 'skip';
  }
  if (field !== 'instances') return 'skip';
  if (path.length === 4) return 'descend';
  if (path.length === 5) {
    if (instanceField === 'attributes') return 'descend';
    return ['index_key', 'deposed', 'sensitive_attributes'].includes(instanceField as string)
      ? 'take'
      : 'skip';
  }
  if (instanceField !== 'attributes') return 'skip';
  if (path.length === 6) return attribute === 'tags' || attribute === 'labels' ? 'descend' : 'skip';
  return path.length === 7 && tagKey === ASSET_TAG ? 'take' : 'skip';
}

interface InstanceParts {
  indexKey: unknown;
  deposed: boolean;
  sensitive: unknown;
  tag: unknown;
  label: unknown;
}

interface ResourceParts {
  mode: unknown;
  type: unknown;
  name: unknown;
  module: unknown;
  instances: Map<number, InstanceParts>;
  line: number;
}

function refuse(message: string, line: number | null): AppError {
  return new AppError('validation_failed', `Nothing was read from the state: ${message}`, {
    issues: [{ path: line === null ? 'body' : `line ${line}`, message }],
  });
}

/** Whether a sensitive path covers the `plumbline` tag or label (or the whole map). */
function coversAssetTag(paths: unknown, attribute: 'tags' | 'labels'): boolean {
  if (!Array.isArray(paths)) return false;
  return paths.some((path) => {
    if (!Array.isArray(path) || path.length === 0) return false;
    const [first, second] = path as { type?: unknown; value?: unknown }[];
    if (first?.type !== 'get_attr' || first.value !== attribute) return false;
    if (second === undefined) return true;
    const value = second.value as { value?: unknown } | string | undefined;
    const key = typeof value === 'object' && value !== null ? value.value : value;
    return second.type === 'index' && key === ASSET_TAG;
  });
}

function indexSuffix(key: unknown): string | null {
  if (key === undefined || key === null) return '';
  if (typeof key === 'number' && Number.isInteger(key)) return `[${key}]`;
  if (typeof key === 'string') return `[${JSON.stringify(key)}]`;
  return null;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The managed instances of one resource, or the reason it is malformed. */
function instancesOf(resource: ResourceParts): TerraformResource[] {
  const { type, name, module } = resource;
  if (typeof type !== 'string' || !IDENTIFIER.test(type)) {
    throw refuse('a resource has no valid "type"', resource.line);
  }
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw refuse(`resource ${type} has no valid "name"`, resource.line);
  }
  if (module !== undefined && (typeof module !== 'string' || !module.startsWith('module.'))) {
    throw refuse(`resource ${type}.${name} has an invalid "module"`, resource.line);
  }
  const prefix = module ? `${module}.` : '';
  const found: TerraformResource[] = [];
  for (const instance of resource.instances.values()) {
    // A deposed object is the leftover of a create-before-destroy replacement, not an instance.
    if (instance.deposed) continue;
    const suffix = indexSuffix(instance.indexKey);
    if (suffix === null) {
      throw refuse(`resource ${prefix}${type}.${name} has an invalid "index_key"`, resource.line);
    }
    const tag = coversAssetTag(instance.sensitive, 'tags') ? undefined : instance.tag;
    const label = coversAssetTag(instance.sensitive, 'labels') ? undefined : instance.label;
    const assetTag = [tag, label].find((v): v is string => typeof v === 'string' && v !== '');
    found.push({ address: `${prefix}${type}.${name}${suffix}`, type, assetTag: assetTag ?? null });
  }
  return found;
}

/**
 * Reads a Terraform state (format version 4, as `terraform state pull` writes it) as it streams
 * in, and lists its managed resource instances; data sources are counted and left out. Memory
 * holds one resource's few selected fields at a time besides the list. A state of another
 * version, malformed or truncated JSON, or a resource without type or name is refused, naming
 * the line.
 */
export async function readTerraformState(
  input: AsyncIterable<string | Buffer> | NodeJS.ReadableStream,
): Promise<TerraformState> {
  const header: Record<string, unknown> = {};
  const resources: TerraformResource[] = [];
  let dataSourcesSkipped = 0;
  // The resource being read: values arrive in document order, one resource after another.
  const open: { index: number; parts: ResourceParts | null } = { index: -1, parts: null };
  const finish = () => {
    const parts = open.parts;
    if (!parts) return;
    if (parts.mode === 'managed') resources.push(...instancesOf(parts));
    else if (parts.mode === 'data') dataSourcesSkipped += 1;
    else throw refuse('a resource has a "mode" other than managed or data', parts.line);
    open.parts = null;
  };
  try {
    for await (const element of selectJsonValues(input, select, (kind) => {
      if (kind !== 'object') throw refuse('a Terraform state is a JSON object', 1);
    })) {
      const { path, value, line } = element;
      if (path.length === 1) {
        header[path[0] as string] = value;
        if (path[0] === 'version' && value !== SUPPORTED_STATE_VERSION) {
          throw refuse(
            `state format version ${JSON.stringify(value)} is not supported; Plumbline reads version ${SUPPORTED_STATE_VERSION} (Terraform 0.12 and later, as \`terraform state pull\` writes it)`,
            line,
          );
        }
        continue;
      }
      const index = path[1] as number;
      if (open.index !== index || !open.parts) {
        finish();
        open.index = index;
        open.parts = {
          mode: undefined,
          type: undefined,
          name: undefined,
          module: undefined,
          instances: new Map(),
          line,
        };
      }
      const parts = open.parts;
      if (path.length === 3) {
        parts[path[2] as 'mode' | 'type' | 'name' | 'module'] = value;
        continue;
      }
      const instanceIndex = path[3] as number;
      let instance = parts.instances.get(instanceIndex);
      if (!instance) {
        instance = {
          indexKey: undefined,
          deposed: false,
          sensitive: undefined,
          tag: undefined,
          label: undefined,
        };
        parts.instances.set(instanceIndex, instance);
      }
      if (path[4] === 'index_key') instance.indexKey = value;
      else if (path[4] === 'deposed') instance.deposed = typeof value === 'string' && value !== '';
      else if (path[4] === 'sensitive_attributes') instance.sensitive = value;
      else if (path[5] === 'tags') instance.tag = value;
      else instance.label = value;
    }
  } catch (error) {
    if (error instanceof JsonStreamError) {
      throw refuse(
        error.truncated
          ? `the JSON ends too early at line ${error.line} (a truncated file?)`
          : `line ${error.line}: ${error.problem}`,
        error.line,
      );
    }
    throw error;
  }
  finish();
  if (header.version === undefined) {
    throw refuse('it has no "version": is this a Terraform state file?', null);
  }
  const { terraform_version: terraformVersion, serial, lineage } = header;
  if (typeof terraformVersion !== 'string' || typeof lineage !== 'string') {
    throw refuse('"terraform_version" and "lineage" must be strings', null);
  }
  if (typeof serial !== 'number' || !Number.isInteger(serial) || serial < 0) {
    throw refuse('"serial" must be a whole number', null);
  }
  return { terraformVersion, serial, lineage, resources, dataSourcesSkipped };
}
