using MSCommerce.ManifestBuilder;

// Usage:
//   MSCommerce.ManifestBuilder manifest --manifest <source .psd1> --changelog <CHANGELOG.md> --version <version>
//       --repository-url <url> --output <.psd1 to write> [--package-metadata <folder>]
//   MSCommerce.ManifestBuilder release-notes --changelog <CHANGELOG.md> --version <version> --output <file>
// Files are written only when their text changes. --package-metadata writes the module package's Authors, Description,
// Copyright and Tags there, a file each, for the pack to read.
try
{
    if (args.FirstOrDefault() is not ("manifest" or "release-notes"))
    {
        throw new BuildInputException("MSCommerce.ManifestBuilder", "Usage: MSCommerce.ManifestBuilder manifest|release-notes --changelog <file> --version <version> ... (see Program.cs).");
    }

    var options = Options.Parse(args.Skip(1));
    var changelog = options.Required("changelog");
    var version = options.Required("version");
    var releaseNotes = Changelog.ReleaseNotes(File.ReadAllText(changelog), version, changelog);
    if (args[0] == "manifest")
    {
        var source = options.Required("manifest");
        var manifest = ModuleManifest.Parse(File.ReadAllText(source), source);
        var stamped = manifest.Stamp(new ManifestStamp(ModuleVersion.Parse(version), options.Required("repository-url"), releaseNotes));
        OutputFile.Write(options.Required("output"), stamped);
        if (options.Optional("package-metadata") is string folder)
        {
            var package = PackageMetadata.From(ModuleManifest.Parse(stamped, source).Data());
            OutputFile.Write(Path.Combine(folder, "Authors.txt"), package.Authors);
            OutputFile.Write(Path.Combine(folder, "Description.txt"), package.Description);
            OutputFile.Write(Path.Combine(folder, "Copyright.txt"), package.Copyright);
            OutputFile.Write(Path.Combine(folder, "Tags.txt"), package.Tags);
        }
    }
    else
    {
        OutputFile.Write(options.Required("output"), releaseNotes);
    }

    return 0;
}
catch (BuildInputException problem)
{
    // MSBuild's canonical error format: the build shows it as an error of that file, not as an exit code.
    Console.Error.WriteLine($"{problem.File}: error MSCOMMERCE: {problem.Message}");
    return 1;
}
