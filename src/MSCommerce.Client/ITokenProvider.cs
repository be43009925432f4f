using System.Threading;
using System.Threading.Tasks;

namespace MSCommerce.Client
{
    /// <summary>Supplies the bearer token for each request to the licensing service.</summary>
    public interface ITokenProvider
    {
        Task<string> GetTokenAsync(CancellationToken cancellationToken);
    }
}
