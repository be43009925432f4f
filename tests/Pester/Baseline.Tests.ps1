#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Policy as code: Export-, Test- and Sync-MSCommercePolicyBaseline; mirrors
    tests/MSCommerce.Module.Tests/BaselineTests.cs and BaselineFileValidationTests.cs.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:service = Start-MSCommerceTestSession -TestRoot $PSScriptRoot

    function New-BaselineFile {
        param([string] $DefaultValue = 'Enabled', [hashtable] $Products = @{}, [hashtable] $OfferTypes = @{})

        $path = Join-Path $TestDrive "$([guid]::NewGuid().ToString('N')).json"
        $entries = @{}
        foreach ($id in $Products.Keys) { $entries[$id] = @{ value = $Products[$id] } }
        $offers = @{}
        foreach ($id in $OfferTypes.Keys) { $offers[$id] = @{ value = $OfferTypes[$id] } }
        @{ schemaVersion = 1; policyId = 'AllowSelfServicePurchase'; defaultValue = $DefaultValue; products = $entries; offerTypes = $offers } |
            ConvertTo-Json -Depth 5 | Set-Content -Path $path -Encoding utf8
        $path
    }
}

AfterAll {
    Stop-MSCommerceTestSession -Service $script:service
}

Describe 'A policy baseline' {
    BeforeEach {
        $tenant = Connect-IsolatedTenant -Service $script:service
    }

    It 'round-trips: export, test, drift, sync, test' {
        $path = Join-Path $TestDrive 'tenant.json'

        Export-MSCommercePolicyBaseline -Path $path -Force
        Test-MSCommercePolicyBaseline -Path $path | Should -BeTrue

        $null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled
        Test-MSCommercePolicyBaseline -Path $path | Should -BeFalse

        $changes = @(Sync-MSCommercePolicyBaseline -Path $path -PassThru -Confirm:$false)
        $changes.Count | Should -Be 1
        $changes[0].ProductId | Should -Be 'CFQ7TTC0H9MP'
        $changes[0].PreviousValue | Should -Be 'Disabled'
        $changes[0].NewValue | Should -Be 'Enabled'
        Test-MSCommercePolicyBaseline -Path $path | Should -BeTrue
        @(Sync-MSCommercePolicyBaseline -Path $path -PassThru).Count | Should -Be 0 -Because 'a second run changes nothing'
    }

    It 'names each drift reason' {
        $null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled
        $null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0HD32 -Value Disabled
        $path = New-BaselineFile -Products @{ CFQ7TTC0H9MP = 'Enabled'; CFQ7TTC0ZZZZ = 'Disabled' }

        $drift = Test-MSCommercePolicyBaseline -Path $path -Detailed

        ($drift | Where-Object Id -eq 'CFQ7TTC0H9MP').Reason | Should -Be 'Drifted'
        ($drift | Where-Object Id -eq 'CFQ7TTC0HD32').Reason | Should -Be 'NewProduct'
        ($drift | Where-Object Id -eq 'CFQ7TTC0ZZZZ').Reason | Should -Be 'NotInTenant'
    }

    It 'lists each change with -WhatIf and leaves the audit log untouched' {
        $path = New-BaselineFile -DefaultValue Disabled
        $before = @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path "tenants/$($tenant.Domain)/audit").Count

        Sync-MSCommercePolicyBaseline -Path $path -WhatIf

        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path "tenants/$($tenant.Domain)/audit").Count | Should -Be $before
        Test-MSCommercePolicyBaseline -Path $path | Should -BeFalse
    }

    It 'reports a refused product as an error and changes the others' {
        $path = New-BaselineFile -DefaultValue Disabled
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path 'faults' -Body @{ method = 'PUT'; path = '/v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0H9MP'; status = 404; count = 100 }
        try {
            $errors = $null
            $changes = @(Sync-MSCommercePolicyBaseline -Path $path -PassThru -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue)
        }
        finally {
            $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'faults'
        }

        $errors.Count | Should -Be 1
        $errors[0].TargetObject | Should -Be 'CFQ7TTC0H9MP'
        $errors[0].ToString() | Should -BeLike 'Power BI Pro (CFQ7TTC0H9MP): *'
        $changes.Count | Should -Be 16
    }

    It 'stops at the first refusal of a Global Reader with one error that names the product and the roles that may' {
        $path = New-BaselineFile -DefaultValue Disabled
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path "tenants/$($tenant.Domain)/users" -Body @{ userPrincipalName = "reader@$($tenant.Domain)"; roles = @('GlobalReader') }
        $reader = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName "reader@$($tenant.Domain)" -Tenant $tenant.Domain
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'

        $errors = $null
        Sync-MSCommercePolicyBaseline -Path $path -Connection $reader -ThrottleLimit 1 -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue

        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'AccessDenied*'
        $errors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $errors[0].ToString() | Should -Match '^.+ \(CFQ7TTC0\w+\): .*Billing Administrator.* The sync stopped there: the 16 other change\(s\) were not sent\.$'
        $errors[0].ErrorDetails.RecommendedAction | Should -Match 'Billing Administrator or a Global Administrator'
        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests?method=PUT').Count | Should -Be 1
        (Get-MSCommerceProductPolicies -Connection $reader | Where-Object PolicyValue -eq 'Disabled').Count | Should -Be 0
    }

    It 'refuses to overwrite a file without -Force' {
        $path = Join-Path $TestDrive 'existing.json'
        Set-Content -Path $path -Value 'keep me'

        { Export-MSCommercePolicyBaseline -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'BaselineFileExists*'
        Get-Content -Path $path | Should -Be 'keep me'
    }
}

Describe 'An invalid baseline file' {
    BeforeAll {
        $null = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName 'admin@contoso.onmicrosoft.com'
    }

    It 'is refused before any request when it has <Case>' -ForEach @(
        @{ Case = 'malformed JSON'; Content = "{`n  ""schemaVersion"": 1`n  ""policyId"": ""AllowSelfServicePurchase""`n}"; Message = '*line 3*not valid JSON*' }
        @{ Case = 'an unknown field'; Content = '{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": "Enabled", "extra": 1 }'; Message = "*Unknown property 'extra'*" }
        @{ Case = 'a bad value'; Content = '{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": "disabled" }'; Message = "*Did you mean 'Disabled'?*" }
        @{ Case = 'a value offer types do not take'; Content = '{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": "Enabled", "offerTypes": { "SaaS": { "value": "OnlyTrialsWithoutPaymentMethod" } } }'; Message = '*offer types take*' }
        @{ Case = 'a duplicate product id'; Content = "{ ""schemaVersion"": 1, ""policyId"": ""AllowSelfServicePurchase"", ""defaultValue"": ""Enabled"", ""products"": {`n ""CFQ7TTC0H9MP"": { ""value"": ""Enabled"" },`n ""CFQ7TTC0H9MP"": { ""value"": ""Disabled"" } } }"; Message = '*listed twice (first on line 2)*' }
        @{ Case = 'no content'; Content = ''; Message = '*The file is empty*' }
    ) {
        $path = Join-Path $TestDrive 'invalid.json'
        Set-Content -Path $path -Value $Content -NoNewline
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'

        { Test-MSCommercePolicyBaseline -Path $path -ErrorAction Stop } | Should -Throw -ExpectedMessage $Message -ErrorId 'InvalidBaseline*'
        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests').Count | Should -Be 0
    }
}
