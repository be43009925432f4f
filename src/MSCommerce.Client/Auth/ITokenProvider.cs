using System.Threading;
using System.Threading.Tasks;

namespace MSCommerce.Client.Auth
{
    /// <summary>Supplies the bearer token for each request, renewing it when it has expired.</summary>
    internal interface ITokenProvider
    {
        /// <summary>How the connection signs in: AccessToken, ClientSecret, Certificate, DeviceCode, Interactive, ManagedIdentity.</summary>
        string Method { get; }

        /// <summary>A token for the licensing service (the resource the connection signed in for).</summary>
        Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken);

        /// <summary>A token for another resource of the same sign-in, e.g. Microsoft Graph's <c>https://graph.microsoft.com/.default</c>.</summary>
        Task<AccessToken> GetTokenForAsync(string resource, CancellationToken cancellationToken);
    }
}
