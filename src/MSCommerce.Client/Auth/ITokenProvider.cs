using System.Threading;
using System.Threading.Tasks;

namespace MSCommerce.Client.Auth
{
    /// <summary>Supplies the bearer token for each request, renewing it when it has expired.</summary>
    public interface ITokenProvider
    {
        /// <summary>How the connection signs in: AccessToken, ClientSecret, Certificate, DeviceCode, Interactive, ManagedIdentity.</summary>
        string Method { get; }

        Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken);
    }
}
