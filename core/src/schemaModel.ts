import schemaJson from '../../schemas/tinyforge.v1.schema.json';

/** One field of the v1 schema, with the docs editors show for it. */
export interface SchemaField {
  key: string;
  /** Dotted path from the root, e.g. `deploy.resources.cpu_limit`. */
  path: string;
  type: 'object' | 'integer' | 'number' | 'string' | 'const';
  title: string;
  description: string;
  markdownDescription: string;
  default?: unknown;
  examples: unknown[];
  enum?: readonly string[];
  markdownEnumDescriptions?: readonly string[];
  constValue?: unknown;
  required: boolean;
  /** Child fields in schema order (objects only). */
  children: SchemaField[];
}

interface RawSchema {
  type?: string;
  const?: unknown;
  title?: string;
  description?: string;
  markdownDescription?: string;
  default?: unknown;
  examples?: unknown[];
  enum?: string[];
  markdownEnumDescriptions?: string[];
  properties?: Record<string, RawSchema>;
  required?: string[];
}

function toField(key: string, path: string, raw: RawSchema, required: boolean): SchemaField {
  const requiredKeys = new Set(raw.required ?? []);
  return {
    key,
    path,
    type: raw.const !== undefined ? 'const' : ((raw.type ?? 'object') as SchemaField['type']),
    title: raw.title ?? key,
    description: raw.description ?? '',
    markdownDescription: raw.markdownDescription ?? raw.description ?? '',
    default: raw.default,
    examples: raw.examples ?? [],
    enum: raw.enum,
    markdownEnumDescriptions: raw.markdownEnumDescriptions,
    constValue: raw.const,
    required,
    children: Object.entries(raw.properties ?? {}).map(([childKey, child]) =>
      toField(childKey, path ? `${path}.${childKey}` : childKey, child, requiredKeys.has(childKey)),
    ),
  };
}

/** The root of the v1 schema as a field tree; the single source of hover and completion docs. */
export const schemaRoot: SchemaField = toField('', '', schemaJson as RawSchema, true);

/** The schema field at a key path, or undefined when the path leaves the schema. */
export function fieldAt(path: readonly string[]): SchemaField | undefined {
  let field: SchemaField | undefined = schemaRoot;
  for (const key of path) {
    field = field?.children.find((child) => child.key === key);
    if (!field) return undefined;
  }
  return field;
}

/** Every leaf field of the schema, depth first, in schema order. */
export function leafFields(field: SchemaField = schemaRoot): SchemaField[] {
  return field.children.flatMap((child) => (child.type === 'object' ? leafFields(child) : [child]));
}
