import { TypeInfo, getNamedType, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';

/**
 * The schema coordinates (`Type.field`) a document selects, each once, fragments included, introspection and
 * `__typename` left out: what #16's field usage counts. Computed once per parsed document.
 */
export class FieldUsage {
  private readonly cache = new WeakMap<DocumentNode, readonly string[]>();
  constructor(private readonly schema: GraphQLSchema) {}

  coordinatesOf(document: DocumentNode): readonly string[] {
    let found = this.cache.get(document);
    if (!found) {
      const coordinates = new Set<string>();
      const typeInfo = new TypeInfo(this.schema);
      visit(document, visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          if (!parent || node.name.value.startsWith('__') || !typeInfo.getFieldDef()) return;
          coordinates.add(`${getNamedType(parent).name}.${node.name.value}`);
        },
      }));
      found = [...coordinates];
      this.cache.set(document, found);
    }
    return found;
  }
}
