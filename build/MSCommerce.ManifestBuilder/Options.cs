namespace MSCommerce.ManifestBuilder;

/// <summary>A command line of --name value pairs.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> _values;

    private Options(Dictionary<string, string> values) => _values = values;

    public static Options Parse(IEnumerable<string> arguments)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var argument = arguments.GetEnumerator();
        while (argument.MoveNext())
        {
            var name = argument.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || !argument.MoveNext())
            {
                throw new BuildInputException("MSCommerce.ManifestBuilder", $"Expected --name value pairs, found '{name}'.");
            }

            values[name[2..]] = argument.Current;
        }

        return new Options(values);
    }

    public string Required(string name) => Optional(name) ?? throw new BuildInputException("MSCommerce.ManifestBuilder", $"--{name} is missing.");

    public string? Optional(string name) => _values.TryGetValue(name, out var value) ? value : null;
}
