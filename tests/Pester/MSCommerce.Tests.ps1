#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Pester 5 suite for contributors with pwsh. It covers what the xunit suite in
    tests/MSCommerce.Module.Tests covers, against the built module in out/MSCommerce and the local
    commerce service started as its own process on a free loopback port.
    Run it with ./build.ps1 -Task Test, after ./build.ps1 -Task Build.
#>

BeforeAll {
    $repositoryRoot = Resolve-Path (Join-Path $PSScriptRoot '..' '..')
    $manifestPath = Join-Path $repositoryRoot 'out' 'MSCommerce' 'MSCommerce.psd1'
    . (Join-Path $PSScriptRoot 'LocalService.ps1')

    $script:service = Start-LocalCommerceService -RepositoryRoot $repositoryRoot
    Import-Module $manifestPath -Force
}

AfterAll {
    Remove-Module MSCommerce -ErrorAction SilentlyContinue
    if ($script:service) { Stop-LocalCommerceService -Service $script:service }
}

Describe 'The MSCommerce module' {
    It 'exports <_>' -ForEach @(
        'Connect-MSCommerce', 'Disconnect-MSCommerce', 'Get-MSCommerceConnection', 'Get-MSCommercePolicies', 'Get-MSCommercePolicy',
        'Get-MSCommerceProductPolicies', 'Get-MSCommerceProductPolicy', 'Update-MSCommerceProductPolicy', 'Get-MSCommerceSelfServicePurchases',
        'Export-MSCommercePolicyBaseline', 'Test-MSCommercePolicyBaseline', 'Sync-MSCommercePolicyBaseline'
    ) {
        (Get-Module MSCommerce).ExportedCmdlets.Keys | Should -Contain $_
    }

    It 'exports no functions, aliases or variables' {
        $module = Get-Module MSCommerce
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
        $module.ExportedVariables.Count | Should -Be 0
    }
}

Describe 'Get-MSCommerceProductPolicies' {
    Context 'before Connect-MSCommerce' {
        BeforeAll {
            # A fresh runspace has no connection: that is the original's terminating error.
            $script:unconnected = [powershell]::Create()
            $null = $script:unconnected.AddScript("Import-Module '$manifestPath'; Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase")
        }
        AfterAll { $script:unconnected.Dispose() }

        It 'stops with the message of the original module' {
            { $script:unconnected.Invoke() } | Should -Throw -ExpectedMessage 'You must call the Connect-MSCommerce cmdlet before calling any other cmdlets.'
        }
    }

    Context 'connected to the local commerce service' {
        BeforeAll {
            Connect-LocalCommerceService -Service $script:service
            $script:policies = @(Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase)
        }

        It 'returns one MSCommerce.ProductPolicy per product' {
            $script:policies.Count | Should -Be 17
            $script:policies | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'MSCommerce.ProductPolicy' }
        }

        It 'sorts the products by ProductId' {
            $ids = $script:policies.ProductId
            $ids | Should -Be ([string[]]($ids | Sort-Object -CaseSensitive)) -Because 'the original lists products by id'
        }

        It 'reports <Name> (<Id>) as Enabled by default' -ForEach @(
            @{ Name = 'Power BI Pro'; Id = 'CFQ7TTC0H9MP' }
            @{ Name = 'Visio Plan 1'; Id = 'CFQ7TTC0HD33' }
        ) {
            $policy = $script:policies | Where-Object ProductId -eq $Id
            $policy.ProductName | Should -Be $Name
            $policy.PolicyValue | Should -Be 'Enabled'
        }

        It 'shows the columns ProductName, ProductId, PolicyId, PolicyValue in that order' {
            $header = ($script:policies | Format-Table | Out-String -Width 120) -split "`n" |
                Where-Object { $_ -match '^ProductName' } | Select-Object -First 1
            $header | Should -Match '^ProductName\s+ProductId\s+PolicyId\s+PolicyValue\s*$'
        }
    }
}
