namespace MSCommerce.Client
{
    /// <summary>
    /// The codes of <see cref="CommerceServiceException.ErrorCode"/>: the service's, stable so that callers tell its
    /// refusals apart by code and never by its wording, and the client's own for a call that got no answer.
    /// An answer without a code carries the name of its HTTP status instead (e.g. InternalServerError).
    /// </summary>
    public static class CommerceErrorCodes
    {
        /// <summary>The request is malformed (400): a query parameter or a value out of range.</summary>
        public const string BadRequest = "BadRequest";
        /// <summary>The request body is not the JSON the call takes (400).</summary>
        public const string InvalidRequestBody = "InvalidRequestBody";
        /// <summary>The request body is too large (413).</summary>
        public const string PayloadTooLarge = "PayloadTooLarge";
        /// <summary>The token is missing, expired or not for this service (401).</summary>
        public const string InvalidToken = "InvalidToken";
        /// <summary>The caller lacks the role or permission (403).</summary>
        public const string Forbidden = "Forbidden";
        /// <summary>No such purchase or subscription (404).</summary>
        public const string NotFound = "NotFound";
        /// <summary>Throttled (429), still after the retries allowed.</summary>
        public const string TooManyRequests = "TooManyRequests";
        /// <summary>The service failed (503), still after the retries allowed.</summary>
        public const string ServiceUnavailable = "ServiceUnavailable";

        /// <summary>No such policy (404).</summary>
        public const string PolicyNotFound = "PolicyNotFound";
        /// <summary>No such product (404; 400 in a purchase order).</summary>
        public const string ProductNotFound = "ProductNotFound";
        /// <summary>No such offer type (404).</summary>
        public const string OfferTypeNotFound = "OfferTypeNotFound";
        /// <summary>A policy value the policy does not take (400).</summary>
        public const string InvalidPolicyValue = "InvalidPolicyValue";

        /// <summary>The policy does not allow the user to buy the product (403).</summary>
        public const string PurchaseNotAllowed = "PurchaseNotAllowed";
        /// <summary>The user named is no user of the tenant (404, taking a licence back).</summary>
        public const string UserNotFound = "UserNotFound";
        /// <summary>A quantity outside 1 to 10000 (400).</summary>
        public const string QuantityOutOfRange = "QuantityOutOfRange";
        /// <summary>A trial's licence count cannot change (400).</summary>
        public const string TrialQuantityFixed = "TrialQuantityFixed";
        /// <summary>A quantity below the licences assigned (400).</summary>
        public const string QuantityBelowAssigned = "QuantityBelowAssigned";
        /// <summary>The subscription is not active, so its quantity and licences cannot change (409).</summary>
        public const string SubscriptionNotActive = "SubscriptionNotActive";
        /// <summary>The purchase is cancelled already (409).</summary>
        public const string AlreadyCancelled = "AlreadyCancelled";
        /// <summary>The purchase has expired (409).</summary>
        public const string SubscriptionExpired = "SubscriptionExpired";
        /// <summary>The user named is not a user of the purchase's tenant (400, assigning a licence).</summary>
        public const string UserNotInTenant = "UserNotInTenant";
        /// <summary>The user named was deleted (400).</summary>
        public const string UserDeleted = "UserDeleted";
        /// <summary>Every licence is assigned (409).</summary>
        public const string NoFreeLicences = "NoFreeLicences";
        /// <summary>The user holds no licence of the subscription moved from (409).</summary>
        public const string UserNotAssigned = "UserNotAssigned";
        /// <summary>The subscriptions are of different products (400).</summary>
        public const string ProductMismatch = "ProductMismatch";

        /// <summary>No organisation subscription has room for every user to move (409); see <see cref="Purchases.TakeOverException.MissingLicences"/>.</summary>
        public const string NotEnoughLicences = "NotEnoughLicences";
        /// <summary>The purchase was taken over already (409).</summary>
        public const string AlreadyTakenOver = "AlreadyTakenOver";
        /// <summary>The destination is not an organisation subscription of the tenant (404).</summary>
        public const string DestinationNotFound = "DestinationNotFound";
        /// <summary>The purchase has not been taken over (404).</summary>
        public const string NotTakenOver = "NotTakenOver";

        /// <summary>The client's: nothing was sent, because the connection found the service down.</summary>
        public const string NotSent = "NotSent";
        /// <summary>The client's: the call was sent, failed, and the connection found the service down, so it was not retried.</summary>
        public const string ServiceDown = "ServiceDown";
        /// <summary>The client's: no answer came (network, DNS, TLS, timeout).</summary>
        public const string ConnectionFailed = "ConnectionFailed";
        /// <summary>The client's: the answer could not be read.</summary>
        public const string UnreadableAnswer = "UnreadableAnswer";
    }
}
