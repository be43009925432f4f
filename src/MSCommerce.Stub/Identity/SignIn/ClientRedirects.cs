using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Identity.SignIn;

/// <summary>
/// The redirect URIs each client has registered, as Entra checks them before a browser sign-in. The
/// module's public client registers http://localhost and http://localhost/m365/commerce, and, as
/// Entra's loopback rule has it, any port of them matches; the directory's apps are confidential
/// clients that register none, so they cannot sign people in through the browser.
/// </summary>
public sealed class ClientRedirects(DirectoryStore directory)
{
    /// <summary>The app id of Microsoft's module, which the MSCommerce module signs people in with.</summary>
    public const string ModuleClientId = "3d5cffa9-04da-4657-8cab-c7f074657cad";

    private static readonly string[] ModuleLoopbackPaths = ["/", "/m365/commerce"];

    public bool IsKnown(string clientId) =>
        string.Equals(clientId, ModuleClientId, StringComparison.OrdinalIgnoreCase) || directory.FindApplication(clientId) is not null;

    public bool Allows(string clientId, string redirectUri)
    {
        if (!string.Equals(clientId, ModuleClientId, StringComparison.OrdinalIgnoreCase)
            || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri))
        {
            return false;
        }

        // The loopback rule: the scheme is http, the host localhost, the port free; the path is one registered, exactly.
        return uri.Scheme == Uri.UriSchemeHttp
            && string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)
            && ModuleLoopbackPaths.Contains(uri.AbsolutePath, StringComparer.Ordinal);
    }
}
