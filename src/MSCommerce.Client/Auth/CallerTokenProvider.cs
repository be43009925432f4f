using System.Threading;
using System.Threading.Tasks;

namespace MSCommerce.Client.Auth
{
    /// <summary>For a client that is only ever given its token with each call (the original module's -Token): it holds none itself.</summary>
    internal sealed class CallerTokenProvider : ITokenProvider
    {
        public string Method => "AccessToken";

        public Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken) =>
            throw new SignInException("No access token was given for this call. Pass -Token, or run Connect-MSCommerce first.", null);

        public Task<AccessToken> GetTokenForAsync(string resource, CancellationToken cancellationToken) => throw StaticTokenProvider.OnlyForTheLicensingService(resource);
    }
}
