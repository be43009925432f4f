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
        /// <summary>The baseline file format version this client reads and writes.</summary>
        public const int CurrentSchemaVersion = 1;

        /// <summary>A baseline of the given policy with a default value and the listed products and offer types.</summary>
        public PolicyBaseline(string policyId, string defaultValue, IReadOnlyList<BaselineEntry> products, IReadOnlyList<BaselineEntry> offerTypes)
        {
            PolicyId = policyId;
            DefaultValue = defaultValue;
            Products = products;
            OfferTypes = offerTypes;
        }

        /// <summary>The file format version (<see cref="CurrentSchemaVersion"/>).</summary>
        public int SchemaVersion => CurrentSchemaVersion;

        /// <summary>The policy the baseline declares, e.g. AllowSelfServicePurchase.</summary>
        public string PolicyId { get; }

        /// <summary>The value expected of every product the file does not list.</summary>
        public string DefaultValue { get; }

        /// <summary>The products the file lists, each with its value.</summary>
        public IReadOnlyList<BaselineEntry> Products { get; }

        /// <summary>Offer types not listed are not checked: the default is a product value.</summary>
        public IReadOnlyList<BaselineEntry> OfferTypes { get; }
    }

    /// <summary>One product's or offer type's declared value; the name is for people reading the file.</summary>
    public sealed class BaselineEntry
    {
        /// <summary>An entry for a product id or offer type with its value; <paramref name="line"/> is where it was read from (0 when not read from a file).</summary>
        public BaselineEntry(string id, string? name, string value, int line = 0)
        {
            Id = id;
            Name = name;
            Value = value;
            Line = line;
        }

        /// <summary>The product id or the offer type.</summary>
        public string Id { get; }

        /// <summary>The product's name, for people reading the file; null when the file gives none.</summary>
        public string? Name { get; }

        /// <summary>The declared value, e.g. Enabled or Disabled.</summary>
        public string Value { get; }

        /// <summary>Where the entry starts in the file it was read from (0 when not read from a file).</summary>
        public int Line { get; }
    }
}
