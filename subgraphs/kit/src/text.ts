import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLResolveInfo,
} from 'graphql';
import type { IMiddlewareFunction } from 'graphql-middleware';
import { appError } from './errors.ts';

/**
 * Control characters: NUL (which PostgreSQL cannot store in text) and every other C0 and C1 control except tab,
 * line feed and carriage return.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/**
 * Characters that change how text reads without being seen: bidirectional marks, embeddings, overrides and
 * isolates, zero-width spaces and joiners, word joiners and invisible operators, the byte-order mark, and the
 * other characters that render as nothing (soft hyphen, combining grapheme joiner, Hangul and Khmer fillers,
 * line and paragraph separators, interlinear annotation marks, and the tag characters that can hide a whole text).
 */
const INVISIBLE =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E007F}]/u;

export interface TextOptions {
  /** A secret nobody else reads (a password): invisible characters are allowed, control characters are not. */
  readonly secret?: boolean;
}

/**
 * The platform's rule for text it is given: no control characters anywhere, and nothing invisible in text that
 * other people see (names, symbols, memos), so that no name can pass for another or reverse what follows it.
 */
export function textOrThrow(value: string, field: string, options: TextOptions = {}): string {
  if (CONTROL.test(value)) throw appError('BAD_USER_INPUT', `${field} contains a control character (such as a NUL byte), which is not allowed`, { field });
  if (!options.secret && INVISIBLE.test(value)) {
    throw appError('BAD_USER_INPUT', `${field} contains an invisible or direction-changing character, which is not allowed`, { field });
  }
  return value;
}

const isTextType = (type: GraphQLInputType) => {
  const name = getNamedType(type).name;
  return name === 'String' || name === 'ID';
};

/** Checks one argument or input field value, descending into lists and input objects. */
function checkValue(value: unknown, type: GraphQLInputType, path: string, coordinate: string, secrets: ReadonlySet<string>): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(value, type.ofType, path, coordinate, secrets);
  if (isListType(type)) {
    if (Array.isArray(value)) value.forEach((item, i) => checkValue(item, type.ofType, `${path}.${i}`, coordinate, secrets));
    return;
  }
  if (isInputObjectType(type)) {
    const fields: Record<string, GraphQLInputField> = type.getFields();
    for (const [name, field] of Object.entries(fields)) {
      checkValue((value as Record<string, unknown>)[name], field.type, `${path}.${name}`, `${type.name}.${name}`, secrets);
    }
    return;
  }
  if (typeof value === 'string' && isTextType(type)) textOrThrow(value, path, { secret: secrets.has(coordinate) });
}

/**
 * Middleware that applies `textOrThrow` to every String and ID argument of every field, and to every String and
 * ID field of input objects at any depth, before the resolver runs: a bad character is a `BAD_USER_INPUT` naming
 * where it is (`input.legs.1.memo`). `secrets` are schema coordinates of arguments (`Mutation.signIn(password:)`)
 * or input fields (`CredentialsInput.password`) that may hold invisible characters.
 */
export function textArgumentsMiddleware(secrets: readonly string[] = []): IMiddlewareFunction {
  const secretSet = new Set(secrets);
  return (resolve, root, args: Record<string, unknown>, context, info: GraphQLResolveInfo) => {
    const definitions: readonly GraphQLArgument[] = info.parentType.getFields()[info.fieldName]?.args ?? [];
    for (const arg of definitions) {
      checkValue(args[arg.name], arg.type, arg.name, `${info.parentType.name}.${info.fieldName}(${arg.name}:)`, secretSet);
    }
    return resolve(root, args, context, info);
  };
}
