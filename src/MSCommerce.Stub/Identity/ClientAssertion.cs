using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MSCommerce.Stub.Identity;

/// <summary>Checks a client assertion (a JWT the app signs with its certificate) as Entra does.</summary>
public static class ClientAssertion
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>Null when the assertion proves the app; otherwise the refusal (400 when malformed, 401 when it proves nothing).</summary>
    public static OAuthRefusal? Refusal(string assertion, string clientId, string registeredCertificate, string tokenEndpoint, DateTimeOffset now)
    {
        var reading = Jwt.Read(assertion);
        if (reading.Token is not { } jwt)
        {
            return new OAuthRefusal("invalid_client", "AADSTS50027", $"The client assertion is not a valid JSON web token: {reading.Failure}.");
        }

        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(registeredCertificate));
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is null)
        {
            return Refused("The registered certificate has no RSA key.");
        }

        var signatureValid = jwt.Header.Algorithm switch
        {
            "RS256" => rsa.VerifyData(jwt.SigningInput, jwt.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "PS256" => rsa.VerifyData(jwt.SigningInput, jwt.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            _ => false,
        };
        if (!signatureValid)
        {
            return Refused("The client assertion is not signed by the application's registered certificate.");
        }

        var claims = jwt.Claims;
        if (claims.Issuer != clientId || claims.Subject != clientId)
        {
            return Refused("The client assertion's iss and sub must be the client id.");
        }

        if (!string.Equals(claims.Audience, tokenEndpoint, StringComparison.OrdinalIgnoreCase))
        {
            return Refused($"The client assertion's audience must be {tokenEndpoint}.");
        }

        return claims.ExpiresOn is { } expires && expires > now - ClockSkew
            ? null
            : Refused("The client assertion has expired.");
    }

    private static OAuthRefusal Refused(string description) =>
        new("invalid_client", "AADSTS7000215", description, StatusCodes.Status401Unauthorized);
}
