using System;
using System.Collections.Generic;
using System.Management.Automation;
using MSCommerce.Client;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Commands
{
    /// <summary>
    /// The one table from the client's error codes (<see cref="CommerceErrorCodes"/>, <see cref="TakeOverErrors"/>) and
    /// failure kinds to what users see: the error id, its category and the recommended action. Errors are told apart by
    /// code, never by the service's wording.
    /// </summary>
    internal static class ErrorTable
    {
        /// <summary>What users see of one failure: the first part of its FullyQualifiedErrorId, its category and what to do.</summary>
        internal sealed class Entry
        {
            private readonly Func<Exception, string> _action;

            public Entry(string id, ErrorCategory category, string action)
                : this(id, category, _ => action)
            {
            }

            public Entry(string id, ErrorCategory category, Func<Exception, string> action)
            {
                Id = id;
                Category = category;
                _action = action;
            }

            public string Id { get; }
            public ErrorCategory Category { get; }

            public string ActionFor(Exception error) => _action(error);

            public ErrorRecord Record(Exception error, object? target, string? message = null) =>
                ErrorRecords.Create(error, Id, Category, target, ActionFor(error), message);
        }

        private const string CheckTheId = "Check the id: Get-MSCommerceProductPolicies lists the products and offer types of the tenant.";
        private const string CorrectTheValue = "Correct the value as the reason says and run the command again.";
        private const string NoneStillRunning = "Get-MSCommerceSelfServicePurchases -Status Active lists those still running.";
        private const string GiveAUser = "Give the user principal name or object id of a user of the purchase's tenant.";

        /// <summary>
        /// Every code of the client, with the error it is when it has one of its own; null when its failure kind decides
        /// (<see cref="ByKind"/>, and a not-found with the id the cmdlet gives for what it looked up).
        /// </summary>
        public static readonly IReadOnlyDictionary<string, Entry?> ByCode = new Dictionary<string, Entry?>(StringComparer.Ordinal)
        {
            [CommerceErrorCodes.BadRequest] = null,
            [CommerceErrorCodes.InvalidRequestBody] = null,
            [CommerceErrorCodes.PayloadTooLarge] = null,
            [CommerceErrorCodes.InvalidToken] = null,
            [CommerceErrorCodes.Forbidden] = null,
            [CommerceErrorCodes.NotFound] = null,
            [CommerceErrorCodes.TooManyRequests] = null,
            [CommerceErrorCodes.ServiceUnavailable] = null,

            [CommerceErrorCodes.PolicyNotFound] = new Entry("PolicyNotFound", ErrorCategory.ObjectNotFound, CheckTheId),
            [CommerceErrorCodes.ProductNotFound] = null,
            [CommerceErrorCodes.OfferTypeNotFound] = null,
            [CommerceErrorCodes.InvalidPolicyValue] = new Entry("InvalidPolicyValue", ErrorCategory.InvalidArgument, CorrectTheValue),

            [CommerceErrorCodes.PurchaseNotAllowed] = null,
            [CommerceErrorCodes.UserNotFound] = new Entry("UserNotFound", ErrorCategory.ObjectNotFound, GiveAUser),
            [CommerceErrorCodes.QuantityOutOfRange] = new Entry("QuantityOutOfRange", ErrorCategory.InvalidArgument, "Choose a quantity from 1 to 10000."),
            [CommerceErrorCodes.TrialQuantityFixed] = new Entry("TrialQuantityFixed", ErrorCategory.InvalidOperation,
                "A trial's licence count cannot change: let the trial end or cancel it with Disable-MSCommerceSelfServicePurchase."),
            [CommerceErrorCodes.QuantityBelowAssigned] = new Entry("QuantityBelowAssigned", ErrorCategory.InvalidArgument,
                "Remove users with Remove-MSCommerceSelfServicePurchaseUser first, or choose a quantity at least the number of licences assigned."),
            [CommerceErrorCodes.SubscriptionNotActive] = new Entry("PurchaseNotActive", ErrorCategory.InvalidOperation,
                "Only an active purchase's quantity and licences change: Get-MSCommerceSelfServicePurchases shows its status."),
            [CommerceErrorCodes.AlreadyCancelled] = new Entry("PurchaseAlreadyCancelled", ErrorCategory.InvalidOperation,
                "Nothing to do: the purchase no longer renews. " + NoneStillRunning),
            [CommerceErrorCodes.SubscriptionExpired] = new Entry("PurchaseExpired", ErrorCategory.InvalidOperation,
                "Nothing to do: the purchase has expired and bills no more. " + NoneStillRunning),
            [CommerceErrorCodes.UserNotInTenant] = new Entry("UserNotFound", ErrorCategory.ObjectNotFound, GiveAUser),
            [CommerceErrorCodes.UserDeleted] = new Entry("UserDeleted", ErrorCategory.InvalidArgument, "The user left the organisation: assign the licence to someone else."),
            [CommerceErrorCodes.NoFreeLicences] = new Entry("NoFreeLicences", ErrorCategory.LimitsExceeded,
                "Raise the quantity with Set-MSCommerceSelfServicePurchase -Quantity, or remove a user first."),
            [CommerceErrorCodes.UserNotAssigned] = null,
            [CommerceErrorCodes.ProductMismatch] = null,

            // The service's take-over refusals come as TakeOverException (below) from the calls the cmdlets make.
            [CommerceErrorCodes.NotEnoughLicences] = new Entry("NotEnoughLicences", ErrorCategory.LimitsExceeded, error =>
                $"Buy {(error as TakeOverException)?.MissingLicences} more licence(s) for an organisation subscription of the product, or remove users from the purchase first, then run the command again."),
            [CommerceErrorCodes.AlreadyTakenOver] = null,
            [CommerceErrorCodes.DestinationNotFound] = new Entry("DestinationNotFound", ErrorCategory.ObjectNotFound,
                "Leave out -Destination to let the command choose, or give an active organisation subscription of the purchase's product."),
            [CommerceErrorCodes.NotTakenOver] = null,
            [TakeOverErrors.PurchaseNotActive] = new Entry("PurchaseNotActive", ErrorCategory.InvalidOperation,
                "Nothing to take over: the purchase no longer bills, or was taken over already. " + NoneStillRunning),

            [CommerceErrorCodes.NotSent] = new Entry(CommerceErrorCodes.NotSent, ErrorCategory.ResourceUnavailable,
                "Nothing was sent for this item: the service was down. Run the command again when the service is back; a baseline sync sends only what still differs."),
            [CommerceErrorCodes.ServiceDown] = null,
            [CommerceErrorCodes.ConnectionFailed] = null,
            [CommerceErrorCodes.UnreadableAnswer] = null,
        };

        /// <summary>The error of a code without one of its own, by what kind of failure it was. A not-found takes the cmdlet's id (<see cref="NotFound"/>).</summary>
        public static readonly IReadOnlyDictionary<CommerceErrorKind, Entry> ByKind = new Dictionary<CommerceErrorKind, Entry>
        {
            [CommerceErrorKind.Authentication] = new Entry("Unauthorized", ErrorCategory.AuthenticationError, "Run Connect-MSCommerce again, or pass a fresh -Token."),
            [CommerceErrorKind.PermissionDenied] = new Entry("AccessDenied", ErrorCategory.PermissionDenied,
                "Sign in with an account that holds one of the roles named, or grant the app the Policy.ReadWrite.AllowSelfServicePurchase role."),
            [CommerceErrorKind.InvalidRequest] = new Entry("InvalidRequest", ErrorCategory.InvalidArgument, CorrectTheValue),
            [CommerceErrorKind.Throttled] = new Entry("Throttled", ErrorCategory.LimitsExceeded, RetriesSpent),
            [CommerceErrorKind.ServiceUnavailable] = new Entry("ServiceUnavailable", ErrorCategory.LimitsExceeded, RetriesSpent),
            [CommerceErrorKind.Connection] = new Entry("ConnectionFailed", ErrorCategory.ConnectionError,
                "Check the network, the proxy (-Proxy on Connect-MSCommerce) and the endpoint, then run the command again."),
            [CommerceErrorKind.InvalidAnswer] = new Entry("InvalidServiceAnswer", ErrorCategory.InvalidData,
                "Run the command again; if it keeps failing, report the correlation id shown with -Debug."),
            [CommerceErrorKind.Conflict] = new Entry("ServiceError", ErrorCategory.NotSpecified, "Run the command again with -Verbose to see the service's answers."),
        };

        private const string RetriesSpent =
            "The service kept refusing after every retry allowed: wait a few minutes, or raise -MaxRetryCount and -MaxRetryWaitSeconds on Connect-MSCommerce.";

        /// <summary>The not-found id of the purchase cmdlets.</summary>
        public const string PurchaseNotFoundId = "PurchaseNotFound";

        /// <summary>What to do when what a cmdlet looked up is not found, by the cmdlet's not-found id; policies, products and offer types otherwise.</summary>
        private static readonly IReadOnlyDictionary<string, string> NotFoundActions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PurchaseNotFoundId] = "Check the subscription id: Get-MSCommerceSelfServicePurchases lists the purchases with their SubscriptionId.",
        };

        /// <summary>What the cmdlet looked up and the service did not find, by the id the cmdlet gives it (ProductPolicyNotFound, PurchaseNotFound, ...).</summary>
        public static Entry NotFound(string notFoundId) =>
            new Entry(notFoundId, ErrorCategory.ObjectNotFound, NotFoundActions.TryGetValue(notFoundId, out var action) ? action : CheckTheId);

        /// <summary>The error a code has of its own, or the one of its kind.</summary>
        public static Entry For(string code, CommerceErrorKind kind, string notFoundId) =>
            ByCode.TryGetValue(code, out var entry) && entry != null ? entry
            : kind == CommerceErrorKind.NotFound ? NotFound(notFoundId)
            : ByKind[kind];

        public static ErrorRecord FromService(CommerceServiceException error, string notFoundId, object? target)
        {
            var entry = For(error.ErrorCode, error.Kind, notFoundId);
            if (entry == ByKind[CommerceErrorKind.Authentication])
            {
                var correlation = error.CorrelationId == null ? "" : $" Correlation id: {error.CorrelationId}.";
                return entry.Record(error, target, $"{ErrorRecords.ExpiredMessage} ({error.Reason}){correlation}");
            }

            return entry.Record(error, target);
        }

        /// <summary>A take-over refused; a refusal by the service (the plan was right when read, but not when carried out) names its call.</summary>
        public static ErrorRecord FromTakeOver(TakeOverException error, object? target)
        {
            var message = error.Cause?.CorrelationId == null ? null : $"{error.Message} Correlation id: {error.Cause.CorrelationId}.";
            var entry = ByCode.TryGetValue(error.ErrorCode, out var own) && own != null ? own : ByCode[TakeOverErrors.PurchaseNotActive]!;
            return entry.Record(error, target, message);
        }

        /// <summary>The record of a refusal found before sending (a purchase read as cancelled already), as the service's <paramref name="code"/> would be.</summary>
        public static ErrorRecord Record(string code, Exception error, object? target) => ByCode[code]!.Record(error, target);
    }
}
