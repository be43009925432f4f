using System.Security.Cryptography;

namespace MSCommerce.Stub.Identity;

/// <summary>The service's RSA token-signing key, generated on first start and kept beside the database.</summary>
public sealed class SigningKey : IDisposable
{
    private SigningKey(RSA rsa)
    {
        Rsa = rsa;
        var parameters = rsa.ExportParameters(false);
        Modulus = Base64Url.Encode(parameters.Modulus!);
        Exponent = Base64Url.Encode(parameters.Exponent!);
        KeyId = Base64Url.Encode(SHA256.HashData(parameters.Modulus!))[..16];
    }

    public RSA Rsa { get; }
    public string KeyId { get; }
    public string Modulus { get; }
    public string Exponent { get; }

    public static SigningKey LoadOrCreate(string path)
    {
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            rsa.KeySize = 2048;
            var pem = rsa.ExportPkcs8PrivateKeyPem();
            File.WriteAllText(path, pem);
        }

        return new SigningKey(rsa);
    }

    public void Dispose() => Rsa.Dispose();
}
