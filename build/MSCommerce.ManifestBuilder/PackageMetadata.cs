using System.Collections;

namespace MSCommerce.ManifestBuilder;

/// <summary>
/// The module package's nuspec metadata, taken from the manifest it ships, with the tags PowerShellGet gives a binary
/// module (PSModule, PSIncludes_Cmdlet, PSCmdlet_name and PSCommand_name per cmdlet) so that Find-PSResource -Command finds it.
/// </summary>
public sealed record PackageMetadata(string Authors, string Description, string Copyright, string Tags)
{
    public static PackageMetadata From(Hashtable manifest)
    {
        var psData = (Hashtable?)((Hashtable?)manifest["PrivateData"])?["PSData"];
        var cmdlets = Strings(manifest["CmdletsToExport"]);
        var tags = new[] { "PSModule" }
            .Concat(Strings(psData?["Tags"]))
            .Append("PSIncludes_Cmdlet")
            .Concat(cmdlets.SelectMany(cmdlet => new[] { "PSCmdlet_" + cmdlet, "PSCommand_" + cmdlet }));
        return new PackageMetadata(
            (string?)manifest["Author"] ?? "",
            (string?)manifest["Description"] ?? "",
            (string?)manifest["Copyright"] ?? "",
            string.Join(" ", tags));
    }

    private static IEnumerable<string> Strings(object? value) => value switch
    {
        null => [],
        string one => [one],
        IEnumerable many => many.Cast<object>().Select(item => item.ToString()!),
        var other => [other.ToString()!],
    };
}
