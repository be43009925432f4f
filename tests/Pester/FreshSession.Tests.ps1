#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The module as a user meets it: imported into a new pwsh process (no profile, nothing loaded
    before it), one cmdlet of each family run against the local commerce service. Any assembly that
    cannot load fails the test, whichever cmdlet first needs it.
    What pwsh's own console host decides is checked here too, as the hosted engine cannot show it:
    the -WhatIf line it prints, and a confirmation it cannot ask in -NonInteractive (the rest of
    changing purchases is tested in tests/MSCommerce.Module.Tests/PurchaseManagementCmdletTests.cs).
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:service = Start-LocalCommerceService -RepositoryRoot (Resolve-Path (Join-Path $PSScriptRoot '..' '..'))
    $script:catalogSize = Get-LocalCatalogSize -Service $script:service
    $script:manifest = Get-MSCommerceManifestPath -TestRoot $PSScriptRoot

    $script:run = Invoke-FreshPwsh -ArgumentList $script:manifest, $script:service.BaseAddress, "$($script:service.Folder)/commerce.db.cer" -Script @'
param($Manifest, $Endpoint, $CertificatePath)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$seen = [ordered]@{}
try { Get-MSCommercePolicies } catch { $seen.NotConnected = $_.FullyQualifiedErrorId }

$certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($CertificatePath)
$secret = ConvertTo-SecureString 'contoso-demo-secret' -AsPlainText -Force
Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $certificate -TenantId contoso.onmicrosoft.com -ClientId 22222222-2222-2222-2222-222222222222 -ClientSecret $secret
$seen.Connection = (Get-MSCommerceConnection).AuthMethod
$seen.Policies = @(Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase).Count
$baseline = Join-Path ([System.IO.Path]::GetTempPath()) "fresh-$PID.json"
Export-MSCommercePolicyBaseline -Path $baseline -Force
$seen.BaselineInSync = Test-MSCommercePolicyBaseline -Path $baseline
Remove-Item $baseline
$seen.Purchases = @(Get-MSCommerceSelfServicePurchases).Count
Get-MSCommerceSelfServicePurchases -PurchaserState Deleted -Status Active | Disable-MSCommerceSelfServicePurchase -WhatIf
$seen.StillBilling = @(Get-MSCommerceSelfServicePurchases -PurchaserState Deleted -Status Active).Count
# Set asks first (it changes what the tenant is billed); this pwsh is -NonInteractive, so it cannot.
try { Get-MSCommerceSelfServicePurchases -ProductId CFQ7TTC0H9MP | Set-MSCommerceSelfServicePurchase -Quantity 9 } catch { $seen.NotAsked = $_.Exception.Message }
$seen.PowerBiQuantity = (Get-MSCommerceSelfServicePurchases -ProductId CFQ7TTC0H9MP).Quantity
Disconnect-MSCommerce
$seen.Disconnected = $null -eq (Get-MSCommerceConnection)
$seen | ConvertTo-Json -Compress
'@
    # Connect-MSCommerce prints its greeting first; the script's findings are its last line.
    $script:seen = ($script:run.Output.Trim() -split "`n")[-1] | ConvertFrom-Json
}

AfterAll {
    if ($script:service) { Stop-LocalCommerceService -Service $script:service }
}

Describe 'The module in a new pwsh process' {
    It 'runs every family without an error, and loads every assembly it needs' {
        $script:run.Errors | Should -Not -Match 'Could not load file or assembly'
        $script:run.Output | Should -Not -Match 'Could not load file or assembly'
        $script:run.Errors | Should -BeNullOrEmpty
        $script:run.ExitCode | Should -Be 0
    }

    It 'stops a data cmdlet before Connect-MSCommerce as NotConnected' {
        $script:seen.NotConnected | Should -BeLike 'NotConnected,*'
    }

    It 'signs in and shows the connection' {
        $script:seen.Connection | Should -Be 'ClientSecret'
        $script:seen.Disconnected | Should -BeTrue
    }

    It 'lists the product policies' {
        $script:seen.Policies | Should -Be $script:catalogSize
    }

    It 'exports a baseline that the tenant then matches' {
        $script:seen.BaselineInSync | Should -BeTrue
    }

    It 'lists the demo tenant''s self-service purchases' {
        $script:seen.Purchases | Should -Be 9
    }

    It 'shows what -WhatIf would cancel on the console, the purchase named as a person knows it, and cancels nothing' {
        $script:run.Output | Should -Match 'What if: Performing the operation "Cancel the self-service purchase" on target "Power Automate per user × 3, bought by Dana Example \(left\), renews \d{4}-\d{2}-\d{2}"'
        $script:seen.StillBilling | Should -Be 1
    }

    It 'fails a change that asks first in -NonInteractive pwsh instead of making it' {
        $script:seen.NotAsked | Should -BeLike '*NonInteractive*'
        $script:seen.PowerBiQuantity | Should -Be 8
    }
}
