#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    A sync whose service is killed mid-sync, in real pwsh: the connection notices the service is down,
    stops sending, reports each change it did not send, and returns within a minute; once the service
    is back, a sync converges.
    tests/MSCommerce.Module.Tests/ServiceOutageTests.cs makes the same sync fail by dropping every
    connection of a service that stays up. Only here is the process really gone: connections are
    refused rather than cut, a sign-in to it fails with its reason, and the service started again on
    the same database shows that nothing was changed twice.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:repositoryRoot = Resolve-Path (Join-Path $PSScriptRoot '..' '..')
    # 200 ms an answer bounds the sync to about 40 changes a second (8 in flight), so the killer below, polling the
    # audit, ends the service long before half the changes are made even when the machine is busy. With 20 ms, a
    # killer slowed by a busy CI machine saw the sync make 133 of 257 changes first.
    $script:service = Start-LocalCommerceService -RepositoryRoot $script:repositoryRoot -ExtraArguments '--seed-products', '240', '--latency-ms', '200'
    Import-Module (Get-MSCommerceManifestPath -TestRoot $PSScriptRoot) -Force -Global
}

AfterAll {
    Stop-MSCommerceTestSession -Service $script:service
}

Describe 'A sync whose service is killed' {
    It 'returns within a minute, reports every change not sent, and a later sync converges' {
        $tenant = Connect-IsolatedTenant -Service $script:service
        $total = @(Get-MSCommerceProductPolicies).Count
        $path = Join-Path $TestDrive 'block-all.json'
        @{ schemaVersion = 1; policyId = 'AllowSelfServicePurchase'; defaultValue = 'Disabled' } | ConvertTo-Json | Set-Content -Path $path -Encoding utf8

        # Kills the service (with its process tree) once 20 changes are made, from another thread while the sync runs.
        $killer = Start-ThreadJob -ArgumentList $script:service.BaseAddress, $script:service.Certificate.Thumbprint, $script:service.Process, $tenant.Domain -ScriptBlock {
            param($BaseAddress, $Thumbprint, $Process, $Domain)
            $admin = [MSCommerceTests.PinnedHttp]::Create($BaseAddress, $Thumbprint)
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ([DateTime]::UtcNow -lt $deadline) {
                $audit = $admin.GetStringAsync("_admin/tenants/$Domain/audit").GetAwaiter().GetResult() | ConvertFrom-Json
                if (@($audit).Count -ge 20) { $Process.Kill($true); return 'killed' }
                Start-Sleep -Milliseconds 100
            }
            'not killed'
        }
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $changes = @(Sync-MSCommercePolicyBaseline -Path $path -PassThru -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue)
        $clock.Stop()
        $killer | Wait-Job -Timeout 60 | Receive-Job | Should -Be 'killed'
        $killer | Remove-Job -Force

        $clock.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(60)) -Because 'the connection notices the service is down instead of retrying each change in turn'
        $notSent = @($changes | Where-Object Outcome -eq 'NotSent')
        $changed = @($changes | Where-Object Outcome -eq 'Changed')
        $notSent.Count | Should -BeGreaterThan ($total / 2)
        $notSentErrors = @($failed | Where-Object { $_.FullyQualifiedErrorId -like 'NotSent,*' })
        $notSentErrors.Count | Should -Be $notSent.Count
        $notSentErrors | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'ResourceUnavailable' }
        $failed | Where-Object { $_.FullyQualifiedErrorId -like 'ConnectionFailed,*' } | ForEach-Object {
            $_.Exception.Message | Should -Match 'could not be reached: \S' -Because 'the reason after the colon is never empty'
        }
        # A sign-in to the killed service names its reason too.
        $late = { Connect-LocalCommerceService -Service $script:service -ErrorAction Stop } | Should -Throw -ErrorId 'ConnectionFailed*' -PassThru
        $late.Exception.Message | Should -Match 'could not be reached to sign in: \S'
        @($failed | Where-Object { $_.FullyQualifiedErrorId -notmatch '^(NotSent|ConnectionFailed|ServiceUnavailable),' }) | Should -BeNullOrEmpty
        @($failed | Where-Object { $_.Exception -is [System.Net.Http.HttpRequestException] }) | Should -BeNullOrEmpty
        ($changed.Count + $failed.Count) | Should -Be $total -Because 'every change is either made or reported'

        # The service is back (same database): a sync over a new connection to it finishes the job.
        if ($script:service.PSObject.Properties['Admin']) { $script:service.Admin.Dispose() }
        $script:service = Start-LocalCommerceService -RepositoryRoot $script:repositoryRoot -Folder $script:service.Folder -ExtraArguments '--seed-products', '240'
        $null = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName $tenant.AdminUpn -Tenant $tenant.Domain
        $null = Sync-MSCommercePolicyBaseline -Path $path -Confirm:$false -ErrorAction Stop
        Test-MSCommercePolicyBaseline -Path $path | Should -BeTrue
        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path "tenants/$($tenant.Domain)/audit").Count | Should -Be $total -Because 'nothing is changed twice'
    }
}
