#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The dependencies precompiled for this machine (ReadyToRun, issue 14). On linux-x64 the module ships
    dependencies/Core/linux-x64: the client, MSAL, IdentityModel.Abstractions and Polly, each the same
    assembly as its IL build in dependencies/Core, with native code for PowerShell 7.6's runtime. A new
    pwsh must load them from there and the runtime must run their code: a cold sign-in then compiles far
    fewer methods than the same sign-in with the IL builds only. A module without a folder for its machine
    (any other runtime identifier) loads the IL builds and works as before.
#>

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $precompiledHere = Test-Path (Join-Path (Split-Path (Get-MSCommerceManifestPath -TestRoot $PSScriptRoot)) 'dependencies' 'Core' (Get-ModuleRuntimeIdentifier))
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')

    $script:service = Start-LocalCommerceService -RepositoryRoot (Resolve-Path (Join-Path $PSScriptRoot '..' '..'))
    $script:manifest = Get-MSCommerceManifestPath -TestRoot $PSScriptRoot
    $script:core = Join-Path (Split-Path $script:manifest) 'dependencies' 'Core'
    $script:isolatedNames = 'MSCommerce.Client', 'Microsoft.Identity.Client', 'Microsoft.IdentityModel.Abstractions', 'Polly.Core'

    $script:precompiled = Join-Path $script:core (Get-ModuleRuntimeIdentifier)

    function Invoke-ColdSignIn {
        <# Signs in with the client secret as the first thing a new pwsh does; what it compiled meanwhile, and where the dependencies came from. #>
        param([Parameter(Mandatory)] [string] $Manifest)

        $run = Invoke-FreshPwsh -Script @'
param($Manifest, $Endpoint, $CertificatePath, [string] $Names)
$ErrorActionPreference = 'Stop'
$certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($CertificatePath)
$secret = ConvertTo-SecureString 'contoso-demo-secret' -AsPlainText -Force
Import-Module $Manifest
$before = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
$null = Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $certificate -TenantId contoso.onmicrosoft.com -ClientId 22222222-2222-2222-2222-222222222222 -ClientSecret $secret -PassThru
$compiled = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $before
$loaded = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in ($Names -split ',') } | ForEach-Object { [ordered]@{ Name = $_.GetName().Name; Location = $_.Location } })
[ordered]@{ Compiled = $compiled; Loaded = $loaded; Policies = @(Get-MSCommerceProductPolicies).Count } | ConvertTo-Json -Depth 4 -Compress
'@ -ArgumentList $Manifest, $script:service.BaseAddress.ToString(), (Join-Path $script:service.Folder 'commerce.db.cer'), ($script:isolatedNames -join ',') -Environment @{
            # No second tier: what is counted is what had no code to run, not which hot methods the background
            # compiler reached meanwhile, which depends on how busy the machine is.
            DOTNET_TC_CallCounting = '0'
        }
        $json = @($run.Output -split "`r?`n" | Where-Object { $_.StartsWith('{') })
        if ($run.ExitCode -ne 0 -or $json.Count -eq 0) {
            throw "The cold sign-in failed (exit code $($run.ExitCode)): $($run.Output) $($run.Errors)"
        }
        $json[-1] | ConvertFrom-Json
    }

    function Get-AssemblyFacts([string] $Path) {
        $stream = [System.IO.File]::OpenRead($Path)
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            [pscustomobject]@{
                Mvid         = $metadata.GetGuid($metadata.GetModuleDefinition().Mvid)
                Version      = $metadata.GetAssemblyDefinition().Version
                ReadyToRun   = $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0
            }
        }
        finally {
            $stream.Dispose()
        }
    }

    # The same module with the IL builds only, as a machine with no precompiled folder of its own has it.
    $script:ilOnly = Join-Path ([System.IO.Path]::GetTempPath()) "mscommerce-il-only-$([guid]::NewGuid().ToString('N'))"
    Copy-Item -Path (Split-Path $script:manifest) -Destination $script:ilOnly -Recurse
    Get-ChildItem (Join-Path $script:ilOnly 'dependencies' 'Core') -Directory | Remove-Item -Recurse -Force
    $script:ilOnlyManifest = Join-Path $script:ilOnly 'SelfServicePurchase.psd1'
    $script:ilRun = Invoke-ColdSignIn -Manifest $script:ilOnlyManifest
}

AfterAll {
    if ($script:ilOnly) { Remove-Item -Path $script:ilOnly -Recurse -Force -ErrorAction SilentlyContinue }
    if ($script:service) { Stop-LocalCommerceService -Service $script:service }
}

Describe 'A module without precompiled dependencies for its machine' {
    It 'loads the IL builds from dependencies/Core, signs in and works' {
        $folder = Join-Path $script:ilOnly 'dependencies' 'Core'
        @($script:ilRun.Loaded | Sort-Object Name | ForEach-Object { "$($_.Name) from $(Split-Path $_.Location)" }) |
            Should -Be @($script:isolatedNames | Sort-Object | ForEach-Object { "$_ from $folder" })
        $script:ilRun.Policies | Should -BeGreaterThan 0
    }
}

Describe 'The dependencies precompiled for this machine' -Skip:(-not $precompiledHere) {
    BeforeAll {
        $script:precompiledRun = Invoke-ColdSignIn -Manifest $script:manifest
    }

    It 'holds each isolated dependency, precompiled, as the same assembly as its IL build' {
        # Besides the four an app's sign-in loads, the persisted token cache of people's sign-ins and what it needs.
        $all = @($script:isolatedNames) + 'Microsoft.Identity.Client.Extensions.Msal', 'System.Security.Cryptography.ProtectedData'
        @(Get-ChildItem $script:precompiled -Filter *.dll).BaseName | Sort-Object | Should -Be @($all | Sort-Object)
        foreach ($name in $all) {
            $il = Get-AssemblyFacts (Join-Path $script:core "$name.dll")
            $native = Get-AssemblyFacts (Join-Path $script:precompiled "$name.dll")
            $native.ReadyToRun | Should -BeTrue -Because "$name in $($script:precompiled) is precompiled"
            $il.ReadyToRun | Should -BeFalse -Because "$name in dependencies/Core is its IL build"
            $native.Mvid | Should -Be $il.Mvid -Because "$name is the same assembly in both folders"
            $native.Version | Should -Be $il.Version
        }
    }

    It 'loads them from the folder named for this machine''s runtime in a new pwsh, and signs in' {
        @($script:precompiledRun.Loaded | Sort-Object Name | ForEach-Object { "$($_.Name) from $(Split-Path $_.Location)" }) |
            Should -Be @($script:isolatedNames | Sort-Object | ForEach-Object { "$_ from $($script:precompiled)" })
        $script:precompiledRun.Policies | Should -Be $script:ilRun.Policies
    }

    It 'runs their code: a cold sign-in compiles under two thirds of the methods the IL builds need' {
        # About 1,100 against 2,100 on linux-x64 with pwsh 7.6.9. Code the runtime refused (built for another
        # .NET) would be compiled again, and the two counts would be about equal.
        Write-Host "ReadyToRun: a cold sign-in compiled $($script:precompiledRun.Compiled) methods with the precompiled dependencies, $($script:ilRun.Compiled) with the IL builds only."
        $script:precompiledRun.Compiled | Should -BeLessThan ($script:ilRun.Compiled * 2 / 3)
    }
}
