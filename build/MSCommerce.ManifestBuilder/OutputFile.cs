using System.Text;

namespace MSCommerce.ManifestBuilder;

/// <summary>Writes a file only when its text changes, so that an unchanged build leaves the laid-out module as it was (tests may be reading it).</summary>
public static class OutputFile
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static bool Write(string path, string text)
    {
        var bytes = Utf8.GetBytes(text);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, bytes);
        return true;
    }
}
