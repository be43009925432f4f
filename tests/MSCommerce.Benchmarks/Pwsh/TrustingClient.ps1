<#
    The raw baselines' HttpClient: its TLS trusts exactly the local service's certificate, through a
    custom root store (no script-block callback: TLS runs on threads without a runspace).
#>

function New-TrustingClient {
    param(
        [Parameter(Mandatory)] [System.Security.Cryptography.X509Certificates.X509Certificate2] $Certificate,
        [Uri] $BaseAddress
    )

    $policy = [System.Security.Cryptography.X509Certificates.X509ChainPolicy]::new()
    $policy.TrustMode = [System.Security.Cryptography.X509Certificates.X509ChainTrustMode]::CustomRootTrust
    $policy.RevocationMode = [System.Security.Cryptography.X509Certificates.X509RevocationMode]::NoCheck
    $null = $policy.CustomTrustStore.Add($Certificate)
    $handler = [System.Net.Http.SocketsHttpHandler]::new()
    $handler.SslOptions.CertificateChainPolicy = $policy
    $client = [System.Net.Http.HttpClient]::new($handler)
    if ($BaseAddress) { $client.BaseAddress = $BaseAddress }
    $client
}
