using System.IO;
using System.Runtime.InteropServices;

namespace MSCommerce.Loading
{
    /// <summary>
    /// The dependencies precompiled for this machine (ReadyToRun, build/Module.targets), when the module
    /// ships them: dependencies/Core/&lt;runtime identifier&gt;, e.g. dependencies/Core/linux-x64. They are the
    /// same assemblies as the IL builds beside them, with native code that spares PowerShell 7 most of the
    /// compiling a first sign-in does. On another .NET than the one they were compiled for, the runtime
    /// ignores that code and compiles their IL.
    /// </summary>
    internal static class ReadyToRunFolder
    {
        public static string? Within(string folder)
        {
            var identifier = RuntimeIdentifier();
            if (identifier == null)
            {
                return null;
            }

            var precompiled = Path.Combine(folder, identifier);
            return Directory.Exists(precompiled) ? precompiled : null;
        }

        private static string? RuntimeIdentifier()
        {
            var system = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "linux"
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx"
                : RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
                : null;
            var architecture = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => "x64",
                Architecture.Arm64 => "arm64",
                Architecture.X86 => "x86",
                Architecture.Arm => "arm",
                _ => null,
            };
            return system == null || architecture == null ? null : system + "-" + architecture;
        }
    }
}
