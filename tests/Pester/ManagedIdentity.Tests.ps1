#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Connect-MSCommerce -Identity end to end, through MSAL's managed identity support, against the local
    service's emulation of Azure App Service's identity endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER).
    Each case runs in a fresh pwsh, as an App Service's process starts with the two variables set.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:service = Start-MSCommerceTestSession -TestRoot $PSScriptRoot
    $script:identity = Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'managed-identity'
    $script:script = @'
param($Manifest, $Endpoint, $CertificatePath, $ClientId, $ProductId)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($CertificatePath)
$identity = if ($ClientId) { @{ ClientId = $ClientId } } else { @{} }
try {
    $connection = Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $certificate -Identity @identity -PassThru
}
catch {
    "refused=$($_.CategoryInfo.Category): $($_.Exception.Message -replace '\s+', ' ')"
    exit 1
}
"method=$($connection.AuthMethod)"
"tenant=$($connection.TenantId)"
"products=$(@(Get-MSCommerceProductPolicies).Count)"
try {
    $other = if ((Get-MSCommerceProductPolicy -ProductId $ProductId).PolicyValue -eq 'Enabled') { 'Disabled' } else { 'Enabled' }
    $null = Update-MSCommerceProductPolicy -ProductId $ProductId -Value $other -Confirm:$false
    'update=done'
}
catch {
    "update=$($_.CategoryInfo.Category)"
}
'@

    function Invoke-AsAppService {
        param([string] $ClientId = '', [hashtable] $Environment)
        $arguments = (Get-MSCommerceManifestPath -TestRoot $PSScriptRoot), $script:service.BaseAddress, "$($script:service.Folder)/commerce.db.cer", $ClientId, 'CFQ7TTC0H9MP'
        $result = Invoke-FreshPwsh -Script $script:script -ArgumentList $arguments -Environment $Environment
        $values = @{}
        foreach ($line in $result.Output -split "`n") { if ($line -match '^(\w+)=(.*)$') { $values[$Matches[1]] = $Matches[2].Trim() } }
        [pscustomobject]@{ ExitCode = $result.ExitCode; Errors = $result.Errors; Values = $values }
    }
}

AfterAll {
    Stop-MSCommerceTestSession -Service $script:service
}

Describe 'Connect-MSCommerce -Identity on App Service' {
    BeforeAll {
        $script:appService = @{ IDENTITY_ENDPOINT = $script:identity.identityEndpoint; IDENTITY_HEADER = $script:identity.identityHeader }
    }

    It 'signs in as the system-assigned identity, which may change policies' {
        $run = Invoke-AsAppService -Environment $script:appService

        $run.ExitCode | Should -Be 0 -Because $run.Errors
        $run.Values.method | Should -Be 'ManagedIdentity'
        $run.Values.tenant | Should -Be $DemoData.ContosoTenantId
        [int]$run.Values.products | Should -BeGreaterThan 0
        $run.Values.update | Should -Be 'done'
    }

    It 'signs in as the user-assigned identity named by -ClientId, which may only read' {
        $run = Invoke-AsAppService -ClientId $script:identity.userAssignedClientId -Environment $script:appService

        $run.ExitCode | Should -Be 0 -Because $run.Errors
        [int]$run.Values.products | Should -BeGreaterThan 0
        $run.Values.update | Should -Be 'PermissionDenied'
    }

    It 'is refused an identity not assigned to the resource, as an AuthenticationError' {
        $run = Invoke-AsAppService -ClientId ([guid]::NewGuid().ToString()) -Environment $script:appService

        $run.ExitCode | Should -Be 1
        $run.Values.refused | Should -Match '^AuthenticationError: .*No managed identity with client id'
    }

    It 'is refused with a wrong IDENTITY_HEADER' {
        $run = Invoke-AsAppService -Environment @{ IDENTITY_ENDPOINT = $script:identity.identityEndpoint; IDENTITY_HEADER = 'not-the-header' }

        $run.ExitCode | Should -Be 1
        $run.Values.refused | Should -Match '^AuthenticationError: .*X-IDENTITY-HEADER'
    }
}
