using System.Security.Cryptography;
using System.Text;
using MSCommerce.Stub.Hosting;

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

    /// <summary>Loads the key as PKCS#8 PEM, tightening its file to owner-only; creates it owner-only from the start when missing.</summary>
    public static SigningKey LoadOrCreate(string path)
    {
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            PrivateFile.Restrict(path);
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            rsa.KeySize = 2048;
            PrivateFile.Write(path, Encoding.ASCII.GetBytes(rsa.ExportPkcs8PrivateKeyPem()));
        }

        return new SigningKey(rsa);
    }

    public void Dispose() => Rsa.Dispose();
}
