using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MSCommerce.Stub.Hosting;

/// <summary>
/// The service's TLS certificate for 127.0.0.1 and localhost: self-signed, generated on first start and
/// kept beside the database (.pfx with the key, owner-only; .cer for clients to trust), so a restart keeps it.
/// </summary>
public static class ServiceCertificate
{
    public static X509Certificate2 LoadOrCreate(string databasePath, out string certificatePath)
    {
        var pfxPath = databasePath + ".pfx";
        certificatePath = databasePath + ".cer";
        if (File.Exists(pfxPath))
        {
            PrivateFile.Restrict(pfxPath);
        }
        else
        {
            using var created = Create();
            PrivateFile.Write(pfxPath, created.Export(X509ContentType.Pfx));
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(pfxPath, null, X509KeyStorageFlags.Exportable);
        File.WriteAllBytes(certificatePath, certificate.Export(X509ContentType.Cert));
        return certificate;
    }

    private static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=MSCommerce local commerce service", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
    }
}
