using System;
using System.Management.Automation;
using MSCommerce.Client;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Policies;

namespace MSCommerce.Commands
{
    /// <summary>Turns the client's failures into ErrorRecords: a stable id, the right category, the target, and what to do.</summary>
    internal static class ErrorRecords
    {
        public const string ExpiredMessage = "Your credentials have expired. Please, call Connect-MSCommerce again to regain access to MSCommerce Module.";

        public static ErrorRecord From(Exception error, string notFoundId, object? target)
        {
            switch (error)
            {
                case CommerceServiceException service:
                    return FromService(service, notFoundId, target);
                case SignInException signIn:
                    return SignInAdvice.From(signIn, target);
                default:
                    return Create(error, "UnexpectedError", ErrorCategory.NotSpecified, target, "Run the command again with -Debug and report what it shows.");
            }
        }

        public static ErrorRecord Create(Exception error, string id, ErrorCategory category, object? target, string recommendedAction, string? message = null)
        {
            var record = new ErrorRecord(error, id, category, target);
            record.ErrorDetails = new ErrorDetails(message ?? error.Message) { RecommendedAction = recommendedAction };
            return record;
        }

        public static ErrorRecord InvalidArgument(string id, string message, object? target, string recommendedAction) =>
            Create(new ArgumentException(message), id, ErrorCategory.InvalidArgument, target, recommendedAction);

        /// <summary>A policy id, product id or offer type that cannot exist (ResourceNames), refused before any request.</summary>
        public static ErrorRecord InvalidName(ResourceNameKind kind, string name)
        {
            switch (kind)
            {
                case ResourceNameKind.PolicyId:
                    return InvalidArgument("InvalidPolicyId", $"'{name}' is not a policy id: policy ids are letters and digits, e.g. AllowSelfServicePurchase.", name,
                        "Get-MSCommercePolicies lists the policy ids.");
                case ResourceNameKind.OfferType:
                    return InvalidArgument("InvalidOfferType", $"'{name}' is not an offer type: offer types are letters and digits, e.g. SaaS.", name,
                        "Get-MSCommerceProductPolicies -Scope OfferType lists the offer types of the tenant.");
                default:
                    return InvalidArgument("InvalidProductId", $"'{name}' is not a product id: product ids are letters and digits, e.g. CFQ7TTC0H9MP.", name,
                        "Get-MSCommerceProductPolicies lists the product ids of the tenant.");
            }
        }

        private static ErrorRecord FromService(CommerceServiceException error, string notFoundId, object? target)
        {
            var correlation = error.CorrelationId == null ? "" : $" Correlation id: {error.CorrelationId}.";
            if (error.NotSent)
            {
                return Create(error, CommerceServiceException.NotSentCode, ErrorCategory.ResourceUnavailable, target,
                    "Nothing was sent for this item: the service was down. Run the command again when the service is back; a baseline sync sends only what still differs.");
            }

            switch (error.Kind)
            {
                case CommerceErrorKind.Authentication:
                    return Create(error, "Unauthorized", ErrorCategory.AuthenticationError, target, "Run Connect-MSCommerce again, or pass a fresh -Token.",
                        $"{ExpiredMessage} ({error.Reason}){correlation}");
                case CommerceErrorKind.PermissionDenied:
                    return Create(error, "AccessDenied", ErrorCategory.PermissionDenied, target,
                        "Sign in with an account that holds one of the roles named, or grant the app the Policy.ReadWrite.AllowSelfServicePurchase role.");
                case CommerceErrorKind.NotFound:
                    return Create(error, error.ErrorCode == "PolicyNotFound" ? "PolicyNotFound" : notFoundId, ErrorCategory.ObjectNotFound, target,
                        "Check the id: Get-MSCommerceProductPolicies lists the products and offer types of the tenant.");
                case CommerceErrorKind.InvalidRequest:
                    return Create(error, error.ErrorCode == "InvalidPolicyValue" ? "InvalidPolicyValue" : "InvalidRequest", ErrorCategory.InvalidArgument, target,
                        "Correct the value as the reason says and run the command again.");
                case CommerceErrorKind.Throttled:
                case CommerceErrorKind.ServiceUnavailable:
                    return Create(error, error.Kind == CommerceErrorKind.Throttled ? "Throttled" : "ServiceUnavailable", ErrorCategory.LimitsExceeded, target,
                        "The service kept refusing after every retry allowed: wait a few minutes, or raise -MaxRetryCount and -MaxRetryWaitSeconds on Connect-MSCommerce.");
                case CommerceErrorKind.Connection:
                    return Create(error, "ConnectionFailed", ErrorCategory.ConnectionError, target,
                        "Check the network, the proxy (-Proxy on Connect-MSCommerce) and the endpoint, then run the command again.");
                case CommerceErrorKind.InvalidAnswer:
                    return Create(error, "InvalidServiceAnswer", ErrorCategory.InvalidData, target,
                        "Run the command again; if it keeps failing, report the correlation id shown with -Debug.");
                default:
                    return Create(error, "ServiceError", ErrorCategory.NotSpecified, target, "Run the command again with -Verbose to see the service's answers.");
            }
        }
    }
}
