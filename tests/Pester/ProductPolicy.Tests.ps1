#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Update-MSCommerceProductPolicy and the read cmdlets as an admin at a console uses them; mirrors
    tests/MSCommerce.Module.Tests/PolicyCmdletTests.cs.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:service = Start-MSCommerceTestSession -TestRoot $PSScriptRoot
}

AfterAll {
    Stop-MSCommerceTestSession -Service $script:service
}

Describe 'Update-MSCommerceProductPolicy' {
    BeforeEach {
        $tenant = Connect-IsolatedTenant -Service $script:service
    }

    It 'takes -Enabled <Enabled> as the original does and sets <Expected>' -ForEach @(
        @{ Enabled = $false; Expected = 'Disabled' }
        @{ Enabled = 'False'; Expected = 'Disabled' }
        @{ Enabled = $true; Expected = 'Enabled' }
    ) {
        if ($Expected -eq 'Enabled') { $null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled }

        $updated = Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0H9MP -Enabled $Enabled

        $updated.PolicyValue | Should -Be $Expected
        (Get-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0H9MP).PolicyValue | Should -Be $Expected
    }

    It 'refuses -Enabled Maybe with the message of the original module' {
        { Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Enabled Maybe -ErrorAction Stop } |
            Should -Throw -ExpectedMessage 'Value of $Enabled must be one of the following: $True, $true, $False, $false'
    }

    It 'sends nothing with -WhatIf' {
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'

        Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled -WhatIf

        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests?method=PUT').Count | Should -Be 0
        (Get-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP).PolicyValue | Should -Be 'Enabled'
    }

    It 'blocks every product through the pipeline' {
        Get-MSCommerceProductPolicies | Where-Object PolicyValue -eq Enabled | Update-MSCommerceProductPolicy -Value Disabled

        Get-MSCommerceProductPolicies | ForEach-Object { $_.PolicyValue | Should -Be 'Disabled' }
    }

    It 'reads no product again when the piped policy already carries its value' {
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'

        $updated = @(Get-MSCommerceProductPolicies | Where-Object PolicyValue -eq Enabled | Update-MSCommerceProductPolicy -Value Disabled)

        $updated.Count | Should -BeGreaterThan 3
        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests?method=GET').Count | Should -Be 1
        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests?method=PUT').Count | Should -Be $updated.Count
    }

    It 'runs the published script of the original module unchanged' {
        Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase |
            ForEach-Object { Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId $_.ProductId -Enabled $false }

        @(Get-MSCommerceProductPolicies | Where-Object PolicyValue -ne Disabled).Count | Should -Be 0
    }

    It 'reports an unknown product as ObjectNotFound with the correlation id, and goes on with the others' {
        $errors = $null
        $results = 'CFQ7TTC0ZZZZ', 'CFQ7TTC0H9MP' | ForEach-Object { [pscustomobject]@{ ProductId = $_ } } |
            Update-MSCommerceProductPolicy -Value Disabled -ErrorVariable errors -ErrorAction SilentlyContinue

        $errors.Count | Should -Be 1
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ProductPolicyNotFound,*'
        $errors[0].Exception.Message | Should -Match 'Correlation id:'
        $results.ProductId | Should -Be 'CFQ7TTC0H9MP'
    }

    It 'refuses OnlyTrialsWithoutPaymentMethod for an offer type before any request' {
        { Update-MSCommerceProductPolicy -OfferType SaaS -Value OnlyTrialsWithoutPaymentMethod -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*Offer types take Enabled or Disabled*'
    }
}

Describe 'Permissions' {
    It 'refuses a Global Reader''s change as PermissionDenied naming the roles that would do' {
        $null = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName $DemoData.GlobalReaderUpn

        $errors = $null
        Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled -ErrorVariable errors -ErrorAction SilentlyContinue

        $errors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $errors[0].Exception.Message | Should -Match 'Billing Administrator'
    }
}
