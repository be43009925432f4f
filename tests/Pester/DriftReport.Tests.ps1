#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Drift a CI system can show: Test-MSCommercePolicyBaseline -ReportPath in each format, each read back
    by a parser (JUnit validated by tests/Pester/JUnit.xsd, Markdown through pwsh's own Markdig, JSON by
    ConvertFrom-Json), and GitHub Actions annotations on the baseline file's lines.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:service = Start-MSCommerceTestSession -TestRoot $PSScriptRoot
    $script:catalogSize = Get-LocalCatalogSize -Service $script:service

    # A baseline as people write it: one product per line, so each entry has its own line to point at.
    function New-DriftedBaseline {
        param([Parameter(Mandatory)] [string] $Folder)
        $path = Join-Path $Folder 'baseline.json'
        @(
            '{'
            '  "schemaVersion": 1,'
            '  "policyId": "AllowSelfServicePurchase",'
            '  "defaultValue": "Enabled",'
            '  "products": {'
            '    "CFQ7TTC0H9MP": { "value": "Enabled" },'
            '    "CFQ7TTC0LH05": { "value": "Enabled" },'
            '    "CFQ7TTC0ZZZZ": { "value": "Disabled" }'
            '  }'
            '}'
        ) | Set-Content -Path $path -Encoding utf8
        $path
    }

    function Set-Drift {
        # CFQ7TTC0H9MP (line 6) drifted; CFQ7TTC0HD32 not listed and off the default (line 4); CFQ7TTC0ZZZZ (line 8) not in the tenant.
        $null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled
        $null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0HD32 -Value Disabled
    }
}

AfterAll {
    Stop-MSCommerceTestSession -Service $script:service
}

Describe 'Test-MSCommercePolicyBaseline -ReportPath' {
    BeforeEach {
        $null = Connect-IsolatedTenant -Service $script:service
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        $baseline = New-DriftedBaseline -Folder $folder
        Push-Location $folder
    }

    AfterEach {
        Pop-Location
        Disconnect-MSCommerce
    }

    It 'writes JUnit XML that the schema validates: one test case per product, a failed one per drift with expected, actual and the baseline line' {
        Set-Drift

        $result = Test-MSCommercePolicyBaseline -Path $baseline -ReportFormat JUnit -ReportPath drift.xml

        $result | Should -BeFalse
        $settings = [System.Xml.XmlReaderSettings]::new()
        $settings.ValidationType = [System.Xml.ValidationType]::Schema
        $null = $settings.Schemas.Add($null, (Join-Path $PSScriptRoot 'JUnit.xsd'))
        $problems = [System.Collections.Generic.List[string]]::new()
        $settings.add_ValidationEventHandler({ param($sender, $e) $problems.Add("$($e.Severity): $($e.Message)") })
        $reader = [System.Xml.XmlReader]::Create((Join-Path $folder 'drift.xml'), $settings)
        $document = [System.Xml.XmlDocument]::new()
        try { $document.Load($reader) } finally { $reader.Dispose() }
        $problems | Should -BeNullOrEmpty

        $cases = @($document.testsuites.testsuite.testcase)
        $cases.Count | Should -Be ($script:catalogSize + 1) -Because 'every product of the tenant, and the listed one it does not have'
        $failed = @($cases | Where-Object { $_.failure })
        $failed.Count | Should -Be 3
        [int]$document.testsuites.testsuite.failures | Should -Be 3
        $drifted = $failed | Where-Object name -like '*(CFQ7TTC0H9MP)'
        $drifted.failure.type | Should -Be 'Drifted'
        $drifted.line | Should -Be '6'
        $drifted.file | Should -Be 'baseline.json'
        $drifted.failure.'#text' | Should -Match 'Expected: Enabled'
        $drifted.failure.'#text' | Should -Match 'Actual: Disabled'
        ($failed | Where-Object name -like '*(CFQ7TTC0HD32)').line | Should -Be '4' -Because 'an unlisted product is held to defaultValue'
        ($failed | Where-Object name -like '*(CFQ7TTC0ZZZZ)').failure.type | Should -Be 'NotInTenant'
        ($cases | Where-Object name -like '*(CFQ7TTC0LH05)').failure | Should -BeNullOrEmpty
    }

    It 'writes a Markdown summary whose table lists each drift' {
        Set-Drift

        $null = Test-MSCommercePolicyBaseline -Path $baseline -ReportPath drift.md

        $html = (Get-Content (Join-Path $folder 'drift.md') -Raw | ConvertFrom-Markdown).Html
        $html | Should -Match '<h2[^>]*>Self-service purchase policy: 3 drifted</h2>'
        $rows = [regex]::Matches($html, '<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>', 'Singleline') |
            ForEach-Object { [pscustomobject]@{ Reason = $_.Groups[1].Value; Id = $_.Groups[4].Value; Expected = $_.Groups[5].Value; Actual = $_.Groups[6].Value; Line = $_.Groups[7].Value } }
        $rows.Count | Should -Be 3
        $row = $rows | Where-Object Id -eq 'CFQ7TTC0H9MP'
        $row.Reason, $row.Expected, $row.Actual, $row.Line | Should -Be 'Drifted', 'Enabled', 'Disabled', '6'
    }

    It 'writes a Markdown summary without a table when nothing drifted' {
        Export-MSCommercePolicyBaseline -Path matching.json

        $result = Test-MSCommercePolicyBaseline -Path matching.json -ReportPath summary -ReportFormat Markdown

        $result | Should -BeTrue
        $html = (Get-Content (Join-Path $folder 'summary') -Raw | ConvertFrom-Markdown).Html
        $html | Should -Match '<h2[^>]*>Self-service purchase policy: matches the baseline</h2>'
        $html | Should -Match '(\d+) checked against <code>matching.json</code> \(AllowSelfServicePurchase\) at [^:]+:\d\d:\d\d UTC: \1 match, 0 drifted'
        $html | Should -Not -Match '<table>'
    }

    It 'writes JSON with every check, passed or not' {
        Set-Drift

        $null = Test-MSCommercePolicyBaseline -Path $baseline -ReportPath drift.json

        $report = Get-Content (Join-Path $folder 'drift.json') -Raw | ConvertFrom-Json
        $report.policyId | Should -Be 'AllowSelfServicePurchase'
        $report.drifted | Should -Be 3
        @($report.checks).Count | Should -Be $report.checked
        $check = $report.checks | Where-Object id -eq 'CFQ7TTC0H9MP'
        $check.passed | Should -BeFalse
        $check.reason | Should -Be 'Drifted'
        $check.expected, $check.actual, $check.line | Should -Be 'Enabled', 'Disabled', 6
        ($report.checks | Where-Object id -eq 'CFQ7TTC0ZZZZ').actual | Should -BeNullOrEmpty
        ($report.checks | Where-Object id -eq 'CFQ7TTC0LH05').passed | Should -BeTrue
    }

    It 'refuses <Case> before any request' -ForEach @(
        @{ Case = 'a report in a folder that does not exist'; Report = 'no-such-folder/drift.xml'; Format = $null; ErrorId = 'ReportPathNotWritable' }
        @{ Case = 'a file whose format cannot be told'; Report = 'drift.txt'; Format = $null; ErrorId = 'ReportFormatUnknown' }
    ) {
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'

        { Test-MSCommercePolicyBaseline -Path $baseline -ReportPath $Report -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId*"

        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests') | Should -BeNullOrEmpty
    }
}

Describe 'Test-MSCommercePolicyBaseline under GitHub Actions' {
    It 'prints one ::error annotation per drift on the baseline file line, and none outside GitHub Actions' {
        $tenant = New-IsolatedTenant -Service $script:service
        $token = Get-LocalServiceToken -Service $script:service -UserPrincipalName $tenant.AdminUpn -Tenant $tenant.Domain
        $folder = Join-Path $TestDrive 'workspace'
        $null = New-Item -ItemType Directory -Path (Join-Path $folder 'policy') -Force
        $baseline = New-DriftedBaseline -Folder (Join-Path $folder 'policy')
        # One new pwsh for both runs: the cmdlet reads GITHUB_ACTIONS at each call, so the same process
        # checks once as a runner's step (the variable set by the runner) and once elsewhere (no variable).
        $script = @'
param($Manifest, $Endpoint, $CertificatePath, $Token)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($CertificatePath)
Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $certificate -AccessToken (ConvertTo-SecureString $Token -AsPlainText -Force)
$null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled
$null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0HD32 -Value Disabled
'--- GitHub Actions'
$github = Test-MSCommercePolicyBaseline -Path ./policy/baseline.json
"--- GitHub Actions: $github"
$env:GITHUB_ACTIONS = $null
$env:GITHUB_WORKSPACE = $null
$elsewhere = Test-MSCommercePolicyBaseline -Path ./policy/baseline.json
"--- elsewhere: $elsewhere"
'@
        $arguments = (Get-MSCommerceManifestPath -TestRoot $PSScriptRoot), $script:service.BaseAddress, "$($script:service.Folder)/commerce.db.cer", $token

        $run = Invoke-FreshPwsh -Script $script -ArgumentList $arguments -WorkingDirectory $folder -Environment @{ GITHUB_ACTIONS = 'true'; GITHUB_WORKSPACE = $folder }

        $run.ExitCode | Should -Be 0 -Because "$($run.Errors)"
        $lines = $run.Output -split "`n" | ForEach-Object TrimEnd
        $underGitHub = $lines[([array]::IndexOf($lines, '--- GitHub Actions') + 1)..([array]::IndexOf($lines, '--- GitHub Actions: False') - 1)]
        $afterwards = $lines[([array]::IndexOf($lines, '--- GitHub Actions: False') + 1)..($lines.Count - 1)]
        $lines | Should -Contain '--- elsewhere: False' -Because 'drift fails the check in both places'
        $annotations = @($underGitHub | Where-Object { $_ -like '::error *' })
        $annotations.Count | Should -Be 3
        $annotations | Where-Object { $_ -like '*(CFQ7TTC0H9MP)*' } | Should -Match '^::error file=policy/baseline.json,line=6,title=Policy drift%3A .*::.*is Disabled; the baseline expects Enabled\.'
        $annotations | Where-Object { $_ -like '*(CFQ7TTC0HD32)*' } | Should -Match 'line=4,'
        $afterwards | Should -Not -Match '::error'
    }
}
