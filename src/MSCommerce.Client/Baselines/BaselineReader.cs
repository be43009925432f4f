using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using MSCommerce.Client.Files;
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

        /// <summary>
        /// Reads a baseline file. Only a regular file is read (a link to one is followed): a folder, a
        /// device or a named pipe is refused before it is opened, so that /dev/zero is not read for ever and
        /// a pipe with no writer does not hang. At most <see cref="MaxFileBytes"/> bytes are read, whatever
        /// size the file system reports.
        /// </summary>
        public static PolicyBaseline ReadFile(string path)
        {
            var kind = FileKinds.Of(path);
            if (kind == FileKind.Missing)
            {
                throw new FileNotFoundException($"The baseline file '{path}' does not exist.", path);
            }

            if (kind != FileKind.RegularFile)
            {
                throw NotAFile(path, kind);
            }

            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan))
            {
                if (!FileKinds.IsDiskFile(stream))
                {
                    throw NotAFile(path, FileKind.Other);
                }

                if (stream.Length > MaxFileBytes)
                {
                    throw TooLarge(path, stream.Length);
                }

                return Read(ReadAtMost(stream, MaxFileBytes + 1), path);
            }
        }

        /// <summary>
        /// Reads and validates a baseline from its bytes: UTF-8 (with or without a byte order mark), or
        /// UTF-16 with a byte order mark; <paramref name="source"/> names it in errors. Throws
        /// <see cref="BaselineFormatException"/> listing every problem.
        /// </summary>
        public static PolicyBaseline Read(byte[] content, string source)
        {
            if (content == null)
            {
                throw new ArgumentNullException(nameof(content));
            }

            if (content.Length > MaxFileBytes)
            {
                throw TooLarge(source, content.Length);
            }

            var utf8 = BaselineEncoding.ToUtf8(content, out var offset, out var encodingProblem);
            if (encodingProblem != null)
            {
                throw Invalid(source, encodingProblem);
            }

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
            Invalid(source, new BaselineProblem(1, 1, "", size > MaxFileBytes + 1
                ? $"The file is {size:N0} bytes; a baseline is at most {MaxFileBytes:N0} bytes."
                : $"The file is more than {MaxFileBytes:N0} bytes; a baseline is at most {MaxFileBytes:N0} bytes."));

        private static BaselineFormatException NotAFile(string path, FileKind kind) =>
            Invalid(path, new BaselineProblem(1, 1, "", $"'{path}' is {kind.Describe()}, not a file: a baseline is read only from a regular file."));

        /// <summary>Reads up to <paramref name="limit"/> bytes, however long the stream says it is (a device says 0 and never ends).</summary>
        private static byte[] ReadAtMost(Stream stream, int limit)
        {
            var buffer = new byte[Math.Min(limit, 64 * 1024)];
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length == limit)
                    {
                        break;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(limit, buffer.Length * 2L));
                }

                var read = stream.Read(buffer, total, buffer.Length - total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            Array.Resize(ref buffer, total);
            return buffer;
        }

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

                Report(properties[property].Value, property, $"'{EchoedInput.Of(name)}' is not {ResourceNames.Example(kind)}.");
                return null;
            }

            private string? Value(JsonTree owner, Dictionary<string, JsonTree.JsonProperty> properties, string name, string path, IReadOnlyList<string> allowed, string what)
            {
                var text = RequiredStringAt(owner, properties, name, path);
                if (text == null)
                {
                    return null;
                }

                // The rule -Value follows: any case is read as the value it spells; the baseline holds the canonical spelling.
                if (PolicyValues.Canonical(text, allowed) is string canonical)
                {
                    return canonical;
                }

                Report(properties[name].Value, path, $"'{EchoedInput.Of(text)}' is not a value {what} take: use {string.Join(", ", allowed)} (in any case).");
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
                    var shown = EchoedInput.Of(entry.Name);
                    var path = $"{name}.{shown}";
                    if (!ResourceNames.IsWellFormed(entry.Name))
                    {
                        Report(entry.Line, entry.Column, path, $"'{shown}' is not {ResourceNames.Example(idKind)}.");
                        continue;
                    }

                    if (seen.TryGetValue(entry.Name, out var firstLine))
                    {
                        Report(entry.Line, entry.Column, path, $"'{shown}' is listed twice (first on line {firstLine}): keep one.");
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
                    var shown = EchoedInput.Of(property.Name);
                    var where = path.Length == 0 ? shown : $"{path}.{shown}";
                    if (!known.Contains(property.Name, StringComparer.Ordinal))
                    {
                        var spelled = known.FirstOrDefault(name => string.Equals(name, property.Name, StringComparison.OrdinalIgnoreCase));
                        var hint = spelled != null ? $" Did you mean '{spelled}'?" : $" Known properties: {string.Join(", ", known)}.";
                        Report(property.Line, property.Column, where, $"Unknown property '{shown}'.{hint}");
                    }
                    else if (properties.ContainsKey(property.Name))
                    {
                        Report(property.Line, property.Column, where, $"'{shown}' is given twice (first on line {properties[property.Name].Line}): keep one.");
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
