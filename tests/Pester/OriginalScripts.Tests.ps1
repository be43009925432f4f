#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Scripts written for Microsoft's MSCommerce module, as its documentation publishes them, run
    unchanged: the where/-Enabled pattern, the forEach loop that disables everything, -Value strings,
    a token from elsewhere through -Token, and the original's handling of a malformed -Enabled.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:service = Start-MSCommerceTestSession -TestRoot $PSScriptRoot
    $script:catalogSize = Get-LocalCatalogSize -Service $script:service
}

AfterAll {
    Stop-MSCommerceTestSession -Service $script:service
}

Describe 'A script written for the original module' {
    BeforeEach {
        $tenant = Connect-IsolatedTenant -Service $script:service
    }

    It 'finds a product by name with where and disables it with -Enabled $false and $product.ProductID' {
        $product = Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase | where {$_.ProductName -match 'Power Automate per user'}
        Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId $product.ProductID -Enabled $false

        (Get-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0LH3L).PolicyValue | Should -Be 'Disabled'
        @(Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase | where {$_.PolicyValue -eq 'Disabled'}).Count | Should -Be 1
    }

    It 'disables every product with the documented forEach loop' {
        $products = Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase
        forEach ($product in $products) {
            if ($product.PolicyValue -eq 'Enabled') {
                Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId $product.ProductID -Enabled $false
            }
        }

        @(Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase | where {$_.PolicyValue -ne 'Disabled'}).Count | Should -Be 0
    }

    It 'sets -Value "<Value>" on <ProductId>' -ForEach @(
        @{ ProductId = 'CFQ7TTC0H9MP'; Value = 'Disabled' }
        @{ ProductId = 'CFQ7TTC0HDB1'; Value = 'OnlyTrialsWithoutPaymentMethod' }
        @{ ProductId = 'CFQ7TTC0H9MP'; Value = 'Enabled' }
    ) {
        $updated = Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId $ProductId -Value "$Value"

        $updated.PolicyValue | Should -Be $Value
        (Get-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId $ProductId).PolicyValue | Should -Be $Value
    }

    It 'goes on after a malformed -Enabled with the original''s message when run with -ErrorAction SilentlyContinue' {
        $Error.Clear()
        $reached = @()
        'CFQ7TTC0H9MP', 'CFQ7TTC0HD33' | forEach {
            Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId $_ -Enabled 'Yes' -ErrorAction SilentlyContinue
            $reached += $_
        }

        $reached | Should -Be @('CFQ7TTC0H9MP', 'CFQ7TTC0HD33')
        $Error.Count | Should -Be 2
        $Error[0].Exception.Message | Should -Be 'Value of $Enabled must be one of the following: $True, $true, $False, $false'
        $Error[0].FullyQualifiedErrorId | Should -BeLike 'InvalidEnabledValue,*'
        @(Get-MSCommerceProductPolicies | where {$_.PolicyValue -ne 'Enabled'}).Count | Should -Be 0 -Because 'nothing was sent'
    }

    It 'says the offer type was updated, in the offer type''s words' {
        $said = Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -OfferType SaaS -Enabled $false -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message

        $said | Should -Contain 'Update policy offer type success'
        $said | Should -Not -Contain 'Update policy product success'
        (Get-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -OfferType SaaS).PolicyValue | Should -Be 'Disabled'
    }
}

Describe 'A token obtained elsewhere, passed with -Token' {
    BeforeAll {
        $script:tenant = New-IsolatedTenant -Service $script:service
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path "tenants/$($script:tenant.Domain)/users" -Body @{ userPrincipalName = "reader@$($script:tenant.Domain)"; roles = @('GlobalReader') }
        # The session is signed in as a Global Reader; the token belongs to the tenant's Global Administrator.
        $null = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName "reader@$($script:tenant.Domain)" -Tenant $script:tenant.Domain
        $script:token = Get-LocalServiceToken -Service $script:service -UserPrincipalName $script:tenant.AdminUpn -Tenant $script:tenant.Domain
    }

    It 'reads with the token' {
        @(Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase -Token $script:token).Count | Should -Be $script:catalogSize
    }

    It 'changes what the session''s own sign-in may not' {
        $errors = $null
        Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0H9MP -Enabled $false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'

        $updated = Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0H9MP -Enabled $false -Token $script:token

        $updated.PolicyValue | Should -Be 'Disabled'
    }

    It 'runs the original''s token loop over every product' {
        Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase -Token $script:token | forEach {
            Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId $_.ProductId -Enabled $false -Token $script:token
        }

        @(Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase | where {$_.PolicyValue -ne 'Disabled'}).Count | Should -Be 0
    }
}
