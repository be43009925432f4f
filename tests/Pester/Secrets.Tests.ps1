#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    No sign-in mode leaks what it signs in with: with -Debug and -Verbose, every stream captured,
    $Error and Format-List * -Force of every object emitted (connection, policies, purchases, errors)
    hold no token, client secret or certificate password.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:service = Start-MSCommerceTestSession -TestRoot $PSScriptRoot
    $script:common = @{ Endpoint = $script:service.BaseAddress; TrustedCertificate = $script:service.Certificate }
    $script:clientSecret = $DemoData.AutomationClientSecret
    $script:certificatePassword = "pfx-$([guid]::NewGuid().ToString('N'))"
    $demo = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$($script:service.Folder)/commerce.db.demo-app.pfx", [string]$null,
        [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]::Exportable)
    $script:pfx = Join-Path $TestDrive 'app-with-password.pfx'
    [System.IO.File]::WriteAllBytes($script:pfx, $demo.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pfx, $script:certificatePassword))
    $script:leaks = 0

    # What the session does after signing in, so that every kind of object and error is emitted and formatted;
    # an advanced script block, so that the -Debug and -Verbose it is called with reach every cmdlet in it.
    $script:workload = {
        [CmdletBinding()]
        param($Token)
        $tokenArgument = if ($Token) { @{ Token = $Token } } else { @{} }
        Get-MSCommerceConnection
        Get-MSCommercePolicies @tokenArgument
        Get-MSCommerceProductPolicies @tokenArgument | Select-Object -First 3
        Get-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP @tokenArgument
        Get-MSCommerceProductPolicy -ProductId CFQ7TTC0ZZZZ @tokenArgument
        Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled -WhatIf @tokenArgument
        Update-MSCommerceProductPolicy -OfferType SaaS -Value OnlyTrialsWithoutPaymentMethod @tokenArgument
        Get-MSCommerceSelfServicePurchases @tokenArgument | Select-Object -First 3
    }

    function Get-EverythingShown {
        <# Every record of every stream, then Format-List * -Force of each, then $Error the same way, as text. #>
        param([object[]] $Records)

        $text = [System.Text.StringBuilder]::new()
        foreach ($record in $Records) {
            $null = $text.AppendLine(($record | Out-String -Width 500))
            $null = $text.AppendLine(($record | Format-List * -Force | Out-String -Width 500))
            if ($record -is [System.Management.Automation.ErrorRecord]) {
                $null = $text.AppendLine(($record.Exception | Format-List * -Force | Out-String -Width 500))
            }
        }
        foreach ($error in $global:Error) {
            $null = $text.AppendLine(($error | Format-List * -Force | Out-String -Width 500))
            $null = $text.AppendLine(($error.Exception | Format-List * -Force | Out-String -Width 500))
        }
        $text.ToString()
    }

    function Find-Secret {
        <# The secrets in the text: the given ones, and anything shaped like a JWT or an unredacted bearer header. #>
        param([string] $Text, [string[]] $Secrets)

        foreach ($secret in $Secrets | Where-Object { $_ }) {
            if ($Text.Contains($secret)) { "the secret '$($secret.Substring(0, 6))...'" }
        }
        foreach ($match in [regex]::Matches($Text, 'eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}')) { "a JWT '$($match.Value.Substring(0, 12))...'" }
        foreach ($match in [regex]::Matches($Text, 'Bearer (?!\[redacted\])[A-Za-z0-9._-]{8,}')) { "a bearer header '$($match.Value.Substring(0, 12))...'" }
    }
}

AfterAll {
    Write-Host "Secrets scan: $($script:leaks) leaks across every sign-in mode."
    Stop-MSCommerceTestSession -Service $script:service
}

Describe 'Secrets at -Debug -Verbose' {
    BeforeEach {
        Disconnect-MSCommerce
        $global:Error.Clear()
    }

    It 'are never shown when signing in <Name>' -ForEach @(
        @{ Name = 'with a client secret'; Mode = 'ClientSecret' }
        @{ Name = 'with a certificate file and its password'; Mode = 'Certificate' }
        @{ Name = 'with an access token'; Mode = 'AccessToken' }
        @{ Name = 'as a partner with an access token'; Mode = 'Partner' }
        @{ Name = 'with -Token on each call'; Mode = 'Token' }
        @{ Name = 'with a federated token given once'; Mode = 'FederatedToken' }
        @{ Name = 'with a federated token file'; Mode = 'FederatedTokenFile' }
        @{ Name = 'with the GitHub Actions variables, renewing every 2 seconds'; Mode = 'GitHubActions' }
    ) {
        $token = $null
        $callToken = $null
        $requestToken = $null
        $records = @(& {
            # Errors are part of what is scanned: they are written and the session goes on, even where the suite runs with Stop.
            $ErrorActionPreference = 'Continue'
            switch ($Mode) {
                'ClientSecret' {
                    Connect-MSCommerce @script:common -TenantId $DemoData.ContosoDomain -ClientId $DemoData.AutomationClientId `
                        -ClientSecret (ConvertTo-SecureString $script:clientSecret -AsPlainText -Force) -PassThru -Debug -Verbose
                }
                'Certificate' {
                    Connect-MSCommerce @script:common -TenantId $DemoData.ContosoDomain -ClientId $DemoData.CertificateClientId `
                        -CertificatePath $script:pfx -CertificatePassword (ConvertTo-SecureString $script:certificatePassword -AsPlainText -Force) -PassThru -Debug -Verbose
                }
                'AccessToken' {
                    $token = Get-LocalServiceToken -Service $script:service -UserPrincipalName $DemoData.AdminUpn
                    Connect-MSCommerce @script:common -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -PassThru -Debug -Verbose
                }
                'Partner' {
                    $token = Get-LocalServiceToken -Service $script:service -UserPrincipalName $DemoData.PartnerUpn -Tenant $DemoData.FabrikamDomain
                    Connect-MSCommerce @script:common -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -PassThru -Debug -Verbose
                }
                { $_ -in 'FederatedToken', 'FederatedTokenFile', 'GitHubActions' } {
                    $job = Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path 'ci-tokens' -Body @{ subject = 'repo:contoso/tenant-policy:ref:refs/heads/main' }
                    $requestToken = $job.requestToken
                    $ask = [System.Net.Http.HttpRequestMessage]::new('GET', "$($job.requestUrl)&audience=api://AzureADTokenExchange")
                    $ask.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $requestToken)
                    $token = ($script:service.Admin.SendAsync($ask).GetAwaiter().GetResult().Content.ReadAsStringAsync().GetAwaiter().GetResult() | ConvertFrom-Json).value
                    $federated = @{ TenantId = $DemoData.ContosoDomain; ClientId = $DemoData.PipelineClientId }
                    if ($Mode -eq 'FederatedToken') { $federated.FederatedToken = ConvertTo-SecureString $token -AsPlainText -Force }
                    if ($Mode -eq 'FederatedTokenFile') {
                        $federated.FederatedTokenFile = Join-Path $TestDrive 'federated-token'
                        Set-Content -Path $federated.FederatedTokenFile -Value $token -NoNewline
                    }
                    if ($Mode -eq 'GitHubActions') {
                        $env:ACTIONS_ID_TOKEN_REQUEST_URL = $job.requestUrl
                        $env:ACTIONS_ID_TOKEN_REQUEST_TOKEN = $requestToken
                        # Every call renews the sign-in: each renewal's exchange is in the debug stream too.
                        $null = Invoke-LocalServiceAdmin -Service $script:service -Method PUT -Path 'settings' -Body @{ tokenLifetimeSeconds = 2 }
                    }
                    try {
                        Connect-MSCommerce @script:common @federated -PassThru -Debug -Verbose
                    }
                    finally {
                        Remove-Item env:ACTIONS_ID_TOKEN_REQUEST_URL, env:ACTIONS_ID_TOKEN_REQUEST_TOKEN -ErrorAction SilentlyContinue
                    }
                    if ($Mode -eq 'GitHubActions') {
                        # The variables are gone; renewals still ask GitHub, with what Connect read from them.
                        Start-Sleep -Seconds 3
                    }
                }
                'Token' {
                    # A reader's connection, overridden on every call by an admin's -Token.
                    $token = Get-LocalServiceToken -Service $script:service -UserPrincipalName $DemoData.GlobalReaderUpn
                    $callToken = Get-LocalServiceToken -Service $script:service -UserPrincipalName $DemoData.AdminUpn
                    Connect-MSCommerce @script:common -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -PassThru -Debug -Verbose
                }
            }
            & $script:workload -Token $callToken -Debug -Verbose
        } *>&1)
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method PUT -Path 'settings' -Body @{ tokenLifetimeSeconds = 3600 }

        $shown = Get-EverythingShown -Records $records
        $found = @(Find-Secret -Text $shown -Secrets $script:clientSecret, $script:certificatePassword, $token, $callToken, $requestToken)
        $script:leaks += $found.Count
        Write-Host "Secrets scan, $Mode`: $($records.Count) records and $($global:Error.Count) errors ($($shown.Length) characters) scanned, $($found.Count) leaks."

        @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count | Should -BeGreaterThan 0 -Because 'the scan covers the debug stream'
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0 -Because 'the scan covers the verbose stream'
        @($records | Where-Object { $_.PSObject.TypeNames -contains 'MSCommerce.Connection' }).Count | Should -Be 2 -Because 'Connect -PassThru and Get-MSCommerceConnection are scanned'
        if ($token) { @(Find-Secret -Text "x$($token)x" -Secrets @()).Count | Should -BeGreaterThan 0 -Because 'the scan recognises a token by its shape, as for the ones MSAL obtains' }
        $global:Error.Count | Should -BeGreaterThan 0 -Because 'the scan covers errors'
        $found | Should -BeNullOrEmpty
    }

    It 'are never shown when signing in with a device code <Name>' -ForEach @(
        @{ Name = 'for the process only (ContextScope Process)'; Scope = 'Process' }
        @{ Name = 'remembered (ContextScope CurrentUser), whose cache file only its owner can read'; Scope = 'CurrentUser' }
    ) {
        if ($Scope -eq 'CurrentUser' -and -not $IsLinux) {
            Set-ItResult -Skipped -Because 'the cache file''s mode is checked where the cache is a file (Linux without a keyring)'
            return
        }

        # The persisted cache lands in this test's own data folder (XDG_DATA_HOME), restored afterwards.
        $dataHome = Join-Path $TestDrive "data-$Scope"
        $previousDataHome = $env:XDG_DATA_HOME
        $env:XDG_DATA_HOME = $dataHome
        # A runspace of its own, so that the sign-in waiting for its code does not hold this one.
        $runspace = [powershell]::Create()
        $runspace.Runspace = [runspacefactory]::CreateRunspace()
        $runspace.Runspace.Open()
        try {
            $null = $runspace.AddScript('param($Manifest, $Common, $Workload, $Scope) Import-Module $Manifest; $DebugPreference = "Continue"; $VerbosePreference = "Continue"
                Connect-MSCommerce @Common -UseDeviceCode -ContextScope $Scope -PassThru; & ([scriptblock]::Create($Workload))
                $Error | Format-List * -Force | Out-String -Width 500').
                AddParameter('Manifest', (Get-MSCommerceManifestPath -TestRoot $PSScriptRoot)).AddParameter('Common', $script:common).AddParameter('Workload', $script:workload.ToString()).AddParameter('Scope', $Scope)
            $running = $runspace.BeginInvoke()
            # A warning that no keyring answers may come before the one with the code.
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not ($runspace.Streams.Warning.Message -match 'enter the code') -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            (@($runspace.Streams.Warning.Message) -match 'enter the code (\w+) to authenticate')[0] -match 'enter the code (\w+) to authenticate' | Should -BeTrue
            $null = Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path "device-codes/$($Matches[1])/approve" -Body @{ userPrincipalName = $DemoData.AdminUpn }
            if (-not $running.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(120))) { throw 'The device-code session did not end within 120 s.' }
            $output = @($runspace.EndInvoke($running))

            $streams = $runspace.Streams
            $records = @($output) + @($streams.Debug) + @($streams.Verbose) + @($streams.Warning) + @($streams.Information) + @($streams.Error)
            $shown = Get-EverythingShown -Records $records
            $found = @(Find-Secret -Text $shown -Secrets @())
            $script:leaks += $found.Count
            Write-Host "Secrets scan, DeviceCode ($Scope): $($records.Count) records ($($shown.Length) characters) scanned, $($found.Count) leaks."

            $streams.Debug.Count | Should -BeGreaterThan 0
            @($output | Where-Object { $_.PSObject.TypeNames -contains 'MSCommerce.Connection' }).Count | Should -Be 2
            $found | Should -BeNullOrEmpty
            if ($Scope -eq 'CurrentUser') {
                $folder = Join-Path $dataHome 'MSCommerce' 'TokenCache'
                $cache = @(Get-ChildItem $folder -Filter 'msal.*.cache')
                $cache.Count | Should -Be 1
                $cache[0].UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite') -Because 'the cache holds refresh tokens'
                (Get-Item $folder).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
                Get-Content $cache[0].FullName -Raw | Should -Not -Match ([regex]::Escape($script:clientSecret))
            }
        }
        finally {
            $env:XDG_DATA_HOME = $previousDataHome
            $runspace.Runspace.Dispose()
            $runspace.Dispose()
        }
    }

    It 'writes nothing for an app signing in with a client secret' -Skip:(-not $IsLinux) {
        $dataHome = Join-Path $TestDrive 'data-app'
        $previousDataHome = $env:XDG_DATA_HOME
        $env:XDG_DATA_HOME = $dataHome
        try {
            $secret = ConvertTo-SecureString $script:clientSecret -AsPlainText -Force
            Connect-MSCommerce @script:common -TenantId $DemoData.ContosoDomain -ClientId $DemoData.AutomationClientId -ClientSecret $secret
            $null = Get-MSCommercePolicies
            Disconnect-MSCommerce

            Test-Path (Join-Path $dataHome 'MSCommerce') | Should -BeFalse -Because "apps' secrets and tokens are never written anywhere"
        }
        finally {
            $env:XDG_DATA_HOME = $previousDataHome
        }
    }
}
