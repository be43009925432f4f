using System.Collections.Generic;

namespace MSCommerce.Client.Baselines
{
    /// <summary>
    /// The declared policy of a tenant, kept in a file under version control: a value per listed
    /// product and offer type, and a default for every product the file does not list (so products
    /// Microsoft adds later are covered too).
    /// </summary>
    public sealed class PolicyBaseline
    {
        public const int CurrentSchemaVersion = 1;

        public PolicyBaseline(string policyId, string defaultValue, IReadOnlyList<BaselineEntry> products, IReadOnlyList<BaselineEntry> offerTypes)
        {
            PolicyId = policyId;
            DefaultValue = defaultValue;
            Products = products;
            OfferTypes = offerTypes;
        }

        public int SchemaVersion => CurrentSchemaVersion;

        public string PolicyId { get; }

        /// <summary>The value expected of every product the file does not list.</summary>
        public string DefaultValue { get; }

        public IReadOnlyList<BaselineEntry> Products { get; }

        /// <summary>Offer types not listed are not checked: the default is a product value.</summary>
        public IReadOnlyList<BaselineEntry> OfferTypes { get; }
    }

    /// <summary>One product's or offer type's declared value; the name is for people reading the file.</summary>
    public sealed class BaselineEntry
    {
        public BaselineEntry(string id, string? name, string value, int line = 0)
        {
            Id = id;
            Name = name;
            Value = value;
            Line = line;
        }

        public string Id { get; }

        public string? Name { get; }

        public string Value { get; }

        /// <summary>Where the entry starts in the file it was read from (0 when not read from a file).</summary>
        public int Line { get; }
    }
}
