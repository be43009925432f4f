#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    A partner signed in once (partner@fabrikam, device code) working through its customers in real pwsh:
    20 seeded customers besides Contoso, one whose relationship lacks every role, one whose relationship
    has ended, one whose calls fail with 503 for a while, one that has drifted. (Ctrl+C during a fleet
    command is tested in tests/MSCommerce.Module.Tests/PartnerFleetTests.cs, in the engine users run.)
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:service = Start-LocalCommerceService -RepositoryRoot (Resolve-Path (Join-Path $PSScriptRoot '..' '..')) -ExtraArguments '--seed-customers', '20'
    Import-Module (Get-MSCommerceManifestPath -TestRoot $PSScriptRoot) -Force -Global
    $script:common = @{ Endpoint = $script:service.BaseAddress; TrustedCertificate = $script:service.Certificate }

    function script:Customer([int] $Number) { 'customer{0:D4}.onmicrosoft.com' -f $Number }
    function script:CustomerId([int] $Number) { '77777777-0000-0000-0000-{0:D12}' -f $Number }

    # The partner signs in once, as a person, with a device code approved through the test controls.
    $runspace = [powershell]::Create()
    $runspace.Runspace = [runspacefactory]::CreateRunspace()
    $runspace.Runspace.Open()
    try {
        $null = $runspace.AddScript('param($Manifest, $Common, $Tenant) Import-Module $Manifest; Connect-MSCommerce @Common -TenantId $Tenant -UseDeviceCode -ContextScope Process -PassThru').
            AddParameter('Manifest', (Get-MSCommerceManifestPath -TestRoot $PSScriptRoot)).AddParameter('Common', $script:common).AddParameter('Tenant', $DemoData.FabrikamDomain)
        $running = $runspace.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ($runspace.Streams.Warning.Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        $message = $runspace.Streams.Warning[0].Message
        if ($message -notmatch 'enter the code (\w+) to authenticate') { throw "No device code was shown: $message" }
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path "device-codes/$($Matches[1])/approve" -Body @{ userPrincipalName = $DemoData.PartnerUpn }
        if (-not $running.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(60))) { throw 'The device-code sign-in did not end within 60 s.' }
        $script:partner = @($runspace.EndInvoke($running))[0]
    }
    finally {
        $runspace.Dispose()
    }

    # Customer 5's relationship lacks every role, customer 7's has ended, customer 3 has drifted.
    $null = Invoke-LocalServiceAdmin -Service $script:service -Method PUT -Path "tenants/$(Customer 5)/delegations/$($DemoData.FabrikamDomain)" -Body @{ userPrincipalName = $DemoData.PartnerUpn; roles = @() }
    $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path "tenants/$(Customer 7)/delegations/$($DemoData.FabrikamDomain)"
    $admin3 = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName "admin@$(Customer 3)" -Tenant (Customer 3)
    $null = Update-MSCommerceProductPolicy -Connection $admin3 -ProductId CFQ7TTC0H9MP -Value Disabled

    $script:baseline = Join-Path $script:service.Folder 'baseline.json'
    @{ schemaVersion = 1; policyId = 'AllowSelfServicePurchase'; defaultValue = 'Enabled' } | ConvertTo-Json | Set-Content -Path $script:baseline -Encoding utf8
}

AfterAll {
    Stop-LocalCommerceService -Service $script:service
}

Describe 'Get-MSCommercePartnerCustomer' {
    It 'lists Contoso and the 20 customers with the roles granted and what they allow' {
        $customers = Get-MSCommercePartnerCustomer -Connection $script:partner

        $customers.Count | Should -Be 21
        $customers[0].PSObject.TypeNames | Should -Contain 'MSCommerce.PartnerCustomer'
        $five = $customers | Where-Object TenantId -eq (CustomerId 5)
        $five.TenantName | Should -Be 'Customer 5'
        $five.Roles | Should -BeNullOrEmpty
        $five.CanReadPolicy | Should -BeFalse
        $seven = $customers | Where-Object TenantId -eq (CustomerId 7)
        $seven.RelationshipStatus | Should -Be 'expired'
        $seven.CanChangePolicy | Should -BeFalse
        $one = $customers | Where-Object TenantId -eq (CustomerId 1)
        $one.Roles | Should -Be @('Billing Administrator')
        $one.CanChangePolicy | Should -BeTrue
        (Get-MSCommercePartnerCustomer -Connection $script:partner -Name 'Customer 1?').TenantName | Should -Be @('Customer 10', 'Customer 11', 'Customer 12', 'Customer 13', 'Customer 14', 'Customer 15', 'Customer 16', 'Customer 17', 'Customer 18', 'Customer 19')
    }
}

Describe 'Test-MSCommercePolicyBaseline over the partner''s customers' {
    BeforeAll {
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'
        # Customer 9's calls fail with 503 three times, then answer: the fleet retries it.
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path 'faults' -Body @{ status = 503; count = 3; retryAfterSeconds = 1; tenant = (Customer 9) }
        $script:report = Join-Path $script:service.Folder 'fleet.json'
        $script:results = @(Get-MSCommercePartnerCustomer -Connection $script:partner |
                Test-MSCommercePolicyBaseline -Connection $script:partner -Path $script:baseline -ReportPath $script:report -ErrorVariable fleetErrors -ErrorAction SilentlyContinue -InformationVariable information -InformationAction SilentlyContinue)
        $script:errors = @($fleetErrors)
        $script:summary = ($information | Where-Object { $_.Tags -contains 'MSCommerce.FleetSummary' }).MessageData
    }

    It 'writes one result per customer, each with its tenant id and name' {
        $script:results.Count | Should -Be 21
        $script:results[0].PSObject.TypeNames | Should -Contain 'MSCommerce.TenantBaselineResult'
        ($script:results.TenantId | Sort-Object -Unique).Count | Should -Be 21
        ($script:results | Where-Object TenantId -eq (CustomerId 3)).TenantName | Should -Be 'Customer 3'
        ($script:results | Where-Object TenantId -eq (CustomerId 3)).Status | Should -Be 'Drifted'
        ($script:results | Where-Object TenantId -eq (CustomerId 3)).Drift.Id | Should -Be 'CFQ7TTC0H9MP'
    }

    It 'names the customer lacking the role and the one whose relationship ended, one error each' {
        $script:errors.Count | Should -Be 2
        $role = $script:errors | Where-Object { $_.TargetObject -eq (CustomerId 5) }
        $role.FullyQualifiedErrorId | Should -BeLike 'TenantRoleMissing,*' -Because "customer 5's relationship grants no role (the error said: $($role.Exception.Message))"
        $role.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $role.ErrorDetails.Message | Should -BeLike 'Customer 5 (*): the role to read the policy is missing: it needs Global Reader, Billing Administrator or Global Administrator. The relationship grants no role.*'
        $role.ErrorDetails.RecommendedAction | Should -BeLike '*Billing Administrator*'
        $ended = $script:errors | Where-Object { $_.TargetObject -eq (CustomerId 7) }
        $ended.FullyQualifiedErrorId | Should -BeLike 'TenantRelationshipExpired,*' -Because "customer 7's relationship has ended (the error said: $($ended.Exception.Message), from $($ended.Exception.InnerException.GetType().Name))"
        $ended.ErrorDetails.Message | Should -BeLike 'Customer 7 (*): the partner''s delegated-admin relationship with this customer is expired*'
        ($script:results | Where-Object Status -eq 'Failed').TenantName | Sort-Object | Should -Be @('Customer 5', 'Customer 7')
    }

    It 'retries the customer whose calls failed with 503 for a while, and finds it compliant' {
        ($script:results | Where-Object TenantId -eq (CustomerId 9)).Status | Should -Be 'Compliant'
        $calls = @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests' | Where-Object tenantId -eq (CustomerId 9))
        @($calls | Where-Object status -eq 503).Count | Should -Be 3
        @($calls | Where-Object status -eq 200).Count | Should -Be 2
    }

    It 'ends with a summary whose counts add up' {
        $script:summary.Tenants | Should -Be 21
        $script:summary.Compliant | Should -Be 18
        $script:summary.Drifted | Should -Be 1
        $script:summary.Failed | Should -Be 2
        $script:summary.Compliant + $script:summary.Drifted + $script:summary.Failed | Should -Be $script:summary.Tenants
        "$($script:summary)" | Should -BeLike '21 tenant(s) checked in * s: 18 compliant, 1 drifted, 2 failed.'
    }

    It 'writes the JSON report: every tenant with its status, and the summary' {
        $json = Get-Content -Path $script:report -Raw | ConvertFrom-Json
        $json.summary.tenants | Should -Be 21
        $json.summary.failed | Should -Be 2
        $json.tenants.Count | Should -Be 21
        ($json.tenants | Where-Object tenantId -eq (CustomerId 5)).error.id | Should -Be 'TenantRoleMissing'
        ($json.tenants | Where-Object tenantId -eq (CustomerId 3)).drift[0].id | Should -Be 'CFQ7TTC0H9MP'
    }

    It 'writes a JUnit report with one suite per tenant, a failure per difference and an error per failed tenant' {
        $junit = Join-Path $script:service.Folder 'fleet.xml'
        $null = Test-MSCommercePolicyBaseline -Connection $script:partner -Path $script:baseline -TenantId (CustomerId 3), (CustomerId 5), (CustomerId 1) -ReportPath $junit -ReportFormat JUnit -ErrorAction SilentlyContinue -InformationAction SilentlyContinue

        [xml] $xml = Get-Content -Path $junit -Raw
        $suites = @($xml.testsuites.testsuite)
        $suites.Count | Should -Be 3
        ($suites | Where-Object id -eq (CustomerId 3)).testcase.failure.message | Should -Be 'Expected Enabled, the tenant has Disabled.'
        ($suites | Where-Object id -eq (CustomerId 5)).testcase.error.type | Should -Be 'TenantRoleMissing'
        ($suites | Where-Object id -eq (CustomerId 1)).failures | Should -Be '0'
        $xml.testsuites.errors | Should -Be '1'
    }

    It 'refuses -Token with -TenantId before any request' {
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'
        { Test-MSCommercePolicyBaseline -Connection $script:partner -Path $script:baseline -TenantId (Customer 1) -Token 'eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.' -ErrorAction Stop } |
            Should -Throw -ErrorId 'TokenWithTenantId,*'
        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests').Count | Should -Be 0
    }

    It 'writes a Markdown report when -ReportPath ends in .md: a row per tenant and a row per difference, as in the report of one tenant' {
        $markdown = Join-Path $script:service.Folder 'fleet.md'
        $null = Test-MSCommercePolicyBaseline -Connection $script:partner -Path $script:baseline -TenantId (CustomerId 3), (CustomerId 5), (CustomerId 1) -ReportPath $markdown -ErrorAction SilentlyContinue -InformationAction SilentlyContinue

        $html = (Get-Content -Path $markdown -Raw | ConvertFrom-Markdown).Html
        $html | Should -Match '<h2[^>]*>Self-service purchase policy: 3 tenant\(s\), 1 compliant, 1 drifted, 1 failed</h2>'
        $rows = [regex]::Matches($html, '<tr>\s*((?:<td>.*?</td>\s*)+)</tr>', 'Singleline') | ForEach-Object { , @([regex]::Matches($_.Groups[1].Value, '<td>(.*?)</td>') | ForEach-Object { $_.Groups[1].Value }) }
        $tenants = @($rows | Where-Object { $_.Count -eq 6 })
        $tenants.Count | Should -Be 3
        ($tenants | Where-Object { $_[1] -eq (CustomerId 5) })[2] | Should -Be 'Failed'
        ($tenants | Where-Object { $_[1] -eq (CustomerId 5) })[5] | Should -BeLike 'TenantRoleMissing: Customer 5 (*): the role to read the policy is missing*'
        $drift = @($rows | Where-Object { $_.Count -eq 7 })
        $drift.Count | Should -Be 1
        $drift[0] -join ',' | Should -Be 'Customer 3,NewProduct,Product,Power BI Pro,CFQ7TTC0H9MP,Enabled,Disabled'
    }

    It 'refuses <Case> before any request, as for the report of one tenant' -ForEach @(
        @{ Case = 'a report in a folder that does not exist'; Report = 'no-such-folder/fleet.json'; ErrorId = 'ReportPathNotWritable' }
        @{ Case = 'a file whose format cannot be told'; Report = 'fleet.txt'; ErrorId = 'ReportFormatUnknown' }
    ) {
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'
        $path = Join-Path $script:service.Folder $Report

        { Test-MSCommercePolicyBaseline -Connection $script:partner -Path $script:baseline -TenantId (Customer 1) -ReportPath $path -ErrorAction Stop } |
            Should -Throw -ErrorId "$ErrorId,*"

        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests').Count | Should -Be 0
        Test-Path $path | Should -BeFalse
    }

    It 'writes the JUnit report when -ReportPath ends in .xml, with no -ReportFormat' {
        $xml = Join-Path $script:service.Folder 'fleet-by-extension.xml'
        $null = Test-MSCommercePolicyBaseline -Connection $script:partner -Path $script:baseline -TenantId (CustomerId 1), (CustomerId 3) -ReportPath $xml -ErrorAction SilentlyContinue -InformationAction SilentlyContinue
        $suites = ([xml](Get-Content -Raw $xml)).testsuites.testsuite
        @($suites).Count | Should -Be 2
    }
}

Describe 'A partner without customers' {
    It 'finds none, checks none, warns, and sums up zero tenants' {
        $domain = "lonely$([guid]::NewGuid().ToString('N').Substring(0, 8)).onmicrosoft.com"
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path 'tenants' -Body @{ domain = $domain }
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path "tenants/$domain/applications" -Body @{ displayName = 'Lonely automation'; clientId = '12121212-1212-1212-1212-121212121212'; clientSecret = 'lonely-secret'; roles = @('Policy.ReadWrite.AllowSelfServicePurchase') }
        $lonely = Connect-MSCommerce @script:common -TenantId $domain -ClientId 12121212-1212-1212-1212-121212121212 -ClientSecret (ConvertTo-SecureString 'lonely-secret' -AsPlainText -Force) -PassThru

        Get-MSCommercePartnerCustomer -Connection $lonely | Should -BeNullOrEmpty
        $results = @(Get-MSCommercePartnerCustomer -Connection $lonely | Test-MSCommercePolicyBaseline -Connection $lonely -Path $script:baseline -WarningVariable warnings -WarningAction SilentlyContinue -InformationVariable information -InformationAction SilentlyContinue)

        $results.Count | Should -Be 0
        $warnings | Should -BeLike 'No tenant was given*'
        ($information | Where-Object { $_.Tags -contains 'MSCommerce.FleetSummary' }).MessageData.Tenants | Should -Be 0
    }
}

Describe 'Sync-MSCommercePolicyBaseline over the partner''s customers' {
    It 'with -WhatIf reads every customer, lists each that differs, and sends no change' {
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'

        $results = @(Get-MSCommercePartnerCustomer -Connection $script:partner | Sync-MSCommercePolicyBaseline -Connection $script:partner -Path $script:baseline -WhatIf -ErrorAction SilentlyContinue -InformationAction SilentlyContinue)

        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests' | Where-Object method -ne 'GET').Count | Should -Be 0
        ($results | Where-Object TenantId -eq (CustomerId 3)).Status | Should -Be 'Drifted'
        $results.Count | Should -Be 21
    }

    It 'writes its report in the format of -ReportPath''s extension, as Test- does: Markdown for .md' {
        $markdown = Join-Path $script:service.Folder 'sync.md'

        $null = Sync-MSCommercePolicyBaseline -Connection $script:partner -Path $script:baseline -TenantId (CustomerId 3), (CustomerId 4) -WhatIf -ReportPath $markdown -InformationAction SilentlyContinue

        $text = Get-Content -Path $markdown -Raw
        $text.TrimStart() | Should -Not -BeLike '{*'
        ($text | ConvertFrom-Markdown).Html | Should -Match '<h2[^>]*>Self-service purchase policy: 2 tenant\(s\)'
    }

    It 'changes the drifted customer and leaves the others as they were' {
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'

        $results = @(Sync-MSCommercePolicyBaseline -Connection $script:partner -Path $script:baseline -TenantId (CustomerId 3), (CustomerId 4) -Confirm:$false -InformationAction SilentlyContinue)

        ($results | Where-Object TenantId -eq (CustomerId 3)).Status | Should -Be 'Changed'
        ($results | Where-Object TenantId -eq (CustomerId 3)).Changes.Id | Should -Be 'CFQ7TTC0H9MP'
        ($results | Where-Object TenantId -eq (CustomerId 4)).Status | Should -Be 'Compliant'
        $puts = @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests' | Where-Object method -eq 'PUT')
        $puts.Count | Should -Be 1
        $puts[0].tenantId | Should -Be (CustomerId 3)
    }
}

Describe 'Reading and exporting over the partner''s customers' {
    It 'Get-MSCommerceProductPolicies writes every customer''s products, each with its tenant, and one error per customer it cannot read' {
        $catalog = Get-LocalCatalogSize -Service $script:service
        $tenants = (CustomerId 1), (CustomerId 2), (CustomerId 5)

        $policies = @(Get-MSCommerceProductPolicies -Connection $script:partner -TenantId $tenants -ErrorVariable failures -ErrorAction SilentlyContinue -InformationVariable information -InformationAction SilentlyContinue)

        $policies.Count | Should -Be (2 * $catalog)
        $policies[0].PSObject.TypeNames | Should -Contain 'MSCommerce.ProductPolicy'
        ($policies | Group-Object TenantName).Name | Sort-Object | Should -Be @('Customer 1', 'Customer 2')
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TenantRoleMissing,*'
        "$(($information | Where-Object { $_.Tags -contains 'MSCommerce.FleetSummary' }).MessageData)" | Should -BeLike '3 tenant(s) read in * s: 2 read, 1 failed.'
    }

    It 'Get-MSCommerceSelfServicePurchases reads each customer piped in, tagging each purchase with its tenant' {
        $purchases = @(Get-MSCommercePartnerCustomer -Connection $script:partner -Name Contoso | Get-MSCommerceSelfServicePurchases -Connection $script:partner -InformationAction SilentlyContinue)

        $purchases.Count | Should -Be 9
        $purchases.TenantName | Sort-Object -Unique | Should -Be 'Contoso'
        $purchases.TenantId | Sort-Object -Unique | Should -Be $DemoData.ContosoTenantId
    }

    It 'Export-MSCommercePolicyBaseline writes a baseline per customer into the folder; -WhatIf writes none' {
        $folder = Join-Path $script:service.Folder 'baselines'
        $null = Export-MSCommercePolicyBaseline -Connection $script:partner -Path $folder -TenantId (CustomerId 1), (CustomerId 3) -WhatIf -InformationAction SilentlyContinue
        Test-Path $folder | Should -BeFalse

        $files = @(Export-MSCommercePolicyBaseline -Connection $script:partner -Path $folder -TenantId (CustomerId 1), (CustomerId 3) -PassThru -InformationAction SilentlyContinue)

        $files.Name | Sort-Object | Should -Be @("$(CustomerId 1).json", "$(CustomerId 3).json")
        ($files | Where-Object TenantId -eq (CustomerId 1)).TenantName | Should -Be 'Customer 1'
        Test-MSCommercePolicyBaseline -Connection $script:partner -Path (Join-Path $folder "$(CustomerId 3).json") -TenantId (CustomerId 3) -InformationAction SilentlyContinue |
            ForEach-Object Status | Should -Be 'Compliant'
    }
}

Describe 'Items of customers piped to a command that changes one tenant' {
    It 'Update-MSCommerceProductPolicy refuses them, sending nothing, rather than change the partner''s own tenant' {
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'

        Get-MSCommerceProductPolicies -Connection $script:partner -TenantId (CustomerId 1) -InformationAction SilentlyContinue | Select-Object -First 2 |
            Update-MSCommerceProductPolicy -Connection $script:partner -Value Disabled -ErrorVariable refused -ErrorAction SilentlyContinue

        @($refused).Count | Should -Be 2
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'ItemOfAnotherTenant,*'
        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests' | Where-Object method -eq 'PUT').Count | Should -Be 0
    }
}

Describe 'A connection that reaches its own tenant only' {
    It 'is refused with -TenantId before any request, once' {
        $token = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName $DemoData.PartnerUpn -Tenant $DemoData.FabrikamDomain
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'

        { Test-MSCommercePolicyBaseline -Connection $token -Path $script:baseline -TenantId (CustomerId 1), (CustomerId 2) -ErrorAction Stop } |
            Should -Throw -ErrorId 'TenantIdNeedsSignIn,*'
        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests').Count | Should -Be 0
    }
}
