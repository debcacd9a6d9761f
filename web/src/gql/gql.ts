/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query UnreadNotificationCount { unreadNotificationCount }": typeof types.UnreadNotificationCountDocument,
    "\n  query Shell {\n    me {\n      id\n      email\n      memberships {\n        role\n        organization {\n          id\n          name\n          brandColor\n          logoUrl\n        }\n      }\n    }\n  }\n": typeof types.ShellDocument,
    "\n  mutation SetMyLanguage($language: Language!) {\n    setMyLanguage(language: $language) {\n      id\n    }\n  }\n": typeof types.SetMyLanguageDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  mutation SwitchOrganization($organizationId: ID!) {\n    switchOrganization(organizationId: $organizationId) {\n      accessToken\n    }\n  }\n": typeof types.SwitchOrganizationDocument,
    "\n  query DashboardTokens {\n    tokens {\n      id\n      name\n      symbol\n      decimals\n      maxSupply\n    }\n  }\n": typeof types.DashboardTokensDocument,
    "\n  query Dashboard($tokenId: ID!, $range: AnalyticsRangeInput!, $locale: String!, $decimals: Int!) {\n    tokenAnalytics(tokenId: $tokenId, range: $range) {\n      tokenId\n      periods {\n        start\n        issued\n        sold\n        transferred\n        redeemed\n        transactions\n        activeMembers\n        circulatingSupply\n      }\n      totals {\n        issued\n        sold\n        transferred\n        redeemed\n        transactions\n        activeMembers\n        circulatingSupply\n      }\n      csv(locale: $locale, decimals: $decimals)\n    }\n    tokenHolders(tokenId: $tokenId, top: 10) {\n      tokenId\n      holders\n      circulatingSupply\n      topDecileShare\n      top {\n        user {\n          id\n          email\n        }\n        balance\n      }\n      csv(locale: $locale, decimals: $decimals)\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  query MyBalanceHistory($tokenId: ID!, $range: AnalyticsRangeInput!, $locale: String!, $decimals: Int!) {\n    myBalanceHistory(tokenId: $tokenId, range: $range) {\n      tokenId\n      points {\n        start\n        balance\n      }\n      csv(locale: $locale, decimals: $decimals)\n    }\n  }\n": typeof types.MyBalanceHistoryDocument,
    "\n  query AuditTrail($filter: AuditTrailFilter, $after: String, $locale: String!, $timeZone: String!) {\n    auditTrail(filter: $filter, first: 50, after: $after) {\n      entries {\n        id\n        subgraph\n        actor\n        action\n        outcome\n        errorCode\n        at\n      }\n      next\n      csv(locale: $locale, timeZone: $timeZone)\n    }\n  }\n": typeof types.AuditTrailDocument,
    "\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      createdAt\n      expiresAt\n      revokedAt\n      lastUsedAt\n    }\n  }\n": typeof types.ApiKeysDocument,
    "mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }": typeof types.CreateApiKeyDocument,
    "mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }": typeof types.RevokeApiKeyDocument,
    "\n  mutation SignIn($input: CredentialsInput!) {\n    signIn(input: $input) {\n      mfaRequired\n      mfaToken\n      session {\n        accessToken\n        refreshToken\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation CompleteMfaSignIn($mfaToken: String!, $code: String!) {\n    completeMfaSignIn(mfaToken: $mfaToken, code: $code) {\n      accessToken\n      refreshToken\n    }\n  }\n": typeof types.CompleteMfaSignInDocument,
    "mutation RequestSignUp($input: SignUpRequestInput!) { requestSignUp(input: $input) }": typeof types.RequestSignUpDocument,
    "\n  mutation CompleteSignUp($token: String!) {\n    completeSignUp(token: $token) {\n      accessToken\n      refreshToken\n    }\n  }\n": typeof types.CompleteSignUpDocument,
    "mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }": typeof types.RequestPasswordResetDocument,
    "mutation ResetPassword($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }": typeof types.ResetPasswordDocument,
    "\n  query DevelopmentMailbox {\n    developmentMailbox(first: 20) {\n      id\n      to\n      subject\n      text\n      status\n      createdAt\n    }\n  }\n": typeof types.DevelopmentMailboxDocument,
    "\n  query Explorer {\n    chainPublicKey\n    latestCheckpoint {\n      treeSize\n      rootHash\n      createdAt\n    }\n    checkpoints(first: 10) {\n      treeSize\n      rootHash\n      createdAt\n    }\n    myTransactions(input: { first: 20 }) {\n      nodes {\n        id\n        kind\n        createdAt\n        inclusionProof {\n          leafIndex\n          treeSize\n          leafData\n          hashes\n          checkpoint {\n            note\n          }\n        }\n      }\n    }\n  }\n": typeof types.ExplorerDocument,
    "\n  query IssuanceTokens {\n    tokens {\n      id\n      name\n      symbol\n      decimals\n      maxSupply\n      circulatingSupply\n    }\n  }\n": typeof types.IssuanceTokensDocument,
    "mutation DefineToken($input: DefineTokenInput!) { defineToken(input: $input) { id } }": typeof types.DefineTokenDocument,
    "mutation IssueTokens($input: MovementInput!) { issueTokens(input: $input) { id } }": typeof types.IssueTokensDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      id\n      readAt\n    }\n  }\n": typeof types.NotificationAddedDocument,
    "\n  subscription WalletChanged {\n    walletChanged {\n      transactionId\n      wallet {\n        amount\n        token {\n          id\n          name\n          symbol\n          decimals\n        }\n      }\n    }\n  }\n": typeof types.WalletChangedDocument,
    "\n  query Members($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      name\n      members {\n        id\n        role\n        joinedAt\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n": typeof types.MembersDocument,
    "\n  query Invitations($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      invitations {\n        id\n        email\n        role\n        status\n        expiresAt\n      }\n    }\n  }\n": typeof types.InvitationsDocument,
    "mutation InviteMember($email: String!, $role: MemberRole!) { inviteMember(email: $email, role: $role) { id } }": typeof types.InviteMemberDocument,
    "mutation RevokeInvitation($invitationId: ID!) { revokeInvitation(invitationId: $invitationId) { id status } }": typeof types.RevokeInvitationDocument,
    "mutation ChangeMemberRole($membershipId: ID!, $role: MemberRole!) { changeMemberRole(membershipId: $membershipId, role: $role) { id role } }": typeof types.ChangeMemberRoleDocument,
    "mutation RemoveMember($membershipId: ID!) { removeMember(membershipId: $membershipId) { id } }": typeof types.RemoveMemberDocument,
    "\n  query Notifications($after: String) {\n    notifications(first: 20, after: $after) {\n      nodes {\n        id\n        kind\n        title\n        text\n        createdAt\n        readAt\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": typeof types.NotificationsDocument,
    "mutation MarkNotificationRead($id: ID!) { markNotificationRead(id: $id) { id readAt } }": typeof types.MarkNotificationReadDocument,
    "mutation MarkAllNotificationsRead { markAllNotificationsRead }": typeof types.MarkAllNotificationsReadDocument,
    "\n  query NotificationPreferences {\n    notificationPreferences {\n      kind\n      inApp\n      email\n      locked\n    }\n  }\n": typeof types.NotificationPreferencesDocument,
    "\n  mutation SetNotificationPreference($kind: NotificationKind!, $channel: NotificationChannel!, $enabled: Boolean!) {\n    setNotificationPreference(kind: $kind, channel: $channel, enabled: $enabled) {\n      kind\n      inApp\n      email\n      locked\n    }\n  }\n": typeof types.SetNotificationPreferenceDocument,
    "mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }": typeof types.CreateOrganizationDocument,
    "\n  query OrganizationSettings($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      name\n      brandColor\n      logoUrl\n    }\n  }\n": typeof types.OrganizationSettingsDocument,
    "mutation UpdateBranding($input: BrandingInput!) { updateBranding(input: $input) { id name brandColor logoUrl } }": typeof types.UpdateBrandingDocument,
    "mutation LeaveOrganization($organizationId: ID!) { leaveOrganization(organizationId: $organizationId) { id } }": typeof types.LeaveOrganizationDocument,
    "\n  query MyInvitations {\n    myInvitations {\n      id\n      organizationId\n      organizationName\n      role\n      expiresAt\n    }\n  }\n": typeof types.MyInvitationsDocument,
    "mutation AcceptInvitation($invitationId: ID!) { acceptInvitation(invitationId: $invitationId) { id } }": typeof types.AcceptInvitationDocument,
    "mutation DeclineInvitation($invitationId: ID!) { declineInvitation(invitationId: $invitationId) { id status } }": typeof types.DeclineInvitationDocument,
    "\n  fragment PriceFields on TokenPrice {\n    currency\n    currencyExponent\n    unitAmount\n    perTokens\n    minTokens\n    maxTokens\n  }\n": typeof types.PriceFieldsFragmentDoc,
    "\n  fragment PaymentFields on Payment {\n    id\n    status\n    issuance\n    tokens\n    currency\n    currencyExponent\n    total\n    refundedTokens\n    refundedAmount\n    nextAction\n    lastDeclineCode\n    createdAt\n    token {\n      id\n      symbol\n      decimals\n    }\n    refunds {\n      id\n      status\n      tokens\n      amount\n      failureCode\n      createdAt\n    }\n  }\n": typeof types.PaymentFieldsFragmentDoc,
    "\n  query TokenPrices {\n    tokens {\n      id\n      name\n      symbol\n      decimals\n      price {\n        ...PriceFields\n      }\n    }\n  }\n": typeof types.TokenPricesDocument,
    "query PaymentMethods { paymentMethods { provider methods { id outcome declineCode } } }": typeof types.PaymentMethodsDocument,
    "\n  mutation QuotePurchase($input: QuoteInput!) {\n    quoteTokenPurchase(input: $input) {\n      id\n      tokens\n      currency\n      currencyExponent\n      unitAmount\n      perTokens\n      total\n      expiresAt\n    }\n  }\n": typeof types.QuotePurchaseDocument,
    "mutation CreatePayment($input: CreatePaymentInput!) { createPayment(input: $input) { id status } }": typeof types.CreatePaymentDocument,
    "mutation ConfirmPayment($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { ...PaymentFields } }": typeof types.ConfirmPaymentDocument,
    "mutation CompletePaymentAction($input: CompletePaymentActionInput!) { completePaymentAction(input: $input) { ...PaymentFields } }": typeof types.CompletePaymentActionDocument,
    "query Payment($id: ID!) { payment(id: $id) { ...PaymentFields } }": typeof types.PaymentDocument,
    "\n  query MyPayments($input: PaymentsInput) {\n    myPayments(input: $input) {\n      nodes {\n        ...PaymentFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": typeof types.MyPaymentsDocument,
    "\n  query OrganizationPayments($input: PaymentsInput) {\n    organizationPayments(input: $input) {\n      nodes {\n        ...PaymentFields\n        buyer {\n          id\n          email\n        }\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": typeof types.OrganizationPaymentsDocument,
    "mutation RefundPayment($input: RefundPaymentInput!) { refundPayment(input: $input) { id status tokens amount } }": typeof types.RefundPaymentDocument,
    "mutation SetTokenPrice($input: SetTokenPriceInput!) { setTokenPrice(input: $input) { ...PriceFields } }": typeof types.SetTokenPriceDocument,
    "mutation RemoveTokenPrice($tokenId: ID!) { removeTokenPrice(tokenId: $tokenId) }": typeof types.RemoveTokenPriceDocument,
    "mutation CancelPayment($paymentId: ID!) { cancelPayment(paymentId: $paymentId) { ...PaymentFields } }": typeof types.CancelPaymentDocument,
    "mutation ReconcilePayments { reconcilePayments { checked updated } }": typeof types.ReconcilePaymentsDocument,
    "query SecurityMe { me { id mfaEnabled } }": typeof types.SecurityMeDocument,
    "mutation EnrollTotp { enrollTotp { secret otpauthUri } }": typeof types.EnrollTotpDocument,
    "mutation ConfirmTotp($code: String!) { confirmTotp(code: $code) { codes } }": typeof types.ConfirmTotpDocument,
    "mutation DisableTotp($code: String!) { disableTotp(code: $code) }": typeof types.DisableTotpDocument,
    "query MySessions { mySessions { id createdAt lastUsedAt clientAddress device current } }": typeof types.MySessionsDocument,
    "mutation SignOutSession($sessionId: ID!) { signOutSession(sessionId: $sessionId) }": typeof types.SignOutSessionDocument,
    "mutation SignOutEverywhere { signOutEverywhere }": typeof types.SignOutEverywhereDocument,
    "\n  fragment ProofFields on TokenTransaction {\n    inclusionProof @include(if: $withProof) {\n      leafIndex\n      treeSize\n      leafData\n      hashes\n      checkpoint {\n        note\n        treeSize\n        createdAt\n      }\n    }\n  }\n": typeof types.ProofFieldsFragmentDoc,
    "\n  query FindMyTransaction($input: HistoryInput!, $withProof: Boolean!) {\n    myTransactions(input: $input) {\n      nodes {\n        ...TransactionFields\n        ...ProofFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": typeof types.FindMyTransactionDocument,
    "\n  query FindLedgerTransaction($input: HistoryInput!, $withProof: Boolean!) {\n    organizationTransactions(input: $input) {\n      nodes {\n        ...TransactionFields\n        ...ProofFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": typeof types.FindLedgerTransactionDocument,
    "\n  query ChainKey {\n    chainPublicKey\n  }\n": typeof types.ChainKeyDocument,
    "\n  mutation ReverseTransaction($idempotencyKey: String!, $transactionId: ID!) {\n    reverseTransaction(idempotencyKey: $idempotencyKey, transactionId: $transactionId) {\n      id\n    }\n  }\n": typeof types.ReverseTransactionDocument,
    "\n  query Wallet {\n    me {\n      id\n      wallet {\n        amount\n        token {\n          id\n          name\n          symbol\n          decimals\n        }\n      }\n    }\n  }\n": typeof types.WalletDocument,
    "\n  query Recipients($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      members {\n        id\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n": typeof types.RecipientsDocument,
    "\n  fragment TransactionFields on TokenTransaction {\n    id\n    kind\n    memo\n    reversesId\n    createdAt\n    postings {\n      accountId\n      amount\n      ownerType\n      owner {\n        id\n        email\n      }\n      token {\n        id\n        symbol\n        decimals\n      }\n    }\n  }\n": typeof types.TransactionFieldsFragmentDoc,
    "\n  query History($input: HistoryInput!) {\n    myTransactions(input: $input) {\n      nodes {\n        ...TransactionFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": typeof types.HistoryDocument,
    "\n  query Ledger($input: HistoryInput!) {\n    organizationTransactions(input: $input) {\n      nodes {\n        ...TransactionFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": typeof types.LedgerDocument,
    "\n  mutation Transfer($input: MovementInput!) {\n    transferTokens(input: $input) {\n      id\n    }\n  }\n": typeof types.TransferDocument,
    "\n  mutation Redeem($input: MovementInput!) {\n    redeemTokens(input: $input) {\n      id\n    }\n  }\n": typeof types.RedeemDocument,
    "\n  query HistoryTokens {\n    tokens {\n      id\n      symbol\n    }\n  }\n": typeof types.HistoryTokensDocument,
    "\n  query WebhookEndpoints {\n    webhookEventTypes\n    webhookEndpoints {\n      id\n      url\n      description\n      eventTypes\n      enabled\n      disabledReason\n      previousSecretExpiresAt\n      createdAt\n    }\n  }\n": typeof types.WebhookEndpointsDocument,
    "\n  query WebhookDeliveries($before: DateTimeISO) {\n    webhookEndpoints {\n      id\n      url\n      deliveries(first: 20, before: $before) {\n        id\n        messageId\n        eventType\n        status\n        attemptCount\n        nextAttemptAt\n        replayOf\n        createdAt\n        attempts {\n          attempt\n          outcome\n          startedAt\n          durationMs\n          responseStatus\n          responseExcerpt\n          error\n        }\n      }\n    }\n  }\n": typeof types.WebhookDeliveriesDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { secret endpoint { id } }\n  }\n": typeof types.CreateWebhookEndpointDocument,
    "\n  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) { id url description eventTypes enabled disabledReason }\n  }\n": typeof types.UpdateWebhookEndpointDocument,
    "mutation DeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }": typeof types.DeleteWebhookEndpointDocument,
    "\n  mutation RotateWebhookSecret($id: ID!, $overlapHours: Int!) {\n    rotateWebhookSecret(id: $id, overlapHours: $overlapHours) { secret endpoint { id previousSecretExpiresAt } }\n  }\n": typeof types.RotateWebhookSecretDocument,
    "mutation SendTestWebhook($endpointId: ID!) { sendTestWebhook(endpointId: $endpointId) { id } }": typeof types.SendTestWebhookDocument,
    "mutation ReplayWebhookDelivery($deliveryId: ID!) { replayWebhookDelivery(deliveryId: $deliveryId) { id } }": typeof types.ReplayWebhookDeliveryDocument,
    "mutation ReplayWebhookDeliveries($endpointId: ID!, $since: DateTimeISO!) { replayWebhookDeliveries(endpointId: $endpointId, since: $since) }": typeof types.ReplayWebhookDeliveriesDocument,
};
const documents: Documents = {
    "query UnreadNotificationCount { unreadNotificationCount }": types.UnreadNotificationCountDocument,
    "\n  query Shell {\n    me {\n      id\n      email\n      memberships {\n        role\n        organization {\n          id\n          name\n          brandColor\n          logoUrl\n        }\n      }\n    }\n  }\n": types.ShellDocument,
    "\n  mutation SetMyLanguage($language: Language!) {\n    setMyLanguage(language: $language) {\n      id\n    }\n  }\n": types.SetMyLanguageDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  mutation SwitchOrganization($organizationId: ID!) {\n    switchOrganization(organizationId: $organizationId) {\n      accessToken\n    }\n  }\n": types.SwitchOrganizationDocument,
    "\n  query DashboardTokens {\n    tokens {\n      id\n      name\n      symbol\n      decimals\n      maxSupply\n    }\n  }\n": types.DashboardTokensDocument,
    "\n  query Dashboard($tokenId: ID!, $range: AnalyticsRangeInput!, $locale: String!, $decimals: Int!) {\n    tokenAnalytics(tokenId: $tokenId, range: $range) {\n      tokenId\n      periods {\n        start\n        issued\n        sold\n        transferred\n        redeemed\n        transactions\n        activeMembers\n        circulatingSupply\n      }\n      totals {\n        issued\n        sold\n        transferred\n        redeemed\n        transactions\n        activeMembers\n        circulatingSupply\n      }\n      csv(locale: $locale, decimals: $decimals)\n    }\n    tokenHolders(tokenId: $tokenId, top: 10) {\n      tokenId\n      holders\n      circulatingSupply\n      topDecileShare\n      top {\n        user {\n          id\n          email\n        }\n        balance\n      }\n      csv(locale: $locale, decimals: $decimals)\n    }\n  }\n": types.DashboardDocument,
    "\n  query MyBalanceHistory($tokenId: ID!, $range: AnalyticsRangeInput!, $locale: String!, $decimals: Int!) {\n    myBalanceHistory(tokenId: $tokenId, range: $range) {\n      tokenId\n      points {\n        start\n        balance\n      }\n      csv(locale: $locale, decimals: $decimals)\n    }\n  }\n": types.MyBalanceHistoryDocument,
    "\n  query AuditTrail($filter: AuditTrailFilter, $after: String, $locale: String!, $timeZone: String!) {\n    auditTrail(filter: $filter, first: 50, after: $after) {\n      entries {\n        id\n        subgraph\n        actor\n        action\n        outcome\n        errorCode\n        at\n      }\n      next\n      csv(locale: $locale, timeZone: $timeZone)\n    }\n  }\n": types.AuditTrailDocument,
    "\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      createdAt\n      expiresAt\n      revokedAt\n      lastUsedAt\n    }\n  }\n": types.ApiKeysDocument,
    "mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }": types.CreateApiKeyDocument,
    "mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }": types.RevokeApiKeyDocument,
    "\n  mutation SignIn($input: CredentialsInput!) {\n    signIn(input: $input) {\n      mfaRequired\n      mfaToken\n      session {\n        accessToken\n        refreshToken\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation CompleteMfaSignIn($mfaToken: String!, $code: String!) {\n    completeMfaSignIn(mfaToken: $mfaToken, code: $code) {\n      accessToken\n      refreshToken\n    }\n  }\n": types.CompleteMfaSignInDocument,
    "mutation RequestSignUp($input: SignUpRequestInput!) { requestSignUp(input: $input) }": types.RequestSignUpDocument,
    "\n  mutation CompleteSignUp($token: String!) {\n    completeSignUp(token: $token) {\n      accessToken\n      refreshToken\n    }\n  }\n": types.CompleteSignUpDocument,
    "mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }": types.RequestPasswordResetDocument,
    "mutation ResetPassword($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }": types.ResetPasswordDocument,
    "\n  query DevelopmentMailbox {\n    developmentMailbox(first: 20) {\n      id\n      to\n      subject\n      text\n      status\n      createdAt\n    }\n  }\n": types.DevelopmentMailboxDocument,
    "\n  query Explorer {\n    chainPublicKey\n    latestCheckpoint {\n      treeSize\n      rootHash\n      createdAt\n    }\n    checkpoints(first: 10) {\n      treeSize\n      rootHash\n      createdAt\n    }\n    myTransactions(input: { first: 20 }) {\n      nodes {\n        id\n        kind\n        createdAt\n        inclusionProof {\n          leafIndex\n          treeSize\n          leafData\n          hashes\n          checkpoint {\n            note\n          }\n        }\n      }\n    }\n  }\n": types.ExplorerDocument,
    "\n  query IssuanceTokens {\n    tokens {\n      id\n      name\n      symbol\n      decimals\n      maxSupply\n      circulatingSupply\n    }\n  }\n": types.IssuanceTokensDocument,
    "mutation DefineToken($input: DefineTokenInput!) { defineToken(input: $input) { id } }": types.DefineTokenDocument,
    "mutation IssueTokens($input: MovementInput!) { issueTokens(input: $input) { id } }": types.IssueTokensDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      id\n      readAt\n    }\n  }\n": types.NotificationAddedDocument,
    "\n  subscription WalletChanged {\n    walletChanged {\n      transactionId\n      wallet {\n        amount\n        token {\n          id\n          name\n          symbol\n          decimals\n        }\n      }\n    }\n  }\n": types.WalletChangedDocument,
    "\n  query Members($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      name\n      members {\n        id\n        role\n        joinedAt\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n": types.MembersDocument,
    "\n  query Invitations($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      invitations {\n        id\n        email\n        role\n        status\n        expiresAt\n      }\n    }\n  }\n": types.InvitationsDocument,
    "mutation InviteMember($email: String!, $role: MemberRole!) { inviteMember(email: $email, role: $role) { id } }": types.InviteMemberDocument,
    "mutation RevokeInvitation($invitationId: ID!) { revokeInvitation(invitationId: $invitationId) { id status } }": types.RevokeInvitationDocument,
    "mutation ChangeMemberRole($membershipId: ID!, $role: MemberRole!) { changeMemberRole(membershipId: $membershipId, role: $role) { id role } }": types.ChangeMemberRoleDocument,
    "mutation RemoveMember($membershipId: ID!) { removeMember(membershipId: $membershipId) { id } }": types.RemoveMemberDocument,
    "\n  query Notifications($after: String) {\n    notifications(first: 20, after: $after) {\n      nodes {\n        id\n        kind\n        title\n        text\n        createdAt\n        readAt\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": types.NotificationsDocument,
    "mutation MarkNotificationRead($id: ID!) { markNotificationRead(id: $id) { id readAt } }": types.MarkNotificationReadDocument,
    "mutation MarkAllNotificationsRead { markAllNotificationsRead }": types.MarkAllNotificationsReadDocument,
    "\n  query NotificationPreferences {\n    notificationPreferences {\n      kind\n      inApp\n      email\n      locked\n    }\n  }\n": types.NotificationPreferencesDocument,
    "\n  mutation SetNotificationPreference($kind: NotificationKind!, $channel: NotificationChannel!, $enabled: Boolean!) {\n    setNotificationPreference(kind: $kind, channel: $channel, enabled: $enabled) {\n      kind\n      inApp\n      email\n      locked\n    }\n  }\n": types.SetNotificationPreferenceDocument,
    "mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }": types.CreateOrganizationDocument,
    "\n  query OrganizationSettings($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      name\n      brandColor\n      logoUrl\n    }\n  }\n": types.OrganizationSettingsDocument,
    "mutation UpdateBranding($input: BrandingInput!) { updateBranding(input: $input) { id name brandColor logoUrl } }": types.UpdateBrandingDocument,
    "mutation LeaveOrganization($organizationId: ID!) { leaveOrganization(organizationId: $organizationId) { id } }": types.LeaveOrganizationDocument,
    "\n  query MyInvitations {\n    myInvitations {\n      id\n      organizationId\n      organizationName\n      role\n      expiresAt\n    }\n  }\n": types.MyInvitationsDocument,
    "mutation AcceptInvitation($invitationId: ID!) { acceptInvitation(invitationId: $invitationId) { id } }": types.AcceptInvitationDocument,
    "mutation DeclineInvitation($invitationId: ID!) { declineInvitation(invitationId: $invitationId) { id status } }": types.DeclineInvitationDocument,
    "\n  fragment PriceFields on TokenPrice {\n    currency\n    currencyExponent\n    unitAmount\n    perTokens\n    minTokens\n    maxTokens\n  }\n": types.PriceFieldsFragmentDoc,
    "\n  fragment PaymentFields on Payment {\n    id\n    status\n    issuance\n    tokens\n    currency\n    currencyExponent\n    total\n    refundedTokens\n    refundedAmount\n    nextAction\n    lastDeclineCode\n    createdAt\n    token {\n      id\n      symbol\n      decimals\n    }\n    refunds {\n      id\n      status\n      tokens\n      amount\n      failureCode\n      createdAt\n    }\n  }\n": types.PaymentFieldsFragmentDoc,
    "\n  query TokenPrices {\n    tokens {\n      id\n      name\n      symbol\n      decimals\n      price {\n        ...PriceFields\n      }\n    }\n  }\n": types.TokenPricesDocument,
    "query PaymentMethods { paymentMethods { provider methods { id outcome declineCode } } }": types.PaymentMethodsDocument,
    "\n  mutation QuotePurchase($input: QuoteInput!) {\n    quoteTokenPurchase(input: $input) {\n      id\n      tokens\n      currency\n      currencyExponent\n      unitAmount\n      perTokens\n      total\n      expiresAt\n    }\n  }\n": types.QuotePurchaseDocument,
    "mutation CreatePayment($input: CreatePaymentInput!) { createPayment(input: $input) { id status } }": types.CreatePaymentDocument,
    "mutation ConfirmPayment($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { ...PaymentFields } }": types.ConfirmPaymentDocument,
    "mutation CompletePaymentAction($input: CompletePaymentActionInput!) { completePaymentAction(input: $input) { ...PaymentFields } }": types.CompletePaymentActionDocument,
    "query Payment($id: ID!) { payment(id: $id) { ...PaymentFields } }": types.PaymentDocument,
    "\n  query MyPayments($input: PaymentsInput) {\n    myPayments(input: $input) {\n      nodes {\n        ...PaymentFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": types.MyPaymentsDocument,
    "\n  query OrganizationPayments($input: PaymentsInput) {\n    organizationPayments(input: $input) {\n      nodes {\n        ...PaymentFields\n        buyer {\n          id\n          email\n        }\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": types.OrganizationPaymentsDocument,
    "mutation RefundPayment($input: RefundPaymentInput!) { refundPayment(input: $input) { id status tokens amount } }": types.RefundPaymentDocument,
    "mutation SetTokenPrice($input: SetTokenPriceInput!) { setTokenPrice(input: $input) { ...PriceFields } }": types.SetTokenPriceDocument,
    "mutation RemoveTokenPrice($tokenId: ID!) { removeTokenPrice(tokenId: $tokenId) }": types.RemoveTokenPriceDocument,
    "mutation CancelPayment($paymentId: ID!) { cancelPayment(paymentId: $paymentId) { ...PaymentFields } }": types.CancelPaymentDocument,
    "mutation ReconcilePayments { reconcilePayments { checked updated } }": types.ReconcilePaymentsDocument,
    "query SecurityMe { me { id mfaEnabled } }": types.SecurityMeDocument,
    "mutation EnrollTotp { enrollTotp { secret otpauthUri } }": types.EnrollTotpDocument,
    "mutation ConfirmTotp($code: String!) { confirmTotp(code: $code) { codes } }": types.ConfirmTotpDocument,
    "mutation DisableTotp($code: String!) { disableTotp(code: $code) }": types.DisableTotpDocument,
    "query MySessions { mySessions { id createdAt lastUsedAt clientAddress device current } }": types.MySessionsDocument,
    "mutation SignOutSession($sessionId: ID!) { signOutSession(sessionId: $sessionId) }": types.SignOutSessionDocument,
    "mutation SignOutEverywhere { signOutEverywhere }": types.SignOutEverywhereDocument,
    "\n  fragment ProofFields on TokenTransaction {\n    inclusionProof @include(if: $withProof) {\n      leafIndex\n      treeSize\n      leafData\n      hashes\n      checkpoint {\n        note\n        treeSize\n        createdAt\n      }\n    }\n  }\n": types.ProofFieldsFragmentDoc,
    "\n  query FindMyTransaction($input: HistoryInput!, $withProof: Boolean!) {\n    myTransactions(input: $input) {\n      nodes {\n        ...TransactionFields\n        ...ProofFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": types.FindMyTransactionDocument,
    "\n  query FindLedgerTransaction($input: HistoryInput!, $withProof: Boolean!) {\n    organizationTransactions(input: $input) {\n      nodes {\n        ...TransactionFields\n        ...ProofFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": types.FindLedgerTransactionDocument,
    "\n  query ChainKey {\n    chainPublicKey\n  }\n": types.ChainKeyDocument,
    "\n  mutation ReverseTransaction($idempotencyKey: String!, $transactionId: ID!) {\n    reverseTransaction(idempotencyKey: $idempotencyKey, transactionId: $transactionId) {\n      id\n    }\n  }\n": types.ReverseTransactionDocument,
    "\n  query Wallet {\n    me {\n      id\n      wallet {\n        amount\n        token {\n          id\n          name\n          symbol\n          decimals\n        }\n      }\n    }\n  }\n": types.WalletDocument,
    "\n  query Recipients($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      members {\n        id\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n": types.RecipientsDocument,
    "\n  fragment TransactionFields on TokenTransaction {\n    id\n    kind\n    memo\n    reversesId\n    createdAt\n    postings {\n      accountId\n      amount\n      ownerType\n      owner {\n        id\n        email\n      }\n      token {\n        id\n        symbol\n        decimals\n      }\n    }\n  }\n": types.TransactionFieldsFragmentDoc,
    "\n  query History($input: HistoryInput!) {\n    myTransactions(input: $input) {\n      nodes {\n        ...TransactionFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": types.HistoryDocument,
    "\n  query Ledger($input: HistoryInput!) {\n    organizationTransactions(input: $input) {\n      nodes {\n        ...TransactionFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": types.LedgerDocument,
    "\n  mutation Transfer($input: MovementInput!) {\n    transferTokens(input: $input) {\n      id\n    }\n  }\n": types.TransferDocument,
    "\n  mutation Redeem($input: MovementInput!) {\n    redeemTokens(input: $input) {\n      id\n    }\n  }\n": types.RedeemDocument,
    "\n  query HistoryTokens {\n    tokens {\n      id\n      symbol\n    }\n  }\n": types.HistoryTokensDocument,
    "\n  query WebhookEndpoints {\n    webhookEventTypes\n    webhookEndpoints {\n      id\n      url\n      description\n      eventTypes\n      enabled\n      disabledReason\n      previousSecretExpiresAt\n      createdAt\n    }\n  }\n": types.WebhookEndpointsDocument,
    "\n  query WebhookDeliveries($before: DateTimeISO) {\n    webhookEndpoints {\n      id\n      url\n      deliveries(first: 20, before: $before) {\n        id\n        messageId\n        eventType\n        status\n        attemptCount\n        nextAttemptAt\n        replayOf\n        createdAt\n        attempts {\n          attempt\n          outcome\n          startedAt\n          durationMs\n          responseStatus\n          responseExcerpt\n          error\n        }\n      }\n    }\n  }\n": types.WebhookDeliveriesDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { secret endpoint { id } }\n  }\n": types.CreateWebhookEndpointDocument,
    "\n  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) { id url description eventTypes enabled disabledReason }\n  }\n": types.UpdateWebhookEndpointDocument,
    "mutation DeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }": types.DeleteWebhookEndpointDocument,
    "\n  mutation RotateWebhookSecret($id: ID!, $overlapHours: Int!) {\n    rotateWebhookSecret(id: $id, overlapHours: $overlapHours) { secret endpoint { id previousSecretExpiresAt } }\n  }\n": types.RotateWebhookSecretDocument,
    "mutation SendTestWebhook($endpointId: ID!) { sendTestWebhook(endpointId: $endpointId) { id } }": types.SendTestWebhookDocument,
    "mutation ReplayWebhookDelivery($deliveryId: ID!) { replayWebhookDelivery(deliveryId: $deliveryId) { id } }": types.ReplayWebhookDeliveryDocument,
    "mutation ReplayWebhookDeliveries($endpointId: ID!, $since: DateTimeISO!) { replayWebhookDeliveries(endpointId: $endpointId, since: $since) }": types.ReplayWebhookDeliveriesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UnreadNotificationCount { unreadNotificationCount }"): (typeof documents)["query UnreadNotificationCount { unreadNotificationCount }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Shell {\n    me {\n      id\n      email\n      memberships {\n        role\n        organization {\n          id\n          name\n          brandColor\n          logoUrl\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Shell {\n    me {\n      id\n      email\n      memberships {\n        role\n        organization {\n          id\n          name\n          brandColor\n          logoUrl\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMyLanguage($language: Language!) {\n    setMyLanguage(language: $language) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SetMyLanguage($language: Language!) {\n    setMyLanguage(language: $language) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SwitchOrganization($organizationId: ID!) {\n    switchOrganization(organizationId: $organizationId) {\n      accessToken\n    }\n  }\n"): (typeof documents)["\n  mutation SwitchOrganization($organizationId: ID!) {\n    switchOrganization(organizationId: $organizationId) {\n      accessToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardTokens {\n    tokens {\n      id\n      name\n      symbol\n      decimals\n      maxSupply\n    }\n  }\n"): (typeof documents)["\n  query DashboardTokens {\n    tokens {\n      id\n      name\n      symbol\n      decimals\n      maxSupply\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard($tokenId: ID!, $range: AnalyticsRangeInput!, $locale: String!, $decimals: Int!) {\n    tokenAnalytics(tokenId: $tokenId, range: $range) {\n      tokenId\n      periods {\n        start\n        issued\n        sold\n        transferred\n        redeemed\n        transactions\n        activeMembers\n        circulatingSupply\n      }\n      totals {\n        issued\n        sold\n        transferred\n        redeemed\n        transactions\n        activeMembers\n        circulatingSupply\n      }\n      csv(locale: $locale, decimals: $decimals)\n    }\n    tokenHolders(tokenId: $tokenId, top: 10) {\n      tokenId\n      holders\n      circulatingSupply\n      topDecileShare\n      top {\n        user {\n          id\n          email\n        }\n        balance\n      }\n      csv(locale: $locale, decimals: $decimals)\n    }\n  }\n"): (typeof documents)["\n  query Dashboard($tokenId: ID!, $range: AnalyticsRangeInput!, $locale: String!, $decimals: Int!) {\n    tokenAnalytics(tokenId: $tokenId, range: $range) {\n      tokenId\n      periods {\n        start\n        issued\n        sold\n        transferred\n        redeemed\n        transactions\n        activeMembers\n        circulatingSupply\n      }\n      totals {\n        issued\n        sold\n        transferred\n        redeemed\n        transactions\n        activeMembers\n        circulatingSupply\n      }\n      csv(locale: $locale, decimals: $decimals)\n    }\n    tokenHolders(tokenId: $tokenId, top: 10) {\n      tokenId\n      holders\n      circulatingSupply\n      topDecileShare\n      top {\n        user {\n          id\n          email\n        }\n        balance\n      }\n      csv(locale: $locale, decimals: $decimals)\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyBalanceHistory($tokenId: ID!, $range: AnalyticsRangeInput!, $locale: String!, $decimals: Int!) {\n    myBalanceHistory(tokenId: $tokenId, range: $range) {\n      tokenId\n      points {\n        start\n        balance\n      }\n      csv(locale: $locale, decimals: $decimals)\n    }\n  }\n"): (typeof documents)["\n  query MyBalanceHistory($tokenId: ID!, $range: AnalyticsRangeInput!, $locale: String!, $decimals: Int!) {\n    myBalanceHistory(tokenId: $tokenId, range: $range) {\n      tokenId\n      points {\n        start\n        balance\n      }\n      csv(locale: $locale, decimals: $decimals)\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrail($filter: AuditTrailFilter, $after: String, $locale: String!, $timeZone: String!) {\n    auditTrail(filter: $filter, first: 50, after: $after) {\n      entries {\n        id\n        subgraph\n        actor\n        action\n        outcome\n        errorCode\n        at\n      }\n      next\n      csv(locale: $locale, timeZone: $timeZone)\n    }\n  }\n"): (typeof documents)["\n  query AuditTrail($filter: AuditTrailFilter, $after: String, $locale: String!, $timeZone: String!) {\n    auditTrail(filter: $filter, first: 50, after: $after) {\n      entries {\n        id\n        subgraph\n        actor\n        action\n        outcome\n        errorCode\n        at\n      }\n      next\n      csv(locale: $locale, timeZone: $timeZone)\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      createdAt\n      expiresAt\n      revokedAt\n      lastUsedAt\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      createdAt\n      expiresAt\n      revokedAt\n      lastUsedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }"): (typeof documents)["mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }"): (typeof documents)["mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: CredentialsInput!) {\n    signIn(input: $input) {\n      mfaRequired\n      mfaToken\n      session {\n        accessToken\n        refreshToken\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: CredentialsInput!) {\n    signIn(input: $input) {\n      mfaRequired\n      mfaToken\n      session {\n        accessToken\n        refreshToken\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteMfaSignIn($mfaToken: String!, $code: String!) {\n    completeMfaSignIn(mfaToken: $mfaToken, code: $code) {\n      accessToken\n      refreshToken\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteMfaSignIn($mfaToken: String!, $code: String!) {\n    completeMfaSignIn(mfaToken: $mfaToken, code: $code) {\n      accessToken\n      refreshToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RequestSignUp($input: SignUpRequestInput!) { requestSignUp(input: $input) }"): (typeof documents)["mutation RequestSignUp($input: SignUpRequestInput!) { requestSignUp(input: $input) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteSignUp($token: String!) {\n    completeSignUp(token: $token) {\n      accessToken\n      refreshToken\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteSignUp($token: String!) {\n    completeSignUp(token: $token) {\n      accessToken\n      refreshToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }"): (typeof documents)["mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResetPassword($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }"): (typeof documents)["mutation ResetPassword($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DevelopmentMailbox {\n    developmentMailbox(first: 20) {\n      id\n      to\n      subject\n      text\n      status\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query DevelopmentMailbox {\n    developmentMailbox(first: 20) {\n      id\n      to\n      subject\n      text\n      status\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Explorer {\n    chainPublicKey\n    latestCheckpoint {\n      treeSize\n      rootHash\n      createdAt\n    }\n    checkpoints(first: 10) {\n      treeSize\n      rootHash\n      createdAt\n    }\n    myTransactions(input: { first: 20 }) {\n      nodes {\n        id\n        kind\n        createdAt\n        inclusionProof {\n          leafIndex\n          treeSize\n          leafData\n          hashes\n          checkpoint {\n            note\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Explorer {\n    chainPublicKey\n    latestCheckpoint {\n      treeSize\n      rootHash\n      createdAt\n    }\n    checkpoints(first: 10) {\n      treeSize\n      rootHash\n      createdAt\n    }\n    myTransactions(input: { first: 20 }) {\n      nodes {\n        id\n        kind\n        createdAt\n        inclusionProof {\n          leafIndex\n          treeSize\n          leafData\n          hashes\n          checkpoint {\n            note\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IssuanceTokens {\n    tokens {\n      id\n      name\n      symbol\n      decimals\n      maxSupply\n      circulatingSupply\n    }\n  }\n"): (typeof documents)["\n  query IssuanceTokens {\n    tokens {\n      id\n      name\n      symbol\n      decimals\n      maxSupply\n      circulatingSupply\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DefineToken($input: DefineTokenInput!) { defineToken(input: $input) { id } }"): (typeof documents)["mutation DefineToken($input: DefineTokenInput!) { defineToken(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation IssueTokens($input: MovementInput!) { issueTokens(input: $input) { id } }"): (typeof documents)["mutation IssueTokens($input: MovementInput!) { issueTokens(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationAdded {\n    notificationAdded {\n      id\n      readAt\n    }\n  }\n"): (typeof documents)["\n  subscription NotificationAdded {\n    notificationAdded {\n      id\n      readAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WalletChanged {\n    walletChanged {\n      transactionId\n      wallet {\n        amount\n        token {\n          id\n          name\n          symbol\n          decimals\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription WalletChanged {\n    walletChanged {\n      transactionId\n      wallet {\n        amount\n        token {\n          id\n          name\n          symbol\n          decimals\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Members($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      name\n      members {\n        id\n        role\n        joinedAt\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Members($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      name\n      members {\n        id\n        role\n        joinedAt\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Invitations($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      invitations {\n        id\n        email\n        role\n        status\n        expiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query Invitations($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      invitations {\n        id\n        email\n        role\n        status\n        expiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation InviteMember($email: String!, $role: MemberRole!) { inviteMember(email: $email, role: $role) { id } }"): (typeof documents)["mutation InviteMember($email: String!, $role: MemberRole!) { inviteMember(email: $email, role: $role) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeInvitation($invitationId: ID!) { revokeInvitation(invitationId: $invitationId) { id status } }"): (typeof documents)["mutation RevokeInvitation($invitationId: ID!) { revokeInvitation(invitationId: $invitationId) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ChangeMemberRole($membershipId: ID!, $role: MemberRole!) { changeMemberRole(membershipId: $membershipId, role: $role) { id role } }"): (typeof documents)["mutation ChangeMemberRole($membershipId: ID!, $role: MemberRole!) { changeMemberRole(membershipId: $membershipId, role: $role) { id role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RemoveMember($membershipId: ID!) { removeMember(membershipId: $membershipId) { id } }"): (typeof documents)["mutation RemoveMember($membershipId: ID!) { removeMember(membershipId: $membershipId) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications($after: String) {\n    notifications(first: 20, after: $after) {\n      nodes {\n        id\n        kind\n        title\n        text\n        createdAt\n        readAt\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"): (typeof documents)["\n  query Notifications($after: String) {\n    notifications(first: 20, after: $after) {\n      nodes {\n        id\n        kind\n        title\n        text\n        createdAt\n        readAt\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MarkNotificationRead($id: ID!) { markNotificationRead(id: $id) { id readAt } }"): (typeof documents)["mutation MarkNotificationRead($id: ID!) { markNotificationRead(id: $id) { id readAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MarkAllNotificationsRead { markAllNotificationsRead }"): (typeof documents)["mutation MarkAllNotificationsRead { markAllNotificationsRead }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationPreferences {\n    notificationPreferences {\n      kind\n      inApp\n      email\n      locked\n    }\n  }\n"): (typeof documents)["\n  query NotificationPreferences {\n    notificationPreferences {\n      kind\n      inApp\n      email\n      locked\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetNotificationPreference($kind: NotificationKind!, $channel: NotificationChannel!, $enabled: Boolean!) {\n    setNotificationPreference(kind: $kind, channel: $channel, enabled: $enabled) {\n      kind\n      inApp\n      email\n      locked\n    }\n  }\n"): (typeof documents)["\n  mutation SetNotificationPreference($kind: NotificationKind!, $channel: NotificationChannel!, $enabled: Boolean!) {\n    setNotificationPreference(kind: $kind, channel: $channel, enabled: $enabled) {\n      kind\n      inApp\n      email\n      locked\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }"): (typeof documents)["mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizationSettings($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      name\n      brandColor\n      logoUrl\n    }\n  }\n"): (typeof documents)["\n  query OrganizationSettings($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      name\n      brandColor\n      logoUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateBranding($input: BrandingInput!) { updateBranding(input: $input) { id name brandColor logoUrl } }"): (typeof documents)["mutation UpdateBranding($input: BrandingInput!) { updateBranding(input: $input) { id name brandColor logoUrl } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LeaveOrganization($organizationId: ID!) { leaveOrganization(organizationId: $organizationId) { id } }"): (typeof documents)["mutation LeaveOrganization($organizationId: ID!) { leaveOrganization(organizationId: $organizationId) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyInvitations {\n    myInvitations {\n      id\n      organizationId\n      organizationName\n      role\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  query MyInvitations {\n    myInvitations {\n      id\n      organizationId\n      organizationName\n      role\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AcceptInvitation($invitationId: ID!) { acceptInvitation(invitationId: $invitationId) { id } }"): (typeof documents)["mutation AcceptInvitation($invitationId: ID!) { acceptInvitation(invitationId: $invitationId) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclineInvitation($invitationId: ID!) { declineInvitation(invitationId: $invitationId) { id status } }"): (typeof documents)["mutation DeclineInvitation($invitationId: ID!) { declineInvitation(invitationId: $invitationId) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PriceFields on TokenPrice {\n    currency\n    currencyExponent\n    unitAmount\n    perTokens\n    minTokens\n    maxTokens\n  }\n"): (typeof documents)["\n  fragment PriceFields on TokenPrice {\n    currency\n    currencyExponent\n    unitAmount\n    perTokens\n    minTokens\n    maxTokens\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PaymentFields on Payment {\n    id\n    status\n    issuance\n    tokens\n    currency\n    currencyExponent\n    total\n    refundedTokens\n    refundedAmount\n    nextAction\n    lastDeclineCode\n    createdAt\n    token {\n      id\n      symbol\n      decimals\n    }\n    refunds {\n      id\n      status\n      tokens\n      amount\n      failureCode\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  fragment PaymentFields on Payment {\n    id\n    status\n    issuance\n    tokens\n    currency\n    currencyExponent\n    total\n    refundedTokens\n    refundedAmount\n    nextAction\n    lastDeclineCode\n    createdAt\n    token {\n      id\n      symbol\n      decimals\n    }\n    refunds {\n      id\n      status\n      tokens\n      amount\n      failureCode\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TokenPrices {\n    tokens {\n      id\n      name\n      symbol\n      decimals\n      price {\n        ...PriceFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query TokenPrices {\n    tokens {\n      id\n      name\n      symbol\n      decimals\n      price {\n        ...PriceFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PaymentMethods { paymentMethods { provider methods { id outcome declineCode } } }"): (typeof documents)["query PaymentMethods { paymentMethods { provider methods { id outcome declineCode } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QuotePurchase($input: QuoteInput!) {\n    quoteTokenPurchase(input: $input) {\n      id\n      tokens\n      currency\n      currencyExponent\n      unitAmount\n      perTokens\n      total\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation QuotePurchase($input: QuoteInput!) {\n    quoteTokenPurchase(input: $input) {\n      id\n      tokens\n      currency\n      currencyExponent\n      unitAmount\n      perTokens\n      total\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreatePayment($input: CreatePaymentInput!) { createPayment(input: $input) { id status } }"): (typeof documents)["mutation CreatePayment($input: CreatePaymentInput!) { createPayment(input: $input) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConfirmPayment($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { ...PaymentFields } }"): (typeof documents)["mutation ConfirmPayment($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { ...PaymentFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CompletePaymentAction($input: CompletePaymentActionInput!) { completePaymentAction(input: $input) { ...PaymentFields } }"): (typeof documents)["mutation CompletePaymentAction($input: CompletePaymentActionInput!) { completePaymentAction(input: $input) { ...PaymentFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Payment($id: ID!) { payment(id: $id) { ...PaymentFields } }"): (typeof documents)["query Payment($id: ID!) { payment(id: $id) { ...PaymentFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPayments($input: PaymentsInput) {\n    myPayments(input: $input) {\n      nodes {\n        ...PaymentFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"): (typeof documents)["\n  query MyPayments($input: PaymentsInput) {\n    myPayments(input: $input) {\n      nodes {\n        ...PaymentFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizationPayments($input: PaymentsInput) {\n    organizationPayments(input: $input) {\n      nodes {\n        ...PaymentFields\n        buyer {\n          id\n          email\n        }\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"): (typeof documents)["\n  query OrganizationPayments($input: PaymentsInput) {\n    organizationPayments(input: $input) {\n      nodes {\n        ...PaymentFields\n        buyer {\n          id\n          email\n        }\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RefundPayment($input: RefundPaymentInput!) { refundPayment(input: $input) { id status tokens amount } }"): (typeof documents)["mutation RefundPayment($input: RefundPaymentInput!) { refundPayment(input: $input) { id status tokens amount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SetTokenPrice($input: SetTokenPriceInput!) { setTokenPrice(input: $input) { ...PriceFields } }"): (typeof documents)["mutation SetTokenPrice($input: SetTokenPriceInput!) { setTokenPrice(input: $input) { ...PriceFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RemoveTokenPrice($tokenId: ID!) { removeTokenPrice(tokenId: $tokenId) }"): (typeof documents)["mutation RemoveTokenPrice($tokenId: ID!) { removeTokenPrice(tokenId: $tokenId) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CancelPayment($paymentId: ID!) { cancelPayment(paymentId: $paymentId) { ...PaymentFields } }"): (typeof documents)["mutation CancelPayment($paymentId: ID!) { cancelPayment(paymentId: $paymentId) { ...PaymentFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReconcilePayments { reconcilePayments { checked updated } }"): (typeof documents)["mutation ReconcilePayments { reconcilePayments { checked updated } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SecurityMe { me { id mfaEnabled } }"): (typeof documents)["query SecurityMe { me { id mfaEnabled } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnrollTotp { enrollTotp { secret otpauthUri } }"): (typeof documents)["mutation EnrollTotp { enrollTotp { secret otpauthUri } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConfirmTotp($code: String!) { confirmTotp(code: $code) { codes } }"): (typeof documents)["mutation ConfirmTotp($code: String!) { confirmTotp(code: $code) { codes } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DisableTotp($code: String!) { disableTotp(code: $code) }"): (typeof documents)["mutation DisableTotp($code: String!) { disableTotp(code: $code) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MySessions { mySessions { id createdAt lastUsedAt clientAddress device current } }"): (typeof documents)["query MySessions { mySessions { id createdAt lastUsedAt clientAddress device current } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SignOutSession($sessionId: ID!) { signOutSession(sessionId: $sessionId) }"): (typeof documents)["mutation SignOutSession($sessionId: ID!) { signOutSession(sessionId: $sessionId) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SignOutEverywhere { signOutEverywhere }"): (typeof documents)["mutation SignOutEverywhere { signOutEverywhere }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProofFields on TokenTransaction {\n    inclusionProof @include(if: $withProof) {\n      leafIndex\n      treeSize\n      leafData\n      hashes\n      checkpoint {\n        note\n        treeSize\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ProofFields on TokenTransaction {\n    inclusionProof @include(if: $withProof) {\n      leafIndex\n      treeSize\n      leafData\n      hashes\n      checkpoint {\n        note\n        treeSize\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindMyTransaction($input: HistoryInput!, $withProof: Boolean!) {\n    myTransactions(input: $input) {\n      nodes {\n        ...TransactionFields\n        ...ProofFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"): (typeof documents)["\n  query FindMyTransaction($input: HistoryInput!, $withProof: Boolean!) {\n    myTransactions(input: $input) {\n      nodes {\n        ...TransactionFields\n        ...ProofFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindLedgerTransaction($input: HistoryInput!, $withProof: Boolean!) {\n    organizationTransactions(input: $input) {\n      nodes {\n        ...TransactionFields\n        ...ProofFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"): (typeof documents)["\n  query FindLedgerTransaction($input: HistoryInput!, $withProof: Boolean!) {\n    organizationTransactions(input: $input) {\n      nodes {\n        ...TransactionFields\n        ...ProofFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChainKey {\n    chainPublicKey\n  }\n"): (typeof documents)["\n  query ChainKey {\n    chainPublicKey\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReverseTransaction($idempotencyKey: String!, $transactionId: ID!) {\n    reverseTransaction(idempotencyKey: $idempotencyKey, transactionId: $transactionId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ReverseTransaction($idempotencyKey: String!, $transactionId: ID!) {\n    reverseTransaction(idempotencyKey: $idempotencyKey, transactionId: $transactionId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Wallet {\n    me {\n      id\n      wallet {\n        amount\n        token {\n          id\n          name\n          symbol\n          decimals\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Wallet {\n    me {\n      id\n      wallet {\n        amount\n        token {\n          id\n          name\n          symbol\n          decimals\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Recipients($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      members {\n        id\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Recipients($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      members {\n        id\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TransactionFields on TokenTransaction {\n    id\n    kind\n    memo\n    reversesId\n    createdAt\n    postings {\n      accountId\n      amount\n      ownerType\n      owner {\n        id\n        email\n      }\n      token {\n        id\n        symbol\n        decimals\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment TransactionFields on TokenTransaction {\n    id\n    kind\n    memo\n    reversesId\n    createdAt\n    postings {\n      accountId\n      amount\n      ownerType\n      owner {\n        id\n        email\n      }\n      token {\n        id\n        symbol\n        decimals\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query History($input: HistoryInput!) {\n    myTransactions(input: $input) {\n      nodes {\n        ...TransactionFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"): (typeof documents)["\n  query History($input: HistoryInput!) {\n    myTransactions(input: $input) {\n      nodes {\n        ...TransactionFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Ledger($input: HistoryInput!) {\n    organizationTransactions(input: $input) {\n      nodes {\n        ...TransactionFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"): (typeof documents)["\n  query Ledger($input: HistoryInput!) {\n    organizationTransactions(input: $input) {\n      nodes {\n        ...TransactionFields\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Transfer($input: MovementInput!) {\n    transferTokens(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Transfer($input: MovementInput!) {\n    transferTokens(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Redeem($input: MovementInput!) {\n    redeemTokens(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Redeem($input: MovementInput!) {\n    redeemTokens(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HistoryTokens {\n    tokens {\n      id\n      symbol\n    }\n  }\n"): (typeof documents)["\n  query HistoryTokens {\n    tokens {\n      id\n      symbol\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookEndpoints {\n    webhookEventTypes\n    webhookEndpoints {\n      id\n      url\n      description\n      eventTypes\n      enabled\n      disabledReason\n      previousSecretExpiresAt\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query WebhookEndpoints {\n    webhookEventTypes\n    webhookEndpoints {\n      id\n      url\n      description\n      eventTypes\n      enabled\n      disabledReason\n      previousSecretExpiresAt\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeliveries($before: DateTimeISO) {\n    webhookEndpoints {\n      id\n      url\n      deliveries(first: 20, before: $before) {\n        id\n        messageId\n        eventType\n        status\n        attemptCount\n        nextAttemptAt\n        replayOf\n        createdAt\n        attempts {\n          attempt\n          outcome\n          startedAt\n          durationMs\n          responseStatus\n          responseExcerpt\n          error\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookDeliveries($before: DateTimeISO) {\n    webhookEndpoints {\n      id\n      url\n      deliveries(first: 20, before: $before) {\n        id\n        messageId\n        eventType\n        status\n        attemptCount\n        nextAttemptAt\n        replayOf\n        createdAt\n        attempts {\n          attempt\n          outcome\n          startedAt\n          durationMs\n          responseStatus\n          responseExcerpt\n          error\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { secret endpoint { id } }\n  }\n"): (typeof documents)["\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { secret endpoint { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) { id url description eventTypes enabled disabledReason }\n  }\n"): (typeof documents)["\n  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) { id url description eventTypes enabled disabledReason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }"): (typeof documents)["mutation DeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateWebhookSecret($id: ID!, $overlapHours: Int!) {\n    rotateWebhookSecret(id: $id, overlapHours: $overlapHours) { secret endpoint { id previousSecretExpiresAt } }\n  }\n"): (typeof documents)["\n  mutation RotateWebhookSecret($id: ID!, $overlapHours: Int!) {\n    rotateWebhookSecret(id: $id, overlapHours: $overlapHours) { secret endpoint { id previousSecretExpiresAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SendTestWebhook($endpointId: ID!) { sendTestWebhook(endpointId: $endpointId) { id } }"): (typeof documents)["mutation SendTestWebhook($endpointId: ID!) { sendTestWebhook(endpointId: $endpointId) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplayWebhookDelivery($deliveryId: ID!) { replayWebhookDelivery(deliveryId: $deliveryId) { id } }"): (typeof documents)["mutation ReplayWebhookDelivery($deliveryId: ID!) { replayWebhookDelivery(deliveryId: $deliveryId) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplayWebhookDeliveries($endpointId: ID!, $since: DateTimeISO!) { replayWebhookDeliveries(endpointId: $endpointId, since: $since) }"): (typeof documents)["mutation ReplayWebhookDeliveries($endpointId: ID!, $since: DateTimeISO!) { replayWebhookDeliveries(endpointId: $endpointId, since: $since) }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;