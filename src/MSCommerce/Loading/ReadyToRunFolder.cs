using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

// The build's tests check that every precompiled folder the build lays out is the one this rule picks on its machine.
[assembly: InternalsVisibleTo("MSCommerce.Build.Tests")]

namespace MSCommerce.Loading
{
    /// <summary>
    /// The dependencies precompiled for this machine (ReadyToRun, build/Module.targets), when the module
    /// ships them: dependencies/Core/&lt;runtime identifier&gt;, e.g. dependencies/Core/linux-x64. They are the
    /// same assemblies as the IL builds beside them, with native code that spares PowerShell 7 most of the
    /// compiling a first sign-in does. On another .NET than the one they were compiled for, the runtime
    /// ignores that code and compiles their IL.
    /// This is the one place the folder's name is decided: the Pester suite asks the built module through
    /// RuntimeIdentifier(), and the build's folders are tested against RuntimeIdentifier(system, architecture).
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

        /// <summary>This machine's runtime identifier, e.g. linux-x64, or null where the module ships no such folder.</summary>
        public static string? RuntimeIdentifier() => RuntimeIdentifier(RuntimeInformation.IsOSPlatform, RuntimeInformation.ProcessArchitecture);

        /// <summary>The runtime identifier of a machine whose system is the one isSystem says yes to.</summary>
        public static string? RuntimeIdentifier(Func<OSPlatform, bool> isSystem, Architecture architecture)
        {
            var system = isSystem(OSPlatform.Linux) ? "linux"
                : isSystem(OSPlatform.OSX) ? "osx"
                : isSystem(OSPlatform.Windows) ? "win"
                : null;
            var processor = architecture switch
            {
                Architecture.X64 => "x64",
                Architecture.Arm64 => "arm64",
                Architecture.X86 => "x86",
                Architecture.Arm => "arm",
                _ => null,
            };
            return system == null || processor == null ? null : system + "-" + processor;
        }
    }
}
