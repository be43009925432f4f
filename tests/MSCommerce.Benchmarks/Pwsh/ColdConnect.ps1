#Requires -Version 7.4
<#
    The cold half of the pwsh benchmark group: one sign-in with the client secret as the first thing a
    new pwsh process does, timed with a Stopwatch. PwshBenchmark.cs starts one process per sample and
    interleaves the modes. Prints "@@result <milliseconds> <methods the JIT compiled meanwhile>".

    Ours   Connect-MSCommerce (the module is imported first, untimed; the sign-in loads the client and MSAL).
    Msal   Microsoft.Identity.Client 4.92.0 loaded with Add-Type from the NuGet packages folder, then a
           confidential client's AcquireTokenForClient: the load, the build and the call are timed. MSAL's
           own HttpClient trusts the service through SSL_CERT_FILE, which the parent sets to the .cer.
    Raw    an HttpClient built in the timed region, trusting the certificate, POSTing the same grant.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [ValidateSet('Ours', 'Msal', 'Raw')] [string] $Mode,
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $Endpoint,
    [Parameter(Mandatory)] [string] $CertificatePath,
    [string] $MsalFolder,
    # The demo read-write app (MSCommerce.Stub.DemoData), passed by the benchmark.
    [Parameter(Mandatory)] [string] $TenantId,
    [Parameter(Mandatory)] [string] $ClientId,
    [Parameter(Mandatory)] [string] $ClientSecret,
    [string] $Scope = 'aeb86249-8ea3-49e2-900b-54cc8e308f85/.default'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($CertificatePath)
. (Join-Path $PSScriptRoot 'TrustingClient.ps1')
$compiledBefore = 0
switch ($Mode) {
    'Ours' {
        Import-Module $Manifest
        $secret = ConvertTo-SecureString $ClientSecret -AsPlainText -Force
        $compiledBefore = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $certificate -TenantId $TenantId -ClientId $ClientId -ClientSecret $secret 6>$null | Out-Null
        $clock.Stop()
    }
    'Msal' {
        $compiledBefore = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        Add-Type -Path (Join-Path $MsalFolder 'Microsoft.IdentityModel.Abstractions.dll'), (Join-Path $MsalFolder 'Microsoft.Identity.Client.dll')
        $application = [Microsoft.Identity.Client.ConfidentialClientApplicationBuilder]::Create($ClientId).
            WithClientSecret($ClientSecret).
            WithAuthority("$($Endpoint.TrimEnd('/'))/$TenantId/", $false).
            WithInstanceDiscovery($false).
            Build()
        $result = $application.AcquireTokenForClient([string[]]@($Scope)).ExecuteAsync().GetAwaiter().GetResult()
        $clock.Stop()
        if (-not $result.AccessToken) { throw 'MSAL returned no token.' }
    }
    'Raw' {
        $compiledBefore = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $client = New-TrustingClient -Certificate $certificate
        $form = [System.Collections.Generic.Dictionary[string, string]]::new()
        $form['grant_type'] = 'client_credentials'
        $form['client_id'] = $ClientId
        $form['client_secret'] = $ClientSecret
        $form['scope'] = $Scope
        $response = $client.PostAsync("$($Endpoint.TrimEnd('/'))/$TenantId/oauth2/v2.0/token", [System.Net.Http.FormUrlEncodedContent]::new($form)).GetAwaiter().GetResult()
        $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        if (-not $response.IsSuccessStatusCode) { throw "The token endpoint answered $([int]$response.StatusCode): $text" }
        $document = [System.Text.Json.JsonDocument]::Parse($text)
        $null = $document.RootElement.GetProperty('access_token').GetString()
        $clock.Stop()
        $client.Dispose()
    }
}

$compiled = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $compiledBefore
[Console]::Out.WriteLine('@@result ' + $clock.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture) + ' ' + $compiled)
