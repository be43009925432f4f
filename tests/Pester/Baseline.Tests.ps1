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

    It 'says in one line what a sync changed, or that nothing differs, which -InformationAction Ignore silences' {
        $path = New-BaselineFile -Products @{ CFQ7TTC0H9MP = 'Disabled'; CFQ7TTC0HD32 = 'disabled' }

        $shown = @(Sync-MSCommercePolicyBaseline -Path $path -Confirm:$false 6>&1)
        $again = @(Sync-MSCommercePolicyBaseline -Path $path -Confirm:$false 6>&1)
        $null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Enabled
        $silent = @(Sync-MSCommercePolicyBaseline -Path $path -Confirm:$false -InformationAction Ignore 6>&1)

        $shown.Count | Should -Be 1
        "$($shown[0])" | Should -Be "Changed 2 of 2 policies to match $path."
        $shown[0].Tags | Should -Contain 'PSHOST'
        "$again" | Should -Be "The tenant already matches $($path): nothing to change."
        $silent.Count | Should -Be 0
        Test-MSCommercePolicyBaseline -Path $path | Should -BeTrue
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
        $null = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName $DemoData.AdminUpn
    }

    It 'is refused before any request when it has <Case>' -ForEach @(
        @{ Case = 'malformed JSON'; Content = "{`n  ""schemaVersion"": 1`n  ""policyId"": ""AllowSelfServicePurchase""`n}"; Message = '*line 3*not valid JSON*' }
        @{ Case = 'an unknown field'; Content = '{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": "Enabled", "extra": 1 }'; Message = "*Unknown property 'extra'*" }
        @{ Case = 'a bad value'; Content = '{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": "Disable" }'; Message = "*'Disable' is not a value products take: use Enabled, Disabled, OnlyTrialsWithoutPaymentMethod (in any case).*" }
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

Describe 'A path that is not a regular file' -Skip:$IsWindows {
    BeforeAll {
        $null = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName $DemoData.AdminUpn

        function Invoke-WithPipeGuard {
            <# Runs the command; should it block opening the pipe, a writer opens and closes it after 30 s, so the test ends and says so. #>
            param([string] $Pipe, [scriptblock] $Command)
            $guard = Start-ThreadJob -ArgumentList $Pipe -ScriptBlock {
                param($Pipe)
                Start-Sleep -Seconds 30
                $writer = [System.IO.FileStream]::new($Pipe, 'Open', 'Write')
                $writer.Dispose()
                'unblocked'
            }
            try { & $Command }
            finally {
                $guard | Stop-Job -PassThru | Receive-Job -ErrorAction SilentlyContinue | Should -Not -Be 'unblocked' -Because 'the command must not wait for a writer'
                $guard | Remove-Job -Force
            }
        }
    }

    It '-Path /dev/zero is refused before it is read' {
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'

        { Test-MSCommercePolicyBaseline -Path /dev/zero -ErrorAction Stop } |
            Should -Throw -ErrorId 'BaselinePathNotAFile*' -ExpectedMessage "'/dev/zero' is a character device*not a file*"
        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests').Count | Should -Be 0
    }

    It 'a named pipe with no writer is refused without waiting for one' {
        $pipe = Join-Path $TestDrive 'pipe.json'
        mkfifo $pipe

        Invoke-WithPipeGuard -Pipe $pipe -Command {
            { Sync-MSCommercePolicyBaseline -Path $pipe -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'BaselinePathNotAFile*' -ExpectedMessage '*is a named pipe (FIFO), not a file*'
        }
    }

    It 'Export -Force refuses a named pipe and a link to /dev/null, and /dev/null stays a device' {
        $pipe = Join-Path $TestDrive 'export-pipe.json'
        mkfifo $pipe
        $link = Join-Path $TestDrive 'null.json'
        $null = New-Item -ItemType SymbolicLink -Path $link -Target /dev/null

        Invoke-WithPipeGuard -Pipe $pipe -Command {
            { Export-MSCommercePolicyBaseline -Path $pipe -Force -ErrorAction Stop } |
                Should -Throw -ErrorId 'BaselinePathNotAFile*' -ExpectedMessage '*is a named pipe (FIFO), not a file*'
        }
        { Export-MSCommercePolicyBaseline -Path $link -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'BaselinePathNotAFile*' -ExpectedMessage "*is a symbolic link to '/dev/null', which is a character device*-Force never replaces*"

        # stat(1) names the type of the path itself (UnixMode shows a FIFO as a regular file).
        stat -c %F $pipe | Should -Be 'fifo'
        stat -c %F $link | Should -Be 'symbolic link'
        stat -c %F /dev/null | Should -Be 'character special file'
    }

    It 'Export -Force through a link to a file replaces that file and keeps the link' {
        $target = Join-Path $TestDrive 'target.json'
        Set-Content -Path $target -Value 'old'
        $link = Join-Path $TestDrive 'link.json'
        $null = New-Item -ItemType SymbolicLink -Path $link -Target $target

        Export-MSCommercePolicyBaseline -Path $link -Force

        (Get-Item $link).LinkTarget | Should -Be $target
        (Get-Content -Path $target -Raw | ConvertFrom-Json).schemaVersion | Should -Be 1
        Test-MSCommercePolicyBaseline -Path $link | Should -BeTrue
    }
}

Describe 'The encoding of a baseline file' {
    BeforeAll {
        $null = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName $DemoData.AdminUpn
        $script:exported = Join-Path $TestDrive 'exported.json'
        Export-MSCommercePolicyBaseline -Path $script:exported -Force
    }

    It 'is read in <Encoding> with a byte order mark, as Windows PowerShell writes it' -ForEach @(
        @{ Encoding = 'UTF-16 LE'; Name = 'unicode' }
        @{ Encoding = 'UTF-16 BE'; Name = 'bigendianunicode' }
        @{ Encoding = 'UTF-8'; Name = 'utf8BOM' }
    ) {
        $path = Join-Path $TestDrive "$Name.json"
        Get-Content -Path $script:exported -Raw | Set-Content -Path $path -Encoding $Name -NoNewline

        Test-MSCommercePolicyBaseline -Path $path | Should -BeTrue
    }

    It 'that is neither UTF-8 nor UTF-16 with a byte order mark is named as the problem' {
        $path = Join-Path $TestDrive 'latin1.json'
        (Get-Content -Path $script:exported -Raw).Replace('"schemaVersion"', '"Überall": 1, "schemaVersion"') | Set-Content -Path $path -Encoding latin1

        { Test-MSCommercePolicyBaseline -Path $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidBaseline*' -ExpectedMessage "*line 2, column 4: The file's encoding is not one a baseline can have (byte 0xDC is not UTF-8)*"
    }

    It 'a 3 MB product key gives a short message' {
        $path = Join-Path $TestDrive 'long-key.json'
        (Get-Content -Path $script:exported -Raw).Replace('"CFQ7TTC0H9MP"', '"' + ('K' * 3MB) + '"') | Set-Content -Path $path

        $failure = { Test-MSCommercePolicyBaseline -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidBaseline*' -PassThru

        $failure.Exception.Message.Length | Should -BeLessThan 1000
        $failure.Exception.Message | Should -BeLike "*$('K' * 64)…(3,145,728 characters)' is not a product id*"
    }
}
