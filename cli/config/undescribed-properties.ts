type Segment = string | number;

/** Paths (inside a JSON Schema document) of every property definition that has no `description`. */
export function undescribedProperties(schema: unknown, at: Segment[] = []): Segment[][] {
  if (schema === null || typeof schema !== 'object') return [];
  const found: Segment[][] = [];
  const node = schema as Record<string, unknown>;
  const properties = node.properties;
  if (properties !== null && typeof properties === 'object') {
    for (const [key, property] of Object.entries(properties)) {
      const path = [...at, 'properties', key];
      if (
        property === null ||
        typeof property !== 'object' ||
        typeof (property as { description?: unknown }).description !== 'string'
      ) {
        found.push(path);
      }
      found.push(...undescribedProperties(property, path));
    }
  }
  for (const nested of ['items', 'additionalProperties']) {
    if (node[nested] !== null && typeof node[nested] === 'object') {
      found.push(...undescribedProperties(node[nested], [...at, nested]));
    }
  }
  for (const group of ['definitions', '$defs']) {
    const defs = node[group];
    if (defs !== null && typeof defs === 'object') {
      for (const [key, def] of Object.entries(defs))
        found.push(...undescribedProperties(def, [...at, group, key]));
    }
  }
  return found;
}
