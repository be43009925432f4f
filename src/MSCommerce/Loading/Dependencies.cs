using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MSCommerce.Loading
{
    /// <summary>
    /// Where the client and its dependencies load from: dependencies/Core on PowerShell 7 (a load context
    /// of our own), dependencies/Desktop on Windows PowerShell 5.1 (a resolver that answers only for them).
    /// Once per process, whichever runspace imports the module first.
    /// </summary>
    internal static class Dependencies
    {
        internal const string ClientAssemblyName = "MSCommerce.Client";

        private static readonly object Gate = new object();
        private static bool _loadable;

        internal static string Folder(bool core) =>
            Path.Combine(Path.GetDirectoryName(typeof(Dependencies).Assembly.Location)!, "dependencies", core ? "Core" : "Desktop");

        internal static bool IsCore => !RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        public static void MakeLoadable()
        {
            lock (Gate)
            {
                if (_loadable)
                {
                    return;
                }

                if (IsCore)
                {
                    RegisterLoadContext();
                }
                else
                {
                    RegisterResolver();
                }

                _loadable = true;
            }
        }

        // Separate methods, so that Windows PowerShell never compiles the code that names AssemblyLoadContext.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RegisterLoadContext() => DependencyLoadContext.Register(Folder(core: true));

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RegisterResolver() => DesktopDependencyResolver.Register(Folder(core: false));
    }
}
