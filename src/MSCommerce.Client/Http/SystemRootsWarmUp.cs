using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace MSCommerce.Client.Http
{
    /// <summary>
    /// On Linux, .NET reads the system's root certificates (/etc/ssl/certs, about 150 roots) the first time a
    /// process checks a server certificate: 70-110 ms, measured before a cold sign-in's first TLS handshake.
    /// Reading them on another thread as soon as a client is made overlaps that with MSAL getting ready,
    /// which keeps the other core busy for about as long. The handshake then finds them read (a store open
    /// and a chain build share one process-wide cache). Once per process; elsewhere the OS keeps the roots.
    /// </summary>
    internal static class SystemRootsWarmUp
    {
        private static int _started;

        public static void Start()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || Interlocked.Exchange(ref _started, 1) == 1)
            {
                return;
            }

            Task.Run(() =>
            {
                try
                {
                    using var roots = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
                    roots.Open(OpenFlags.ReadOnly);
                    GC.KeepAlive(roots.Certificates.Count);
                }
                catch (Exception)
                {
                    // Only a head start: the handshake reads the roots itself and reports what it finds.
                }
            });
        }
    }
}
