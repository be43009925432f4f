using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace MSCommerce.Client.Auth
{
    /// <summary>
    /// Tokens of the same sign-in in other tenants, as a partner needs them for its customers: for a person,
    /// MSAL's silent sign-in at the customer's authority, which redeems the one sign-in's refresh token there
    /// (GDAP, or a guest account); for an app, its credential at the customer's authority (a multi-tenant app
    /// consented there). A managed identity reaches its own tenant only.
    /// </summary>
    internal sealed partial class MsalTokenProvider : ITenantTokenSource
    {
        private Func<string[], string, CancellationToken, Task<AuthenticationResult>>? _acquireInTenant;
        private bool _tenantTokensInTurn;

        public ITokenProvider? ForTenant(string tenant)
        {
            if (_acquireInTenant == null)
            {
                return null;
            }

            return new TenantTokenProvider(Method, tenant, _resource, (resource, cancel) => AcquireInTenantAsync(resource, tenant, cancel));
        }

        /// <param name="acquire">Gets a token in the tenant named.</param>
        /// <param name="inTurn">A person's tokens: one at a time, since each redemption replaces the refresh token.</param>
        private MsalTokenProvider InTenants(Func<string[], string, CancellationToken, Task<AuthenticationResult>> acquire, bool inTurn)
        {
            _acquireInTenant = acquire;
            _tenantTokensInTurn = inTurn;
            return this;
        }

        private static Func<string[], string, CancellationToken, Task<AuthenticationResult>> SilentlyInTenant(IPublicClientApplication app) =>
            async (scopes, tenant, cancel) =>
            {
                var account = (await app.GetAccountsAsync().ConfigureAwait(false)).FirstOrDefault()
                    ?? throw new MsalUiRequiredException("no_account", "The signed-in session has ended.");
                return await app.AcquireTokenSilent(scopes, account).WithTenantId(tenant).ExecuteAsync(cancel).ConfigureAwait(false);
            };

        private static Func<string[], string, CancellationToken, Task<AuthenticationResult>> AppInTenant(IConfidentialClientApplication app) =>
            (scopes, tenant, cancel) => app.AcquireTokenForClient(scopes).WithTenantId(tenant).ExecuteAsync(cancel);

        /// <remarks>
        /// A person's tokens go through the same gate as the home tenant's: the refresh token is spent by each
        /// redemption and replaced in MSAL's cache, so two redemptions at once would race for it. An app's need not.
        /// </remarks>
        private async Task<AccessToken> AcquireInTenantAsync(string resource, string tenant, CancellationToken cancellationToken)
        {
            if (_tenantTokensInTurn)
            {
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                var result = await _acquireInTenant!(new[] { resource }, tenant, cancellationToken).ConfigureAwait(false);
                var described = TokenClaims.Describe(result.AccessToken);
                return new AccessToken(result.AccessToken, result.ExpiresOn, result.Account?.Username ?? described.Account, described.TenantId ?? result.TenantId);
            }
            catch (MsalUiRequiredException error)
            {
                throw new SignInException($"No token could be had in tenant '{tenant}' without signing in again: {FirstLine(error.Message)}", error.ErrorCode, error);
            }
            catch (MsalServiceException error)
            {
                throw new SignInException($"Sign-in to tenant '{tenant}' was refused: {FirstLine(error.Message)}", error.ErrorCode, error);
            }
            catch (MsalClientException error)
            {
                throw new SignInException($"Sign-in to tenant '{tenant}' failed: {FirstLine(error.Message)}", error.ErrorCode, error);
            }
            finally
            {
                if (_tenantTokensInTurn)
                {
                    _gate.Release();
                }
            }
        }
    }
}
