#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Connect-MSCommerce with no credential, as an admin at a console runs it, in new pwsh processes
    against the local service: the system browser (headless Chromium, driven through the DevTools
    protocol by a launcher named xdg-open on PATH, fills the sign-in page as admin@contoso), the
    remembered sign-in in a second pwsh, Disconnect-MSCommerce forgetting it, and the device code when
    the launcher fails or there is no display. Each pwsh has DISPLAY set as a desktop session has
    (headless Chromium needs none) unless the test removes it, and XDG_DATA_HOME in a folder of this
    file, so the token cache it persists is this file's own.
#>

BeforeDiscovery {
    $script:onLinux = $IsLinux
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    if (-not (Test-Path '/usr/bin/chromium')) {
        throw "Chromium is not installed: 'apt-get install -y chromium' (.ci/run does it where it is missing)."
    }

    $script:service = Start-LocalCommerceService -RepositoryRoot (Resolve-Path (Join-Path $PSScriptRoot '..' '..'))
    $script:manifest = Get-MSCommerceManifestPath -TestRoot $PSScriptRoot
    $script:certificatePath = Join-Path $script:service.Folder 'commerce.db.cer'
    $script:work = Join-Path $script:service.Folder 'browser'
    $script:browserLog = Join-Path $script:work 'browser.log'
    $pwsh = Join-Path $PSHOME 'pwsh'

    # A launcher that opens the page in headless Chromium and signs in, as a person would; it returns at once, as xdg-open does.
    $script:workingLauncher = Join-Path $script:work 'working'
    $null = New-Item -ItemType Directory -Path $script:workingLauncher -Force
    $driver = Join-Path $PSScriptRoot 'Browser' 'Invoke-ChromiumSignIn.ps1'
    Set-Content -Path (Join-Path $script:workingLauncher 'xdg-open') -Value @"
#!/bin/sh
'$pwsh' -NoProfile -NonInteractive -File '$driver' -Url "`$1" -UserName $($DemoData.AdminUpn) -Password $($DemoData.DemoUserPassword) -CertificatePath '$($script:certificatePath)' -LogPath '$($script:browserLog)' >> '$($script:browserLog)' 2>&1 < /dev/null &
exit 0
"@
    # A launcher that fails, as xdg-open does on a machine with no browser.
    $script:failingLauncher = Join-Path $script:work 'failing'
    $null = New-Item -ItemType Directory -Path $script:failingLauncher -Force
    Set-Content -Path (Join-Path $script:failingLauncher 'xdg-open') -Value @'
#!/bin/sh
echo "xdg-open: no method available for opening '$1'" >&2
exit 3
'@
    foreach ($launcher in (Join-Path $script:workingLauncher 'xdg-open'), (Join-Path $script:failingLauncher 'xdg-open')) {
        [System.IO.File]::SetUnixFileMode($launcher, [System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
    }

    $script:connect = @'
param($Manifest, $Endpoint, $CertificatePath, $WarningFile, [switch] $Disconnect)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($CertificatePath)
Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $certificate -TenantId contoso.onmicrosoft.com 3>> $WarningFile
$connection = Get-MSCommerceConnection
$seen = [ordered]@{ Account = $connection.Account; AuthMethod = $connection.AuthMethod; Policies = @(Get-MSCommerceProductPolicies).Count
    Roles = @($connection.Roles); CanChange = $connection.CanChange; Shown = ($connection | Format-List | Out-String -Width 200) }
if ($Disconnect) { Disconnect-MSCommerce }
$seen | ConvertTo-Json -Compress
'@

    function Invoke-Connect {
        <# Connect-MSCommerce with no credential in a new pwsh; what it saw, its warnings, and the browser's log since. #>
        param([Parameter(Mandatory)] [string] $Launcher, [Parameter(Mandatory)] [string] $DataHome, [switch] $NoDisplay, [switch] $Disconnect, [switch] $ApproveDeviceCode)

        $warningFile = Join-Path $script:work "warnings-$([guid]::NewGuid().ToString('N')).txt"
        $null = New-Item -ItemType File -Path $warningFile
        $browserBefore = if (Test-Path $script:browserLog) { (Get-Content $script:browserLog).Count } else { 0 }
        $environment = @{ PATH = "$Launcher$([IO.Path]::PathSeparator)$env:PATH"; XDG_DATA_HOME = $DataHome; DISPLAY = ($NoDisplay ? $null : ':99'); WAYLAND_DISPLAY = $null; BROWSER = $null; SSH_CONNECTION = $null }
        $approve = if ($ApproveDeviceCode) {
            {
                param($process)
                $deadline = [DateTime]::UtcNow.AddSeconds(90)
                while ([DateTime]::UtcNow -lt $deadline -and -not $process.HasExited) {
                    if ((Get-Content $warningFile -Raw) -match 'enter the code (\w+)') {
                        $null = Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path "device-codes/$($Matches[1])/approve" -Body @{ userPrincipalName = $DemoData.BillingAdminUpn }
                        return
                    }
                    Start-Sleep -Milliseconds 200
                }
                throw "No device code was shown: $(Get-Content $warningFile -Raw)"
            }
        }
        $arguments = @($script:manifest, $script:service.BaseAddress.ToString(), $script:certificatePath, $warningFile) + @(if ($Disconnect) { '-Disconnect' })
        $run = Invoke-FreshPwsh -Script $script:connect -ArgumentList $arguments -Environment $environment -WhileRunning $approve -Timeout ([TimeSpan]::FromSeconds(150))
        $json = @($run.Output -split "`r?`n" | Where-Object { $_.StartsWith('{') })
        if ($run.ExitCode -ne 0 -or $json.Count -eq 0) {
            $browser = if (Test-Path $script:browserLog) { Get-Content $script:browserLog -Raw }
            throw "Connect-MSCommerce failed (exit code $($run.ExitCode)): $($run.Output) $($run.Errors) Warnings: $(Get-Content $warningFile -Raw) Browser: $browser"
        }
        [pscustomobject]@{
            Seen     = $json[-1] | ConvertFrom-Json
            Warnings = Get-Content $warningFile -Raw
            Browser  = @(if (Test-Path $script:browserLog) { Get-Content $script:browserLog | Select-Object -Skip $browserBefore })
        }
    }
}

AfterAll {
    if ($script:service) { Stop-LocalCommerceService -Service $script:service }
}

Describe 'Connect-MSCommerce with no credential' -Skip:(-not $script:onLinux) {
    BeforeAll {
        $script:dataHome = Join-Path $script:work 'data'
        $script:cacheFolder = Join-Path $script:dataHome 'MSCommerce' 'TokenCache'
        $script:first = Invoke-Connect -Launcher $script:workingLauncher -DataHome $script:dataHome
        $script:second = Invoke-Connect -Launcher $script:failingLauncher -DataHome $script:dataHome -Disconnect
        $script:third = Invoke-Connect -Launcher $script:failingLauncher -DataHome $script:dataHome -ApproveDeviceCode
    }

    It 'opens the browser, where signing in as admin@contoso connects as that user' {
        $script:first.Seen.Account | Should -Be $DemoData.AdminUpn
        $script:first.Seen.AuthMethod | Should -Be 'Interactive'
        $script:first.Seen.Policies | Should -BeGreaterThan 0
        $script:first.Seen.Roles | Should -Be @('Global Administrator')
        $script:first.Seen.CanChange | Should -BeTrue
        $script:first.Seen.Shown | Should -Match 'Roles\s+: Global Administrator'
        $script:first.Seen.Shown | Should -Match 'Capabilities\s+: read and change policies and purchases'
        $script:first.Browser -join "`n" | Should -Match 'sign-in page: Sign in to your account'
        $script:first.Browser -join "`n" | Should -Match 'redirected; the app answered: Authentication complete'
    }

    It 'remembers the sign-in in an owner-only file, and says so, where no keyring answers' {
        $script:first.Warnings | Should -Match 'No keyring \(libsecret\) answered, so the sign-in is remembered in .*msal\.127\.0\.0\.1_\d+\.cache, a file only you can read'
        $file = Get-Item (Join-Path $script:cacheFolder "msal.127.0.0.1_$($script:service.BaseAddress.Port).cache")
        $file.UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
        (Get-Item $script:cacheFolder).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
    }

    It 'signs a second pwsh in silently, with no browser' {
        $script:second.Seen.Account | Should -Be $DemoData.AdminUpn
        $script:second.Seen.AuthMethod | Should -Be 'Interactive'
        $script:second.Warnings | Should -Not -Match 'No browser could be opened'
        $script:second.Warnings | Should -Not -Match 'enter the code'
        $script:second.Browser | Should -BeNullOrEmpty
    }

    It 'needs the browser again in a third pwsh after Disconnect-MSCommerce, and with a launcher that fails falls back to the device code' {
        $script:third.Warnings | Should -Match 'No browser could be opened to sign in: xdg-open could not open a browser \(exit code 3: xdg-open: no method available for opening .<the sign-in page>.\)\. Signing in with a device code instead'
        $script:third.Warnings | Should -Match 'To sign in, use a web browser to open the page https://127\.0\.0\.1:\d+/devicelogin and enter the code \w+'
        $script:third.Seen.Account | Should -Be $DemoData.BillingAdminUpn
        $script:third.Seen.Roles | Should -Be @('Billing Administrator')
        $script:third.Seen.AuthMethod | Should -Be 'DeviceCode'
    }
}

Describe 'Connect-MSCommerce with no credential and no display' -Skip:(-not $script:onLinux) {
    It 'says there is no display and signs in with the device code, without trying the launcher' {
        $run = Invoke-Connect -Launcher $script:workingLauncher -DataHome (Join-Path $script:work 'data-nodisplay') -NoDisplay -ApproveDeviceCode

        $run.Warnings | Should -Match 'No browser could be opened to sign in: there is no display \(neither DISPLAY nor WAYLAND_DISPLAY is set\)'
        $run.Seen.AuthMethod | Should -Be 'DeviceCode'
        $run.Browser | Should -BeNullOrEmpty
    }
}
