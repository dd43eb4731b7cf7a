import schemaJson from '../../schemas/tinyforge.v1.schema.json';
import type { Locale } from './messages';

/** A field's docs in one language. */
export interface FieldDocs {
  title: string;
  description: string;
  markdownDescription: string;
  /** One per `enum` value, in its order. */
  markdownEnumDescriptions?: readonly string[];
}

/** One field of the v1 schema, with the docs editors show for it. */
export interface SchemaField {
  key: string;
  /** Dotted path from the root, e.g. `deploy.resources.cpu_limit`. */
  path: string;
  type: 'object' | 'integer' | 'number' | 'string' | 'const';
  /** The schema's docs (English) and their `x-translations`, by locale. */
  docs: Record<Locale, FieldDocs>;
  default?: unknown;
  examples: unknown[];
  enum?: readonly string[];
  constValue?: unknown;
  required: boolean;
  /** Child fields in schema order (objects only). */
  children: SchemaField[];
}

interface RawDocs {
  title?: string;
  description?: string;
  markdownDescription?: string;
  markdownEnumDescriptions?: string[];
}

interface RawSchema extends RawDocs {
  type?: string;
  const?: unknown;
  'x-translations'?: Partial<Record<Locale, RawDocs>>;
  default?: unknown;
  examples?: unknown[];
  enum?: string[];
  properties?: Record<string, RawSchema>;
  required?: string[];
}

// A translation lacking a text falls back to the English one (the parity test keeps them complete).
function docsFrom(key: string, raw: RawDocs, fallback?: FieldDocs): FieldDocs {
  const description = raw.description ?? fallback?.description ?? '';
  return {
    title: raw.title ?? fallback?.title ?? key,
    description,
    markdownDescription: raw.markdownDescription ?? fallback?.markdownDescription ?? description,
    markdownEnumDescriptions: raw.markdownEnumDescriptions ?? fallback?.markdownEnumDescriptions,
  };
}

function toField(key: string, path: string, raw: RawSchema, required: boolean): SchemaField {
  const requiredKeys = new Set(raw.required ?? []);
  const english = docsFrom(key, raw);
  return {
    key,
    path,
    type: raw.const !== undefined ? 'const' : ((raw.type ?? 'object') as SchemaField['type']),
    docs: { en: english, ru: docsFrom(key, raw['x-translations']?.ru ?? {}, english) },
    default: raw.default,
    examples: raw.examples ?? [],
    enum: raw.enum,
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
