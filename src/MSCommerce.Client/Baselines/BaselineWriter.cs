using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using MSCommerce.Client.Policies;

namespace MSCommerce.Client.Baselines
{
    /// <summary>Writes a baseline as stable, diff-friendly JSON: ids in order, two-space indents, one entry per product.</summary>
    public static class BaselineWriter
    {
        /// <summary>The file name of the JSON Schema the written baselines refer to (shipped in the module's folder).</summary>
        public const string SchemaFileName = "MSCommerce.PolicyBaseline.schema.json";

        /// <summary>The baseline as indented UTF-8 JSON, products and offer types sorted by id.</summary>
        public static byte[] Write(PolicyBaseline baseline)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteNumber("schemaVersion", baseline.SchemaVersion);
                json.WriteString("policyId", baseline.PolicyId);
                json.WriteString("defaultValue", Canonical(baseline.DefaultValue));
                WriteEntries(json, "products", baseline.Products);
                WriteEntries(json, "offerTypes", baseline.OfferTypes);
                json.WriteEndObject();
            }

            stream.WriteByte((byte)'\n');
            return stream.ToArray();
        }

        /// <summary>The baseline as indented JSON text.</summary>
        public static string WriteText(PolicyBaseline baseline) => Encoding.UTF8.GetString(Write(baseline));

        /// <summary>Values are written as the service spells them, whatever case the baseline was given in.</summary>
        private static string Canonical(string value) => PolicyValues.Canonical(value, PolicyValues.ProductValues) ?? value;

        private static void WriteEntries(Utf8JsonWriter json, string name, System.Collections.Generic.IReadOnlyList<BaselineEntry> entries)
        {
            json.WriteStartObject(name);
            foreach (var entry in entries.OrderBy(entry => entry.Id, System.StringComparer.Ordinal))
            {
                json.WriteStartObject(entry.Id);
                if (entry.Name != null)
                {
                    json.WriteString("name", entry.Name);
                }

                json.WriteString("value", Canonical(entry.Value));
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }
    }
}
