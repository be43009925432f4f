#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The default tables as an admin sees them in an 80-column and a 120-column console: each shows its
    key value in full (PolicyValue, Status, Expected and Actual, whether a change was sent), no line is
    wider than the console, and no column repeats the same value on every row.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:service = Start-MSCommerceTestSession -TestRoot $PSScriptRoot
    $script:tenant = Connect-IsolatedTenant -Service $script:service
    $domain = $script:tenant.Domain

    function Invoke-Admin([string] $Method, [string] $Path, $Body) {
        Invoke-LocalServiceAdmin -Service $script:service -Method $Method -Path $Path -Body $Body
    }

    $null = Invoke-Admin POST "tenants/$domain/users" @{ userPrincipalName = "ann@$domain"; displayName = 'Ann Example' }
    $null = Invoke-Admin POST "tenants/$domain/users" @{ userPrincipalName = "dana@$domain"; displayName = 'Dana Example' }
    $null = Invoke-Admin POST "tenants/$domain/purchases" @{ productId = 'CFQ7TTC0LSGZ'; purchaser = "ann@$domain"; quantity = 250; billingFrequency = 'Annual' }
    $null = Invoke-Admin POST "tenants/$domain/purchases" @{ productId = 'CFQ7TTC0H9MP'; purchaser = "dana@$domain"; quantity = 8; assignedUsers = @("dana@$domain"); status = 'Cancelled' }
    $null = Invoke-Admin POST "tenants/$domain/purchases" @{ productId = 'CFQ7TTC0PW0V'; purchaser = "dana@$domain"; isTrial = $true }
    $null = Invoke-Admin DELETE "tenants/$domain/users/dana@$domain"

    # Viva Goals is the one product that takes the longest value; the baseline then drifts on two products.
    $null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0PW0V -Value OnlyTrialsWithoutPaymentMethod -Confirm:$false
    $script:baseline = Join-Path ([IO.Path]::GetTempPath()) "rendering-$([guid]::NewGuid().ToString('N')).json"
    Export-MSCommercePolicyBaseline -Path $script:baseline
    $null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0PW0V -Value Enabled -Confirm:$false
    $null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled -Confirm:$false

    function Get-Rendered([object[]] $InputObject, [int] $Width) {
        # What the console shows at that width: Out-Host formats through the same views as Out-String.
        @(($InputObject | Out-String -Width $Width) -split '\r?\n' | ForEach-Object TrimEnd | Where-Object { $_ })
    }

    function Get-Row([string[]] $Lines, [string] $Pattern) {
        # The one row that matches, so that a failure shows the rows there were.
        $rows = @($Lines -match $Pattern)
        $rows.Count | Should -Be 1 -Because "one row should match '$Pattern' in:`n$($Lines -join "`n")"
        $rows[0]
    }

    function Get-Header([string[]] $Lines) {
        $index = [array]::FindIndex($Lines, [Predicate[string]] { param($line) $line -match '^-+( +-+)*$' })
        $index | Should -BeGreaterThan 0 -Because 'a table has a header line and a dashed line under it'
        $Lines[$index - 1]
    }
}

AfterAll {
    Remove-Item $script:baseline -ErrorAction SilentlyContinue
    Stop-MSCommerceTestSession -Service $script:service
}

Describe 'The default tables at <Width> columns' -ForEach @(
    @{ Width = 80 }
    @{ Width = 120 }
) {
    It 'Get-MSCommerceProductPolicies shows every PolicyValue in full, without PolicyId' {
        $lines = Get-Rendered -InputObject (Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase) -Width $Width

        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual $Width -Because $_ }
        Get-Header $lines | Should -Match '^ProductName\s+ProductId\s+PolicyValue$'
        $lines | Should -Contain ('{0,-36} {1} {2}' -f 'Power BI Pro', 'CFQ7TTC0H9MP', 'Disabled')
        $lines | Should -Contain ('{0,-36} {1} {2}' -f ('Viva Goals (self-service trials only)'.Substring(0, 35) + '…'), 'CFQ7TTC0PW0V', 'Enabled')
    }

    It 'Get-MSCommerceProductPolicies -Scope OfferType shows each offer type''s value and name' {
        $lines = Get-Rendered -InputObject (Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase -Scope OfferType) -Width $Width

        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual $Width -Because $_ }
        Get-Header $lines | Should -Match '^ScopeId\s+PolicyValue\s+ScopeValue$'
        $lines | Should -Contain ('{0,-16} {1,-12} {2}' -f 'SaaS', 'Enabled', 'Software as a Service')
    }

    It 'Get-MSCommerceSelfServicePurchases shows Status, Type, licences and expiry of every purchase' {
        $lines = Get-Rendered -InputObject (Get-MSCommerceSelfServicePurchases) -Width $Width

        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual $Width -Because $_ }
        Get-Header $lines | Should -Match '^ProductName\s+Status\s+Type\s+Licences\s+Expires\s+Purchaser$'
        Get-Row $lines '^Power Automate RPA +Active +Purchase +0 of 250 \d{4}-\d{2}-\d{2} ann@' | Should -Not -BeNullOrEmpty
        Get-Row $lines '^Power BI Pro +Cancelled +Purchase +1 of 8 \d{4}-\d{2}-\d{2} \(left\) dana@' | Should -Not -BeNullOrEmpty
        Get-Row $lines '^Viva Goals \(self-serv… +Active +Trial +' | Should -Not -BeNullOrEmpty
    }

    It 'Test-MSCommercePolicyBaseline -Detailed shows Expected and Actual in full' {
        $lines = Get-Rendered -InputObject (Test-MSCommercePolicyBaseline -Path $script:baseline -Detailed) -Width $Width

        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual $Width -Because $_ }
        Get-Header $lines | Should -Match '^Expected\s+Actual\s+Product$'
        Get-Row $lines '^OnlyTrialsWithoutPaymentMethod Enabled +Viva Goals' | Should -Not -BeNullOrEmpty
        Get-Row $lines '^Enabled +Disabled +Power BI Pro' | Should -Not -BeNullOrEmpty
        if ($Width -ge 120) {
            $lines | Should -Contain ('{0,-30} {1,-30} {2}' -f 'Enabled', 'Disabled', 'Power BI Pro (CFQ7TTC0H9MP)')
        }
    }

    It 'Sync-MSCommercePolicyBaseline -WhatIf:$false -PassThru shows each change sent, from and to' {
        $changes = Sync-MSCommercePolicyBaseline -Path $script:baseline -Confirm:$false -PassThru
        try {
            $lines = Get-Rendered -InputObject $changes -Width $Width

            $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual $Width -Because $_ }
            Get-Header $lines | Should -Match '^Sent\s+PreviousValue\s+NewValue\s+Product$'
            Get-Row $lines '^yes +Enabled +OnlyTrialsWithoutPaymentMethod Viva Goals' | Should -Not -BeNullOrEmpty
            Get-Row $lines '^yes +Disabled +Enabled +Power BI Pro' | Should -Not -BeNullOrEmpty
        }
        finally {
            $null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0PW0V -Value Enabled -Confirm:$false
            $null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled -Confirm:$false
        }
    }
}
