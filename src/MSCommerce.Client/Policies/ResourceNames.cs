using System.Linq;

namespace MSCommerce.Client.Policies
{
    /// <summary>The kinds of name that become a segment of the service's URLs.</summary>
    public enum ResourceNameKind
    {
        /// <summary>A policy id, e.g. AllowSelfServicePurchase.</summary>
        PolicyId,
        /// <summary>A product id, e.g. CFQ7TTC0H9MP.</summary>
        ProductId,
        /// <summary>An offer type, e.g. SaaS.</summary>
        OfferType,
    }

    /// <summary>
    /// The one local check of policy ids, product ids and offer types before they go into a URL. Every
    /// such name the service knows is letters, digits, '-' and '_' (AllowSelfServicePurchase,
    /// CFQ7TTC0H9MP, SaaS); anything else, '.' and '..' above all, which collapse in a URL and reach
    /// another resource, cannot name one and is refused before any request.
    /// </summary>
    public static class ResourceNames
    {
        /// <summary>The longest name accepted.</summary>
        public const int MaxLength = 64;

        /// <summary>Whether the name can name a policy, product or offer type: 1 to 64 letters, digits, '-' or '_'.</summary>
        public static bool IsWellFormed(string? name) =>
            !string.IsNullOrEmpty(name) && name!.Length <= MaxLength
            && name.All(c => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');

        /// <summary>What a well-formed name of the kind looks like, for messages: "a product id such as CFQ7TTC0H9MP".</summary>
        public static string Example(ResourceNameKind kind)
        {
            switch (kind)
            {
                case ResourceNameKind.PolicyId: return "a policy id such as AllowSelfServicePurchase";
                case ResourceNameKind.OfferType: return "an offer type such as SaaS";
                default: return "a product id such as CFQ7TTC0H9MP";
            }
        }
    }
}
