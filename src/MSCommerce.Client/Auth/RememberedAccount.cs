using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace MSCommerce.Client.Auth
{
    /// <summary>
    /// The person a public client app signed in before, in its token cache (persisted for ContextScope
    /// CurrentUser): a sign-in tries them silently first, and Disconnect-MSCommerce forgets them.
    /// </summary>
    internal sealed class RememberedAccount
    {
        private readonly IPublicClientApplication _app;
        private readonly SignInOptions _signIn;
        private readonly CommerceClientOptions _client;
        private readonly Func<string, Task> _warn;
        private int _attached;

        public RememberedAccount(IPublicClientApplication app, SignInOptions signIn, CommerceClientOptions client, Func<string, Task> warn)
        {
            _app = app;
            _signIn = signIn;
            _client = client;
            _warn = warn;
        }

        /// <summary>
        /// A token for the remembered account without asking the person; null at a first sign-in when
        /// there is none or its session has ended (the caller then asks them), an error afterwards.
        /// </summary>
        public async Task<AuthenticationResult?> SilentAsync(string[] scopes, bool firstSignIn, CancellationToken cancel)
        {
            await AttachCacheAsync().ConfigureAwait(false);
            var account = await FindAsync().ConfigureAwait(false);
            if (account == null)
            {
                return firstSignIn ? null : throw new MsalUiRequiredException("no_account", "The signed-in session has ended.");
            }

            try
            {
                return await _app.AcquireTokenSilent(scopes, account).ExecuteAsync(cancel).ConfigureAwait(false);
            }
            catch (MsalUiRequiredException) when (firstSignIn)
            {
                return null;
            }
        }

        /// <summary>Removes the account from the cache (and so from the persisted one); every account of the app when none is named.</summary>
        public async Task ForgetAsync(IAccount? account)
        {
            await AttachCacheAsync().ConfigureAwait(false);
            var accounts = (await _app.GetAccountsAsync().ConfigureAwait(false))
                .Where(cached => account == null || cached.HomeAccountId?.Identifier == account.HomeAccountId?.Identifier)
                .ToList();
            foreach (var cached in accounts)
            {
                await _app.RemoveAsync(cached).ConfigureAwait(false);
            }
        }

        private async Task AttachCacheAsync()
        {
            if (_signIn.ContextScope == ContextScope.CurrentUser && Interlocked.Exchange(ref _attached, 1) == 0)
            {
                await PersistentTokenCache.AttachAsync(_app, _client.AuthorityHost, _warn).ConfigureAwait(false);
            }
        }

        /// <summary>The account of the tenant asked for (by home tenant id, or by the user name's domain), else the first one.</summary>
        private async Task<IAccount?> FindAsync()
        {
            var accounts = (await _app.GetAccountsAsync().ConfigureAwait(false)).ToList();
            var tenant = _signIn.TenantId;
            return accounts.FirstOrDefault(account => string.Equals(account.HomeAccountId?.TenantId, tenant, StringComparison.OrdinalIgnoreCase))
                ?? accounts.FirstOrDefault(account => account.Username != null && account.Username.EndsWith("@" + tenant, StringComparison.OrdinalIgnoreCase))
                ?? accounts.FirstOrDefault();
        }
    }
}
