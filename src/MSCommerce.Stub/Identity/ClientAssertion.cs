using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MSCommerce.Stub.Identity;

/// <summary>Checks a client assertion (a JWT the app signs with its certificate) as Entra does.</summary>
public static class ClientAssertion
{
    public static string? Refusal(string assertion, string clientId, string registeredCertificate, string tokenEndpoint, DateTimeOffset now)
    {
        var jwt = Jwt.Parse(assertion);
        if (jwt is null)
        {
            return "The client assertion is not a JSON web token.";
        }

        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(registeredCertificate));
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is null)
        {
            return "The registered certificate has no RSA key.";
        }

        var signatureValid = jwt.Algorithm switch
        {
            "RS256" => rsa.VerifyData(jwt.SigningInput, jwt.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "PS256" => rsa.VerifyData(jwt.SigningInput, jwt.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            _ => false,
        };
        if (!signatureValid)
        {
            return "The client assertion is not signed by the application's registered certificate.";
        }

        if (jwt.Claim("iss") != clientId || jwt.Claim("sub") != clientId)
        {
            return "The client assertion's iss and sub must be the client id.";
        }

        if (!string.Equals(jwt.Claim("aud"), tokenEndpoint, StringComparison.OrdinalIgnoreCase))
        {
            return $"The client assertion's audience must be {tokenEndpoint}.";
        }

        return jwt.NumericClaim("exp") is { } exp && DateTimeOffset.FromUnixTimeSeconds(exp) > now.AddSeconds(-30)
            ? null
            : "The client assertion has expired.";
    }
}
