using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.Extensions.Msal;

namespace MSCommerce.Client.Auth
{
    /// <summary>
    /// A person's MSAL token cache kept for the user of this machine (ContextScope CurrentUser), through
    /// MSAL's extensions: DPAPI on Windows, the Keychain on macOS, libsecret on Linux. Where no keyring
    /// answers (a server, a container, most CI) it is an owner-only file, and the person is told so once
    /// per process. Only people's caches come here: apps' secrets and certificates are never written.
    /// </summary>
    internal static class PersistentTokenCache
    {
        private const string KeyringSchema = "com.mscommerce.tokencache";
        private static readonly SemaphoreSlim Gate = new SemaphoreSlim(1, 1);
        private static readonly Dictionary<string, MsalCacheHelper> Helpers = new Dictionary<string, MsalCacheHelper>(StringComparer.Ordinal);
        private static int _warned;

        /// <summary>The folder of the cache: MSCommerce/TokenCache in the user's local application data (~/.local/share on Linux).</summary>
        public static string Folder =>
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "MSCommerce", "TokenCache");

        /// <summary>
        /// The cache file of an authority host: Entra's is msal.cache; any other host (the local commerce
        /// service) has its own file, so that its tokens are never offered to another service.
        /// </summary>
        public static string FileName(Uri authorityHost) =>
            string.Equals(authorityHost.Host, CommerceClientOptions.EntraAuthorityHost.Host, StringComparison.OrdinalIgnoreCase)
                ? "msal.cache"
                : $"msal.{authorityHost.Host}_{authorityHost.Port}.cache";

        /// <summary>Keeps the app's user token cache in the persisted cache of its authority host; <paramref name="warn"/> hears, once per process, that it is a plain file.</summary>
        public static async Task AttachAsync(IPublicClientApplication app, Uri authorityHost, Func<string, Task> warn)
        {
            var fileName = FileName(authorityHost);
            MsalCacheHelper helper;
            string? fallback = null;
            await Gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (!Helpers.TryGetValue(fileName, out helper!))
                {
                    CreateOwnerOnlyFolder(Folder);
                    (helper, fallback) = await CreateAsync(fileName).ConfigureAwait(false);
                    Helpers[fileName] = helper;
                }
            }
            finally
            {
                Gate.Release();
            }

            helper.RegisterCache(app.UserTokenCache);
            if (fallback != null && Interlocked.Exchange(ref _warned, 1) == 0)
            {
                await warn(fallback).ConfigureAwait(false);
            }
        }

        private static async Task<(MsalCacheHelper Helper, string? Fallback)> CreateAsync(string fileName)
        {
            var protectedStorage = new StorageCreationPropertiesBuilder(fileName, Folder)
                .WithMacKeyChain("MSCommerce.TokenCache", "MSCommerce")
                .WithLinuxKeyring(KeyringSchema, MsalCacheHelper.LinuxKeyRingDefaultCollection, "MSCommerce sign-in",
                    new KeyValuePair<string, string>("Product", "MSCommerce"), new KeyValuePair<string, string>("Cache", fileName))
                .Build();
            var helper = await MsalCacheHelper.CreateAsync(protectedStorage).ConfigureAwait(false);
            try
            {
                helper.VerifyPersistence();
                return (helper, null);
            }
            catch (Exception error) when (error is MsalCachePersistenceException || error is DllNotFoundException || error is TypeInitializationException || error is EntryPointNotFoundException)
            {
                var path = Path.Combine(Folder, fileName);
                var plain = new StorageCreationPropertiesBuilder(fileName, Folder).WithUnprotectedFile().Build();
                var store = RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "The Keychain did not answer" : "No keyring (libsecret) answered";
                return (await MsalCacheHelper.CreateAsync(plain).ConfigureAwait(false),
                    $"{store}, so the sign-in is remembered in {path}, a file only you can read, as Azure CLI does. " +
                    "Disconnect-MSCommerce forgets it; -ContextScope Process remembers nothing.");
            }
        }

        private static void CreateOwnerOnlyFolder(string folder)
        {
            Directory.CreateDirectory(folder);
#if NET8_0_OR_GREATER
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
#endif
        }
    }
}
