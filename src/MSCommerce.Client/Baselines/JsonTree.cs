using System;
using System.Collections.Generic;
using System.Text.Json;

namespace MSCommerce.Client.Baselines
{
    /// <summary>
    /// A JSON value with the line and column it starts at. System.Text.Json's documents forget
    /// positions and silently keep one of two duplicate properties; a baseline's errors must name
    /// the line, and a duplicate product id must be an error.
    /// </summary>
    internal sealed class JsonTree
    {
        private JsonTree(JsonTokenType kind, int line, int column)
        {
            Kind = kind;
            Line = line;
            Column = column;
        }

        public JsonTokenType Kind { get; }
        public int Line { get; }
        public int Column { get; }
        public string? Text { get; private set; }
        public List<JsonProperty> Properties { get; } = new List<JsonProperty>();
        public List<JsonTree> Items { get; } = new List<JsonTree>();

        public bool IsObject => Kind == JsonTokenType.StartObject;

        public string KindName
        {
            get
            {
                switch (Kind)
                {
                    case JsonTokenType.StartObject: return "an object";
                    case JsonTokenType.StartArray: return "an array";
                    case JsonTokenType.String: return "a string";
                    case JsonTokenType.Number: return "a number";
                    case JsonTokenType.True:
                    case JsonTokenType.False: return "a boolean";
                    default: return "null";
                }
            }
        }

        /// <summary>Parses UTF-8 JSON; a syntax error throws JsonException carrying its line and byte position.</summary>
        public static JsonTree Parse(byte[] utf8, int offset)
        {
            var lines = new LineMap(utf8);
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(utf8, offset, utf8.Length - offset), new JsonReaderOptions { MaxDepth = 32 });
            if (!reader.Read())
            {
                throw new JsonException("The file holds no JSON value.", null, 0, 0);
            }

            var root = ReadValue(ref reader, lines, offset);
            if (reader.Read())
            {
                var (line, column) = lines.Locate(offset + (int)reader.TokenStartIndex);
                throw new JsonException("The file holds more than one JSON value: remove what follows the closing brace.", null, line - 1, column - 1);
            }

            return root;
        }

        private static JsonTree ReadValue(ref Utf8JsonReader reader, LineMap lines, int offset)
        {
            var (line, column) = lines.Locate(offset + (int)reader.TokenStartIndex);
            var node = new JsonTree(reader.TokenType, line, column);
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var (nameLine, nameColumn) = lines.Locate(offset + (int)reader.TokenStartIndex);
                        var name = StringAt(ref reader, nameLine, nameColumn);
                        reader.Read();
                        node.Properties.Add(new JsonProperty(name, nameLine, nameColumn, ReadValue(ref reader, lines, offset)));
                    }

                    break;
                case JsonTokenType.StartArray:
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        node.Items.Add(ReadValue(ref reader, lines, offset));
                    }

                    break;
                case JsonTokenType.String:
                    node.Text = StringAt(ref reader, line, column);
                    break;
                case JsonTokenType.Number:
                    node.Text = System.Text.Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
                    break;
            }

            return node;
        }

        /// <summary>
        /// The string token's text. The reader checks structure, not text: a string of invalid UTF-8 or
        /// with an escaped lone surrogate fails only when decoded, and it is a problem of the file at that place.
        /// </summary>
        private static string StringAt(ref Utf8JsonReader reader, int line, int column)
        {
            try
            {
                return reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw new JsonException("The string is not valid text: it holds bytes that are not UTF-8, or an escaped lone surrogate (\\uD800-\\uDFFF without its pair). Save the file as UTF-8.",
                    null, line - 1, column - 1);
            }
        }

        internal sealed class JsonProperty
        {
            public JsonProperty(string name, int line, int column, JsonTree value)
            {
                Name = name;
                Line = line;
                Column = column;
                Value = value;
            }

            public string Name { get; }
            public int Line { get; }
            public int Column { get; }
            public JsonTree Value { get; }
        }

        /// <summary>Byte offset to 1-based line and column.</summary>
        private sealed class LineMap
        {
            private readonly List<int> _lineStarts = new List<int> { 0 };

            public LineMap(byte[] utf8)
            {
                for (var i = 0; i < utf8.Length; i++)
                {
                    if (utf8[i] == (byte)'\n')
                    {
                        _lineStarts.Add(i + 1);
                    }
                }
            }

            public (int Line, int Column) Locate(int byteOffset)
            {
                var index = _lineStarts.BinarySearch(byteOffset);
                if (index < 0)
                {
                    index = ~index - 1;
                }

                return (index + 1, byteOffset - _lineStarts[index] + 1);
            }
        }
    }
}
