import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import type { NotificationCreated, TokenTransactionCommitted } from '@etika/schema';
import { isLiveField, type LiveFieldName } from './live-schema.ts';

type Path = readonly (string | number)[];
type Data = Record<string, unknown> | null | undefined;
type Variables = Record<string, unknown>;

/**
 * How one subscription resolves each of its events: the query it runs as the subscriber through the normal query
 * path (authorization, planning, subgraphs, tenant rules), and how that answer becomes the subscription's.
 */
export interface LivePlan {
  readonly field: LiveFieldName;
  /** The subscription field's response key (its alias, or its name). */
  readonly responseKey: string;
  readonly query: DocumentNode;
  variables(payload: unknown, client: Variables): Variables;
  /** The field's value; null when the subscriber may not see the entity (nothing is delivered). */
  value(data: Data, payload: unknown, client: Variables): unknown;
  /** A response path of the query's answer, as a path of the subscription's answer. */
  path(path: Path): Path;
}

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
const LIVE_ID = 'liveEntityId';
const WALLET_EVENT_FIELDS = new Set(['transactionId', 'organizationId', 'kind', 'committedAt', '__typename']);

/** Whether a selection is skipped by `@skip`/`@include` with these variables. */
function skipped(node: FieldNode, variables: Variables): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.['if'] === true) return true;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.['if'] === false;
}

/** The query document around `selectionSet`, with the fragments and variable definitions it uses and no others. */
function queryDocument(operationName: string, selectionSet: SelectionSetNode, document: DocumentNode, operation: OperationDefinitionNode, extra: readonly VariableDefinitionNode[]): DocumentNode {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const usedFragments = new Set<string>();
  const usedVariables = new Set<string>();
  const walk = (node: SelectionSetNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        if (usedFragments.has(spread.name.value)) return;
        usedFragments.add(spread.name.value);
        const fragment = fragments.get(spread.name.value);
        if (fragment) walk(fragment);
      },
      Variable(variable) {
        usedVariables.add(variable.name.value);
      },
    });
  walk(selectionSet);
  const variableDefinitions = [...extra, ...(operation.variableDefinitions ?? []).filter((v) => usedVariables.has(v.variable.name.value))];
  const query: OperationDefinitionNode = { kind: Kind.OPERATION_DEFINITION, operation: 'query' as OperationDefinitionNode['operation'], name: name(operationName), variableDefinitions, directives: [], selectionSet };
  return { kind: Kind.DOCUMENT, definitions: [query, ...[...usedFragments].flatMap((f) => (fragments.get(f) ? [fragments.get(f)!] : []))] };
}

function field(alias: string | null, fieldName: string, selectionSet: SelectionSetNode | undefined, from?: FieldNode, args: FieldNode['arguments'] = []): FieldNode {
  return { kind: Kind.FIELD, ...(alias ? { alias: name(alias) } : {}), name: name(fieldName), arguments: args, directives: from?.directives ?? [], ...(selectionSet ? { selectionSet } : {}) };
}

const set = (selections: readonly FieldNode[]): SelectionSetNode => ({ kind: Kind.SELECTION_SET, selections });

function notificationPlan(root: FieldNode, responseKey: string, document: DocumentNode, operation: OperationDefinitionNode): LivePlan {
  const idArgument = { kind: Kind.ARGUMENT, name: name('id'), value: { kind: Kind.VARIABLE, name: name(LIVE_ID) } } as const;
  const selection = set([field('live', 'notification', root.selectionSet, undefined, [idArgument])]);
  const idVariable: VariableDefinitionNode = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: name(LIVE_ID) },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('ID') } },
  };
  return {
    field: 'notificationAdded',
    responseKey,
    query: queryDocument('LiveNotification', selection, document, operation, [idVariable]),
    variables: (payload, client) => ({ ...client, [LIVE_ID]: (payload as NotificationCreated).notificationId }),
    value: (data) => data?.['live'] ?? null,
    path: ([, ...rest]) => [responseKey, ...rest],
  };
}

function walletPlan(root: FieldNode, responseKey: string, document: DocumentNode, operation: OperationDefinitionNode): LivePlan | string {
  const selections = root.selectionSet?.selections ?? [];
  const fields: FieldNode[] = [];
  for (const s of selections) {
    if (s.kind !== Kind.FIELD) return 'Select the fields of WalletChange directly, without fragments';
    fields.push(s);
  }
  const wallets = fields.filter((f) => f.name.value === 'wallet');
  // without a wallet selected the query still asks who the subscriber is, so each event is authorized as them
  const me = field(null, 'me', set(wallets.length ? wallets.map((w) => field(w.alias?.value ?? 'wallet', 'wallet', w.selectionSet, w)) : [field(null, 'id', undefined)]));
  const eventValue = (fieldName: string, t: TokenTransactionCommitted): unknown =>
    ({ transactionId: t.transactionId, organizationId: t.orgId, kind: t.kind, committedAt: t.createdAt, __typename: 'WalletChange' })[fieldName];
  return {
    field: 'walletChanged',
    responseKey,
    query: queryDocument('LiveWallet', set([me]), document, operation, []),
    variables: (_payload, client) => client,
    value: (data, payload, client) => {
      const person = data?.['me'] as Record<string, unknown> | null | undefined;
      if (!person) return null;
      const value: Record<string, unknown> = {};
      for (const f of fields) {
        if (skipped(f, client)) continue;
        const key = f.alias?.value ?? f.name.value;
        value[key] = WALLET_EVENT_FIELDS.has(f.name.value) ? eventValue(f.name.value, payload as TokenTransactionCommitted) : person[key];
      }
      return value;
    },
    path: ([, ...rest]) => [responseKey, ...rest],
  };
}

/** The plan of a validated subscription document, or why the gateway cannot serve it. */
export function planLive(document: DocumentNode, operation: OperationDefinitionNode): LivePlan | string {
  const [root, ...others] = operation.selectionSet.selections;
  if (!root || others.length || root.kind !== Kind.FIELD) return 'Select one subscription field directly, without fragments';
  const responseKey = root.alias?.value ?? root.name.value;
  if (!isLiveField(root.name.value)) return `The gateway serves no subscription field "${root.name.value}"`;
  return root.name.value === 'notificationAdded' ? notificationPlan(root, responseKey, document, operation) : walletPlan(root, responseKey, document, operation);
}
