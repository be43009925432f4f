#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Pester 5 suite for contributors with pwsh. It covers what the xunit suite in
    tests/MSCommerce.Module.Tests covers, against the built module in out/SelfServicePurchase and the local
    commerce service started as its own process on a free loopback port.
    `dotnet test MSCommerce.sln -c Release` runs it in pwsh 7.6.9 with Pester 5.9.1; after a build,
    Invoke-Pester ./tests/Pester runs it in any pwsh with Pester 5.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:service = Start-MSCommerceTestSession -TestRoot $PSScriptRoot
    $script:catalogSize = Get-LocalCatalogSize -Service $script:service
}

AfterAll {
    Stop-MSCommerceTestSession -Service $script:service
}

Describe 'The MSCommerce module' {
    It 'exports <_>' -ForEach @(
        'Connect-MSCommerce', 'Disconnect-MSCommerce', 'Get-MSCommerceConnection', 'Get-MSCommercePolicies', 'Get-MSCommercePolicy',
        'Get-MSCommerceProductPolicies', 'Get-MSCommerceProductPolicy', 'Update-MSCommerceProductPolicy', 'Get-MSCommerceSelfServicePurchases', 'Get-MSCommercePartnerCustomer',
        'Export-MSCommercePolicyBaseline', 'Test-MSCommercePolicyBaseline', 'Sync-MSCommercePolicyBaseline'
    ) {
        (Get-Module SelfServicePurchase).ExportedCmdlets.Keys | Should -Contain $_
    }

    It 'exports no functions, aliases or variables' {
        $module = Get-Module SelfServicePurchase
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
        $module.ExportedVariables.Count | Should -Be 0
    }
}

Describe 'Get-MSCommerceProductPolicies' {
    Context 'before Connect-MSCommerce' {
        # Whatever ran before this file, the module was imported afresh: the session is signed out.
        It 'stops with the message of the original module' {
            { Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase } |
                Should -Throw -ExpectedMessage 'You must call the Connect-MSCommerce cmdlet before calling any other cmdlets.' -ErrorId 'NotConnected*'
        }
    }

    Context 'connected to the local commerce service' {
        BeforeAll {
            Connect-LocalCommerceService -Service $script:service
            $script:policies = @(Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase)
        }

        It 'returns one MSCommerce.ProductPolicy per product' {
            $script:policies.Count | Should -Be $script:catalogSize
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

        It 'shows the columns ProductName, ProductId, PolicyValue in that order (PolicyId is the same on every row)' {
            $header = ($script:policies | Format-Table | Out-String -Width 120) -split "`n" |
                Where-Object { $_ -match '^ProductName' } | Select-Object -First 1
            $header | Should -Match '^ProductName\s+ProductId\s+PolicyValue\s*$'
        }
    }
}

Describe 'Remove-Module SelfServicePurchase' {
    It 'forgets the default connection, so that the module imported again starts signed out' {
        $manifest = Get-MSCommerceManifestPath -TestRoot $PSScriptRoot
        Connect-LocalCommerceService -Service $script:service
        Get-MSCommerceConnection | Should -Not -BeNullOrEmpty

        Remove-Module SelfServicePurchase
        Import-Module $manifest -Global

        Get-MSCommerceConnection | Should -BeNullOrEmpty
        { Get-MSCommercePolicies } | Should -Throw -ErrorId 'NotConnected*'
    }
}
