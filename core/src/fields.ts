/** The `source_config` key each declared leaf maps to (contract section 1). */
export const sourceConfigKeys: Readonly<Record<string, string>> = {
  'deploy.port': 'port',
  'deploy.healthcheck': 'healthcheck',
  'deploy.deploy_strategy': 'deploy_strategy',
  'deploy.resources.cpu_limit': 'cpu_limit',
  'deploy.resources.memory_limit': 'memory_limit',
  'deploy.max_instances': 'max_instances',
};

/** The JSON type a live `source_config` value of each field must have (the schema's; a test holds them equal). */
export const liveValueTypes: Readonly<Record<string, 'integer' | 'number' | 'string'>> = {
  'deploy.port': 'integer',
  'deploy.healthcheck': 'string',
  'deploy.deploy_strategy': 'string',
  'deploy.resources.cpu_limit': 'number',
  'deploy.resources.memory_limit': 'integer',
  'deploy.max_instances': 'integer',
};

/** The fields each source kind manages in v1; used offline, the server's `managed_fields` wins when connected. */
export const managedFieldsBySource: Readonly<Record<string, readonly string[]>> = {
  dockerfile: ['deploy.port', 'deploy.healthcheck', 'deploy.deploy_strategy'],
  static: ['deploy.deploy_strategy'],
};

/** The managed fields of a source kind (none for an unknown kind). */
export function managedFieldsFor(sourceKind: string): readonly string[] {
  return managedFieldsBySource[sourceKind] ?? [];
}

/** The parts of a snapshot that say which fields it manages. */
export interface ManagedFieldsSource {
  sourceKind: string;
  managedFields?: string[];
}

/** The managed-field list that applies to a snapshot: the server's list when it sent one, else the v1 table. */
export function managedFieldsOf(snapshot: ManagedFieldsSource): readonly string[] {
  return snapshot.managedFields ?? managedFieldsFor(snapshot.sourceKind);
}
