#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Get-MSCommerceSelfServicePurchases against the demo tenant's known purchases; mirrors
    tests/MSCommerce.Module.Tests/PurchaseCmdletTests.cs.
#>

BeforeDiscovery {
    # The demo identities the test cases name ($DemoData).
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:service = Start-MSCommerceTestSession -TestRoot $PSScriptRoot
    $script:admin = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName $DemoData.AdminUpn
}

AfterAll {
    Stop-MSCommerceTestSession -Service $script:service
}

Describe 'Get-MSCommerceSelfServicePurchases' {
    It 'lists the nine purchases and trials of the demo tenant in purchase order' {
        $purchases = @(Get-MSCommerceSelfServicePurchases -Connection $script:admin)

        $purchases.Count | Should -Be 9
        $purchases | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'MSCommerce.SelfServicePurchase' }
        $dates = $purchases.PurchaseDate
        $dates | Should -Be ($dates | Sort-Object)
    }

    It 'selects <Expected> with <Filters>' -ForEach @(
        @{ Filters = @{ Status = 'Active' }; Expected = 3 }
        @{ Filters = @{ Type = 'Trial' }; Expected = 4 }
        @{ Filters = @{ Type = 'Trial'; Status = 'Active' }; Expected = 1 }
        @{ Filters = @{ Purchaser = $DemoData.BobUpn }; Expected = 3 }
        @{ Filters = @{ ProductId = 'CFQ7TTC0H9MP' }; Expected = 1 }
        @{ Filters = @{ ProductId = 'CFQ7TTC0HD32' }; Expected = 0 }
    ) {
        @(Get-MSCommerceSelfServicePurchases -Connection $script:admin @Filters).Count | Should -Be $Expected
    }

    It 'adds the order history and the assigned users when asked' {
        $purchase = Get-MSCommerceSelfServicePurchases -Connection $script:admin -ProductId CFQ7TTC0H9MP -IncludeOrderHistory -IncludeAssignedUsers

        $purchase.OrderHistory.EventType | Should -Contain 'Renewal'
        $purchase.AssignedUsers.UserPrincipalName | Should -Be @($DemoData.AliceUpn, $DemoData.BobUpn)
    }

    It 'exports the order history and the assigned users to CSV as readable text, in any culture' {
        $path = Join-Path $TestDrive 'purchases.csv'
        $culture = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            Get-MSCommerceSelfServicePurchases -Connection $script:admin -ProductId CFQ7TTC0H9MP -IncludeOrderHistory -IncludeAssignedUsers |
                Export-Csv -Path $path
        }
        finally {
            [cultureinfo]::CurrentCulture = $culture
        }

        $row = Import-Csv -Path $path
        $row.AssignedUsers | Should -Be 'alice@contoso.onmicrosoft.com; bob@contoso.onmicrosoft.com'
        $row.OrderHistory | Should -Match '^\d{4}-\d{2}-\d{2} Purchase x\d+ \d+(\.\d+)? [A-Z]{3}(; \d{4}-\d{2}-\d{2} \w+ x\d+ \d+(\.\d+)? [A-Z]{3})+$'
        $row.OrderHistory | Should -Match '; \d{4}-\d{2}-\d{2} Renewal '
        Get-Content -Path $path -Raw | Should -Not -Match 'System\.Collections'
    }

    It 'takes product policies from the pipeline' {
        @(Get-MSCommerceProductPolicies -Connection $script:admin | Get-MSCommerceSelfServicePurchases -Connection $script:admin).Count | Should -Be 9
    }

    It 'stops asking for pages once the pipeline has what it needs' {
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'

        $first = Get-MSCommerceSelfServicePurchases -Connection $script:admin -PageSize 2 | Select-Object -First 3

        $first.Count | Should -Be 3
        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests?method=GET').Count | Should -Be 2
    }

    It 'refuses a user without an admin role, naming the roles that would do' {
        $alice = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName $DemoData.AliceUpn

        { Get-MSCommerceSelfServicePurchases -Connection $alice -ErrorAction Stop } | Should -Throw -ExpectedMessage '*Global Reader*'
    }

    It 'reads Microsoft Graph''s user-owned subscriptions with -Source Graph' {
        $secret = ConvertTo-SecureString $DemoData.AutomationClientSecret -AsPlainText -Force
        $app = Connect-MSCommerce -Endpoint $script:service.BaseAddress -TrustedCertificate $script:service.Certificate -TenantId $DemoData.ContosoDomain `
            -ClientId $DemoData.AutomationClientId -ClientSecret $secret -PassThru

        $purchases = @(Get-MSCommerceSelfServicePurchases -Connection $app -Source Graph)

        $purchases.Count | Should -Be 9
        $purchases | ForEach-Object { $_.Source | Should -Be 'Graph' }
        $purchases | ForEach-Object { $_.ProductId | Should -BeNullOrEmpty }
    }

    It 'refuses -ProductId with -Source Graph before any request' {
        { Get-MSCommerceSelfServicePurchases -Connection $script:admin -Source Graph -ProductId CFQ7TTC0H9MP -ErrorAction Stop } |
            Should -Throw -ErrorId 'FilterNotSupportedByGraph*'
    }
}
