using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using MSCommerce.Client.Policies;

namespace MSCommerce.Client.Baselines
{
    /// <summary>
    /// Reads and validates a baseline file before anything is sent: every problem is reported with
    /// its line, column and property, so that a CI log points at the line to fix.
    /// </summary>
    public static class BaselineReader
    {
        /// <summary>A tenant has a few dozen products; a file past this size is not a baseline.</summary>
        public const int MaxFileBytes = 4 * 1024 * 1024;

        private static readonly string[] RootProperties = { "$schema", "schemaVersion", "policyId", "defaultValue", "products", "offerTypes" };
        private static readonly string[] EntryProperties = { "name", "value" };

        /// <summary>Reads a baseline file; one past the size limit is refused before it is read.</summary>
        public static PolicyBaseline ReadFile(string path)
        {
            var size = new System.IO.FileInfo(path).Length;
            if (size > MaxFileBytes)
            {
                throw TooLarge(path, size);
            }

            return Read(System.IO.File.ReadAllBytes(path), path);
        }

        /// <summary>Reads and validates a baseline from its UTF-8 bytes; <paramref name="source"/> names it in errors. Throws <see cref="BaselineFormatException"/> listing every problem.</summary>
        public static PolicyBaseline Read(byte[] utf8, string source)
        {
            if (utf8 == null)
            {
                throw new ArgumentNullException(nameof(utf8));
            }

            if (utf8.Length > MaxFileBytes)
            {
                throw TooLarge(source, utf8.Length);
            }

            var offset = utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF ? 3 : 0;
            if (utf8.Skip(offset).All(b => b == ' ' || b == '\t' || b == '\r' || b == '\n'))
            {
                throw Invalid(source, new BaselineProblem(1, 1, "", "The file is empty. Export-MSCommercePolicyBaseline writes a baseline to start from."));
            }

            JsonTree root;
            try
            {
                root = JsonTree.Parse(utf8, offset);
            }
            catch (JsonException error)
            {
                var line = (int)(error.LineNumber ?? 0) + 1;
                var column = (int)(error.BytePositionInLine ?? 0) + 1;
                throw Invalid(source, new BaselineProblem(line, column, "", "The file is not valid JSON: " + FirstSentence(error.Message)));
            }

            var problems = new List<BaselineProblem>();
            var baseline = new Validation(problems).Root(root);
            if (problems.Count > 0 || baseline == null)
            {
                throw new BaselineFormatException(source, problems.OrderBy(problem => problem.Line).ThenBy(problem => problem.Column).ToList());
            }

            return baseline;
        }

        private static BaselineFormatException TooLarge(string source, long size) =>
            Invalid(source, new BaselineProblem(1, 1, "", $"The file is {size:N0} bytes; a baseline is at most {MaxFileBytes:N0} bytes."));

        private static BaselineFormatException Invalid(string source, BaselineProblem problem) => new BaselineFormatException(source, new[] { problem });

        private static string FirstSentence(string message)
        {
            // System.Text.Json appends its own "LineNumber: ... | BytePositionInLine: ..." which the problem already says.
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return (cut > 0 ? message.Substring(0, cut) : message).Trim();
        }

        /// <summary>The checks on a parsed file; collects every problem instead of stopping at the first.</summary>
        private sealed class Validation
        {
            private readonly List<BaselineProblem> _problems;

            public Validation(List<BaselineProblem> problems) => _problems = problems;

            public PolicyBaseline? Root(JsonTree root)
            {
                if (!root.IsObject)
                {
                    Report(root, "", $"The file must hold a JSON object, not {root.KindName}.");
                    return null;
                }

                var properties = Properties(root, "", RootProperties);
                CheckSchemaVersion(root, properties);
                var policyId = WellFormed(RequiredString(root, properties, "policyId"), properties, "policyId", ResourceNameKind.PolicyId);
                var defaultValue = Value(root, properties, "defaultValue", "defaultValue", PolicyValues.ProductValues, "products");
                var products = Entries(properties, "products", PolicyValues.ProductValues, "products", ResourceNameKind.ProductId);
                var offerTypes = Entries(properties, "offerTypes", PolicyValues.OfferTypeValues, "offer types", ResourceNameKind.OfferType);
                return policyId == null || defaultValue == null ? null : new PolicyBaseline(policyId, defaultValue, products, offerTypes);
            }

            private void CheckSchemaVersion(JsonTree root, Dictionary<string, JsonTree.JsonProperty> properties)
            {
                if (!properties.TryGetValue("schemaVersion", out var version))
                {
                    Report(root, "schemaVersion", $"The required property 'schemaVersion' is missing: add \"schemaVersion\": {PolicyBaseline.CurrentSchemaVersion}.");
                    return;
                }

                if (version.Value.Kind != JsonTokenType.Number || !int.TryParse(version.Value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    Report(version.Value, "schemaVersion", $"'schemaVersion' must be the number {PolicyBaseline.CurrentSchemaVersion}, not {version.Value.KindName}.");
                }
                else if (number != PolicyBaseline.CurrentSchemaVersion)
                {
                    Report(version.Value, "schemaVersion", $"Schema version {number} is not known to this version of the module, which reads version {PolicyBaseline.CurrentSchemaVersion}.");
                }
            }

            private string? RequiredString(JsonTree owner, Dictionary<string, JsonTree.JsonProperty> properties, string name)
            {
                if (!properties.TryGetValue(name, out var property))
                {
                    Report(owner, name, $"The required property '{name}' is missing.");
                    return null;
                }

                if (property.Value.Kind != JsonTokenType.String || string.IsNullOrWhiteSpace(property.Value.Text))
                {
                    Report(property.Value, name, $"'{name}' must be a non-empty string, not {property.Value.KindName}.");
                    return null;
                }

                return property.Value.Text;
            }

            private string? WellFormed(string? name, Dictionary<string, JsonTree.JsonProperty> properties, string property, ResourceNameKind kind)
            {
                if (name == null || ResourceNames.IsWellFormed(name))
                {
                    return name;
                }

                Report(properties[property].Value, property, $"'{name}' is not {ResourceNames.Example(kind)}.");
                return null;
            }

            private string? Value(JsonTree owner, Dictionary<string, JsonTree.JsonProperty> properties, string name, string path, IReadOnlyList<string> allowed, string what)
            {
                var text = RequiredStringAt(owner, properties, name, path);
                if (text == null)
                {
                    return null;
                }

                if (allowed.Contains(text, StringComparer.Ordinal))
                {
                    return text;
                }

                var node = properties[name].Value;
                var spelled = PolicyValues.Canonical(text, allowed);
                var hint = spelled != null ? $" Did you mean '{spelled}'?" : "";
                Report(node, path, $"'{text}' is not a value {what} take: use {string.Join(", ", allowed)}.{hint}");
                return null;
            }

            private string? RequiredStringAt(JsonTree owner, Dictionary<string, JsonTree.JsonProperty> properties, string name, string path)
            {
                if (!properties.TryGetValue(name, out var property))
                {
                    Report(owner, path, $"The required property '{name}' is missing.");
                    return null;
                }

                if (property.Value.Kind != JsonTokenType.String)
                {
                    Report(property.Value, path, $"'{name}' must be a string, not {property.Value.KindName}.");
                    return null;
                }

                return property.Value.Text;
            }

            private IReadOnlyList<BaselineEntry> Entries(Dictionary<string, JsonTree.JsonProperty> properties, string name, IReadOnlyList<string> allowed, string what,
                ResourceNameKind idKind)
            {
                var entries = new List<BaselineEntry>();
                if (!properties.TryGetValue(name, out var property))
                {
                    return entries;
                }

                if (!property.Value.IsObject)
                {
                    Report(property.Value, name, $"'{name}' must be an object keyed by id, not {property.Value.KindName}.");
                    return entries;
                }

                var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                foreach (var entry in property.Value.Properties)
                {
                    var path = $"{name}.{entry.Name}";
                    if (!ResourceNames.IsWellFormed(entry.Name))
                    {
                        Report(entry.Line, entry.Column, path, $"'{entry.Name}' is not {ResourceNames.Example(idKind)}.");
                        continue;
                    }

                    if (seen.TryGetValue(entry.Name, out var firstLine))
                    {
                        Report(entry.Line, entry.Column, path, $"'{entry.Name}' is listed twice (first on line {firstLine}): keep one.");
                        continue;
                    }

                    seen.Add(entry.Name, entry.Line);
                    if (!entry.Value.IsObject)
                    {
                        Report(entry.Value, path, $"Each entry must be an object with 'value' (and optionally 'name'), not {entry.Value.KindName}.");
                        continue;
                    }

                    var fields = Properties(entry.Value, path, EntryProperties);
                    string? displayName = null;
                    if (fields.TryGetValue("name", out var nameField))
                    {
                        if (nameField.Value.Kind == JsonTokenType.String)
                        {
                            displayName = nameField.Value.Text;
                        }
                        else
                        {
                            Report(nameField.Value, path + ".name", $"'name' must be a string, not {nameField.Value.KindName}.");
                        }
                    }

                    var value = Value(entry.Value, fields, "value", path + ".value", allowed, what);
                    if (value != null)
                    {
                        entries.Add(new BaselineEntry(entry.Name, displayName, value, entry.Line));
                    }
                }

                return entries;
            }

            /// <summary>The object's properties by name; unknown and repeated names are problems (a typo must not be ignored silently).</summary>
            private Dictionary<string, JsonTree.JsonProperty> Properties(JsonTree node, string path, IReadOnlyList<string> known)
            {
                var properties = new Dictionary<string, JsonTree.JsonProperty>(StringComparer.Ordinal);
                foreach (var property in node.Properties)
                {
                    var where = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (!known.Contains(property.Name, StringComparer.Ordinal))
                    {
                        var spelled = known.FirstOrDefault(name => string.Equals(name, property.Name, StringComparison.OrdinalIgnoreCase));
                        var hint = spelled != null ? $" Did you mean '{spelled}'?" : $" Known properties: {string.Join(", ", known)}.";
                        Report(property.Line, property.Column, where, $"Unknown property '{property.Name}'.{hint}");
                    }
                    else if (properties.ContainsKey(property.Name))
                    {
                        Report(property.Line, property.Column, where, $"'{property.Name}' is given twice (first on line {properties[property.Name].Line}): keep one.");
                    }
                    else
                    {
                        properties.Add(property.Name, property);
                    }
                }

                return properties;
            }

            private void Report(JsonTree at, string path, string message) => Report(at.Line, at.Column, path, message);

            private void Report(int line, int column, string path, string message) => _problems.Add(new BaselineProblem(line, column, path, message));
        }
    }
}
