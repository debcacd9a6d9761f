export {
  buildRequirementsIndex,
  normalizeRequirement,
  stripSecurityLinks,
  type LinkedDirectiveNames,
  type RequirementsIndex,
} from './requirements-index.ts';
export {
  OperationAuthorizer,
  analyzeOperation,
  type AuthorizationOutcome,
  type AuthorizationResult,
  type AuthorizeRequest,
  type AuthorizerOptions,
  type OperationAnalysis,
  type ResponsePath,
  type RestrictedField,
  type UnauthorizedFieldError,
} from './authorize-operation.ts';
