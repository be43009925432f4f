using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MSCommerce.Client;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Policies;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Commands
{
    /// <summary>Turns failures into ErrorRecords: a stable id, the right category, the target, and what to do (the client's by <see cref="ErrorTable"/>).</summary>
    internal static class ErrorRecords
    {
        public const string ExpiredMessage = "Your credentials have expired. Please, call Connect-MSCommerce again to regain access to MSCommerce Module.";

        public static ErrorRecord From(Exception error, string notFoundId, object? target)
        {
            switch (error)
            {
                case CommerceServiceException service:
                    return ErrorTable.FromService(service, notFoundId, target);
                case TakeOverException takeOver:
                    return ErrorTable.FromTakeOver(takeOver, target);
                case SignInException signIn:
                    return SignInAdvice.From(signIn, target);
                default:
                    return Create(error, "UnexpectedError", ErrorCategory.NotSpecified, target, "Run the command again with -Debug and report what it shows.");
            }
        }

        /// <summary>The record of one item's failure, its message starting with the item a person knows it by ("Power BI Pro (CFQ7TTC0H9MP)").</summary>
        public static ErrorRecord ForItem(ErrorRecord record, string item)
        {
            var details = record.ErrorDetails;
            record.ErrorDetails = new ErrorDetails($"{item}: {details?.Message ?? record.Exception.Message}") { RecommendedAction = details?.RecommendedAction };
            return record;
        }

        public static ErrorRecord Create(Exception error, string id, ErrorCategory category, object? target, string recommendedAction, string? message = null)
        {
            var record = new ErrorRecord(error, id, category, target);
            record.ErrorDetails = new ErrorDetails(message ?? error.Message) { RecommendedAction = recommendedAction };
            return record;
        }

        public static ErrorRecord InvalidArgument(string id, string message, object? target, string recommendedAction) =>
            Create(new ArgumentException(message), id, ErrorCategory.InvalidArgument, target, recommendedAction);

        /// <summary>
        /// A policy id, product id or offer type that cannot exist (ResourceNames), refused before any request.
        /// A product name given as an id is answered with the ids of the products so named in <paramref name="catalog"/> (id → name).
        /// </summary>
        public static ErrorRecord InvalidName(ResourceNameKind kind, string name, IReadOnlyDictionary<string, string>? catalog = null)
        {
            switch (kind)
            {
                case ResourceNameKind.PolicyId:
                    return InvalidArgument("InvalidPolicyId", $"'{EchoedInput.Of(name)}' is not a policy id: policy ids are letters and digits, e.g. AllowSelfServicePurchase.", name,
                        "Get-MSCommercePolicies lists the policy ids.");
                case ResourceNameKind.OfferType:
                    return InvalidArgument("InvalidOfferType", $"'{EchoedInput.Of(name)}' is not an offer type: offer types are letters and digits, e.g. SaaS.", name,
                        "Get-MSCommerceProductPolicies -Scope OfferType lists the offer types of the tenant.");
                default:
                    var named = ProductsNamed(name, catalog);
                    return named.Count == 0
                        ? InvalidArgument("InvalidProductId", $"'{EchoedInput.Of(name)}' is not a product id: product ids are letters and digits, e.g. CFQ7TTC0H9MP.", name,
                            "Get-MSCommerceProductPolicies lists the product ids of the tenant.")
                        : InvalidArgument("InvalidProductId", $"'{EchoedInput.Of(name)}' is not a product id; did you mean {string.Join(" or ", named)}?", name,
                            $"Give the product id: -ProductId {named[0].Split(' ')[0]}. Tab after -ProductId lists the ids with their names.");
            }
        }

        /// <summary>"CFQ7TTC0H9MP (Power BI Pro)" for each product whose name is or contains what was typed, the exact names first; at most five.</summary>
        private static IReadOnlyList<string> ProductsNamed(string typed, IReadOnlyDictionary<string, string>? catalog)
        {
            var wanted = typed.Trim();
            if (catalog == null || wanted.Length < 3)
            {
                return Array.Empty<string>();
            }

            return catalog
                .Where(product => product.Value.IndexOf(wanted, StringComparison.OrdinalIgnoreCase) >= 0)
                .OrderBy(product => string.Equals(product.Value, wanted, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
                .ThenBy(product => product.Value.Length)
                .ThenBy(product => product.Key, StringComparer.Ordinal)
                .Take(5)
                .Select(product => $"{product.Key} ({product.Value})")
                .ToList();
        }
    }
}
