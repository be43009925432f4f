using MSCommerce.Stub;

namespace MSCommerce.Shell;

/// <summary>What an interactive user is told about the session they are in.</summary>
public static class Banner
{
    public static string Connected(CommerceService service) =>
        $"Connected to the local commerce service at {service.BaseAddress} as the demo Global Administrator ({DemoData.AdminUpn}). Its certificate: {service.CertificatePath}";
}
